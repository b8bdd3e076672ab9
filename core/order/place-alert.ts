import type { AlertOrderStore } from '../ledger/alert-order';
import type { RiskStore } from '../ledger/risk-store';
import { approvedEnvelopeFor } from '../risk/approval-ref';
import { reservationIdOf, settleReservation } from '../risk/settle-reservation';
import { describeIssues, INVALID_INPUT, type Result, zodFieldIssues } from '../util/result';
import type { AlertMarks } from './alert-marks';
import { type AlertExecution, executeAlert } from './execute-alert';
import { type AlertOrderInput, alertOrderInputSchema, type OrderSettings, orderSettingsSchema } from './order-input';
import type { PlaceOnceContext } from './place-once';
import { NotSentError, PartiallyPlacedError } from './placement-errors';

const DEFAULT_ALERT_ORDER_WAIT_SECONDS = 30;
const DEFAULT_EXIT_FILL_WAIT_SECONDS = 15;

/** The fields of the order input: Broker Order has one parameter per field, named like it. */
export const ALERT_ORDER_FIELDS = alertOrderInputSchema.keyof().options;

/** Broker Order's Place parameters as n8n hands them over. */
export interface PlaceAlertParameters {
	alert: Record<string, unknown>;
	sizingMode: unknown;
	/** Absent with the Alert Quantity sizing, which has no value. */
	sizingValue?: unknown;
	options: Record<string, unknown>;
}

export interface PlaceAlertRequest {
	input: AlertOrderInput;
	settings: OrderSettings;
	dryRun: boolean;
	alertOrderWaitMs: number;
	exitFillTimeoutMs: number;
	maxAttempts: number | undefined;
}

const invalid = (field: string, message: string): Result<never> => ({ ok: false, failure: { code: INVALID_INPUT, field, message } });

/** The alert and the sizing settings, checked; every problem names the field to fix. */
export function readPlaceAlert(parameters: PlaceAlertParameters): Result<PlaceAlertRequest> {
	const input = alertOrderInputSchema.safeParse(parameters.alert);
	if (!input.success) return invalid('alert', `Invalid order input: ${describeIssues(zodFieldIssues(input.error.issues))}`);
	const options = parameters.options;
	const sizingMode = parameters.sizingMode ?? 'alert';
	const settings = orderSettingsSchema.safeParse({
		sizingMode,
		sizingValue: sizingMode === 'alert' ? 0 : (parameters.sizingValue ?? 0),
		quantityStep: options.quantityStep ?? 0,
		targetPositionMode: options.targetPositionMode ?? false,
		reverse: options.reverse ?? false,
		defaultTimeInForce: options.defaultTimeInForce ?? 'gtc',
		maxSizedQuantity: Number(options.maxSizedQuantity ?? 0) > 0 ? options.maxSizedQuantity : null,
	});
	if (!settings.success) return invalid('placeOptions', `Invalid settings: ${describeIssues(zodFieldIssues(settings.error.issues))}`);
	if (settings.data.sizingMode !== 'alert' && !(settings.data.sizingValue > 0)) {
		return invalid('sizingValue', 'Sizing Value must be greater than 0 for this sizing');
	}
	return {
		ok: true,
		value: {
			input: input.data,
			settings: settings.data,
			dryRun: options.dryRun === true,
			alertOrderWaitMs: Number(options.alertOrderWaitSeconds ?? DEFAULT_ALERT_ORDER_WAIT_SECONDS) * 1000,
			exitFillTimeoutMs: Number(options.exitFillWaitSeconds ?? DEFAULT_EXIT_FILL_WAIT_SECONDS) * 1000,
			maxAttempts: options.maxAttempts as number | undefined,
		},
	};
}

export interface PlaceAlertContext extends PlaceOnceContext {
	/** Risk Check's reservations and approvals. */
	risk: RiskStore;
	/** The workflow's alerts in acceptance order, per symbol. */
	alertOrder: AlertOrderStore;
	/** The Broker Order node: each of an account group keeps its own alert order. */
	node: string;
	marks: AlertMarks;
}

/** What became of Risk Check's reservation: null when the item carried none. */
export type ReservationOutcome = { id: string; status: string; note?: undefined } | { id: string; status: null; note: string } | null;

export interface PlacedAlert {
	execution: AlertExecution;
	riskReservation: ReservationOutcome;
}

/**
 * Places the alert's orders (at most once each) within what Risk Check approved for the item,
 * then settles its reservation and records how the alert ended here. A refusal is returned; an
 * error from the broker or the ledger is thrown after the reservation and the alert are settled.
 */
export async function placeAlert(request: PlaceAlertRequest, item: unknown, context: PlaceAlertContext): Promise<Result<PlacedAlert>> {
	const { input } = request;
	await context.marks.started(input.alertId);
	const reservationId = reservationIdOf(item);
	let riskReservation: ReservationOutcome = null;
	const settle = async (outcome: Parameters<typeof settleReservation>[2]) => {
		if (reservationId === null) return;
		const stored = await settleReservation(context.risk, reservationId, outcome, new Date());
		riskReservation = stored
			? { id: reservationId, status: stored.status }
			: { id: reservationId, status: null, note: "not in this node's ledger: give Risk Check and Broker Order the same Ledger setting" };
	};
	const approved = await approvedEnvelopeFor(item, context.risk, new Date());
	if (!approved.ok) {
		await settle({ placed: false, reason: approved.failure });
		await context.marks.settled(input.alertId, 'refused');
		return { ok: false, failure: { code: 'outside_approval', field: 'risk', message: `Not sent: ${approved.failure}` } };
	}
	let result;
	try {
		result = await executeAlert(input, request.settings, {
			...context,
			dryRun: request.dryRun,
			envelope: approved.value,
			alertOrder: { store: context.alertOrder, maxWaitMs: request.alertOrderWaitMs, node: context.node },
			exitFillTimeoutMs: request.exitFillTimeoutMs,
		});
	} catch (error) {
		// Legs already placed exist: their reservation counts, whatever failed after them.
		await settle(error instanceof PartiallyPlacedError ? { placed: true } : { placed: false, reason: (error as Error).message, error });
		await context.marks.settled(input.alertId, error instanceof NotSentError ? 'refused' : 'failed');
		throw error;
	}
	if (!result.ok) {
		await settle({ placed: false, reason: result.failure.message });
		await context.marks.settled(input.alertId, 'refused');
		return { ok: false, failure: { ...result.failure, message: describeIssues([result.failure]) } };
	}
	const execution = result.value;
	const placed = execution.orders.some((leg) => leg.order !== null);
	await settle(placed ? { placed: true } : { placed: false, reason: execution.dryRun ? 'dry run' : execution.note });
	await context.marks.settled(input.alertId, placed ? 'ordered' : 'no_order');
	return { ok: true, value: { execution, riskReservation } };
}
