import type { BrokerOrder, OrderIntent, OrderPreview } from '../brokers/broker';
import { type ApprovalEnvelope, fitToEnvelope } from './approval-envelope';
import { fail, type Planned } from './order-failure';
import { NotSentError, PartiallyPlacedError } from './placement-errors';
import type { AlertOrderInput, OrderSettings } from './order-input';
import { type PlaceOnceContext, placeOnce } from './place-once';
import { type AlertPlan, type OrderLeg, planAlertOrders } from './plan-alert-orders';

export interface ExecuteAlertContext extends PlaceOnceContext {
	dryRun: boolean;
	/** What Risk Check approved for this alert: nothing outside it is sent. Null without a Risk Check. */
	envelope?: ApprovalEnvelope | null;
}

export interface LegResult {
	leg: OrderLeg;
	clientOrderId: string;
	/** The order as this package asked for it. */
	request: OrderIntent;
	/** Dry run: the exact request the broker would be sent, validated as placing would. */
	brokerRequest?: OrderPreview;
	order: BrokerOrder | null;
	alreadyPlaced: boolean;
}

export interface AlertExecution {
	note: string;
	drift: AlertPlan['drift'];
	role: AlertPlan['role'];
	/** Legs lowered to what Risk Check approved, e.g. `open: 50 → 5`. */
	clampedToApproval: string[];
	dryRun: boolean;
	orders: LegResult[];
	canceled: BrokerOrder[];
}

/** Brokers that simulate fills learn prices from alerts (the Paper broker). */
interface PriceObserver {
	markPrice(symbol: string, price: number): Promise<BrokerOrder[]>;
}

function observesPrices(broker: object): broker is PriceObserver {
	return typeof (broker as Partial<PriceObserver>).markPrice === 'function';
}

/**
 * Plans the alert's orders and carries them out, each at most once. A failure before any order
 * was sent is a NotSentError; a failure after some legs were placed is a PartiallyPlacedError,
 * so the caller can tell whether orders exist.
 */
export async function executeAlert(
	input: AlertOrderInput,
	settings: OrderSettings,
	context: ExecuteAlertContext,
): Promise<Planned<AlertExecution>> {
	let planned: Planned<{ plan: AlertPlan; steps: AlertPlan['steps']; clampedToApproval: string[] }>;
	try {
		planned = await planForSending(input, settings, context);
	} catch (error) {
		throw new NotSentError('the order could not be planned', error);
	}
	if (!planned.ok) return planned;
	const { plan, steps, clampedToApproval } = planned.value;
	const execution: AlertExecution = {
		note: clampedToApproval.length > 0 ? `${plan.note}, lowered to what Risk Check approved (${clampedToApproval.join(', ')})` : plan.note,
		drift: plan.drift,
		role: plan.role,
		clampedToApproval,
		dryRun: context.dryRun,
		orders: [],
		canceled: [],
	};
	try {
		await sendSteps(steps, execution, context);
	} catch (error) {
		const placed = execution.orders.filter((leg) => leg.order !== null).map((leg) => leg.clientOrderId);
		if (placed.length > 0 || execution.canceled.length > 0) throw new PartiallyPlacedError(error, placed);
		throw error;
	}
	return { ok: true, value: execution };
}

/** The plan, fitted to Risk Check's approval when there is one. Nothing is sent here. */
async function planForSending(
	input: AlertOrderInput,
	settings: OrderSettings,
	context: ExecuteAlertContext,
): Promise<Planned<{ plan: AlertPlan; steps: AlertPlan['steps']; clampedToApproval: string[] }>> {
	const { broker } = context;
	if (!context.dryRun && input.symbol !== null && input.price !== null && observesPrices(broker)) {
		await broker.markPrice(input.symbol, input.price);
	}
	let position: Promise<number> | null = null;
	const positionOf = async (symbol: string) => await (position ??= broker.getPosition(symbol).then((held) => held?.quantity ?? 0));
	const planned = await planAlertOrders(input, settings, {
		scope: context.scope,
		position: positionOf,
		equity: async () => (await broker.getAccount()).equity,
	});
	if (!planned.ok) return planned;
	const plan = planned.value;
	let steps = plan.steps;
	let clampedToApproval: string[] = [];
	if (context.envelope) {
		const current = input.symbol === null ? 0 : await positionOf(input.symbol);
		const fitted = fitToEnvelope(input.symbol ?? '', input.alertId, steps, context.envelope, current, settings.quantityStep);
		if (fitted.ok) {
			steps = fitted.steps;
			clampedToApproval = fitted.clamped;
		} else if (!(await allPlacedBefore(steps, context))) {
			return fail('outside_approval', 'risk', `${fitted.message}: nothing was sent (Broker Order never sends a leg outside what Risk Check approved)`);
		}
		// Else a re-run of an alert whose legs were all placed: it plans from the position they made,
		// but its legs carry the same client order ids, so placeOnce reads them back and sends nothing.
	}
	return { ok: true, value: { plan, steps, clampedToApproval } };
}

async function allPlacedBefore(steps: AlertPlan['steps'], context: ExecuteAlertContext): Promise<boolean> {
	const places = steps.filter((step) => step.kind === 'place');
	if (places.length === 0) return false;
	for (const step of places) {
		const claim = await context.journal.getClaim(step.intent.clientOrderId).catch(() => null);
		if (claim?.state !== 'placed') return false;
	}
	return true;
}

async function sendSteps(steps: AlertPlan['steps'], execution: AlertExecution, context: ExecuteAlertContext): Promise<void> {
	const { broker } = context;
	for (const step of steps) {
		if (step.kind === 'cancel_open_orders') {
			if (context.dryRun) continue;
			for (const order of await broker.listOpenOrders(step.symbol)) {
				execution.canceled.push(await broker.cancelOrder(order.clientOrderId));
			}
			continue;
		}
		const { intent, leg } = step;
		if (context.dryRun) {
			const brokerRequest = await broker.previewOrder(intent);
			await context.journal.record({
				at: (context.now ?? (() => new Date()))(),
				scope: context.scope,
				broker: broker.name,
				alertId: intent.alertId,
				clientOrderId: intent.clientOrderId,
				kind: 'dry_run',
				detail: { request: intent, brokerRequest },
			});
			execution.orders.push({ leg, clientOrderId: intent.clientOrderId, request: intent, brokerRequest, order: null, alreadyPlaced: false });
			continue;
		}
		const placed = await placeOnce(intent, context);
		execution.orders.push({
			leg,
			clientOrderId: intent.clientOrderId,
			request: intent,
			order: placed.order,
			alreadyPlaced: placed.alreadyPlaced,
		});
	}
}
