import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { describeTurn } from '../../../core/order/alert-turn';
import { executeAlert } from '../../../core/order/execute-alert';
import { NotSentError, PartiallyPlacedError } from '../../../core/order/placement-errors';
import { approvedEnvelopeFor } from '../../../core/risk/approval-ref';
import { reservationIdOf, settleReservation } from '../../../core/risk/settle-reservation';
import { alertOrderInputSchema, orderSettingsSchema } from '../../../core/order/order-input';
import { brokerContextFor } from '../broker-context';
import { markAlertSettled, markAlertStarted } from '../../shared/mark-started';
import { issuesToMessage } from '../../shared/zod-issues';

const DEFAULT_ALERT_ORDER_WAIT_SECONDS = 30;
const DEFAULT_EXIT_FILL_WAIT_SECONDS = 15;

// The node has one parameter per field of the order input, named like it.
const ALERT_FIELDS = alertOrderInputSchema.keyof().options;

export async function placeFromAlert(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const raw: Record<string, unknown> = {};
	for (const field of ALERT_FIELDS) raw[field] = this.getNodeParameter(field, itemIndex, null);
	const input = alertOrderInputSchema.safeParse(raw);
	if (!input.success) {
		throw new NodeOperationError(this.getNode(), `Invalid order input: ${issuesToMessage(input.error.issues)}`, { itemIndex });
	}
	const options = this.getNodeParameter('placeOptions', itemIndex, {}) as IDataObject;
	const sizingMode = this.getNodeParameter('sizingMode', itemIndex, 'alert') as string;
	const settings = orderSettingsSchema.safeParse({
		sizingMode,
		sizingValue: sizingMode === 'alert' ? 0 : this.getNodeParameter('sizingValue', itemIndex, 0),
		quantityStep: options.quantityStep ?? 0,
		targetPositionMode: options.targetPositionMode ?? false,
		reverse: options.reverse ?? false,
		defaultTimeInForce: options.defaultTimeInForce ?? 'gtc',
		maxSizedQuantity: Number(options.maxSizedQuantity ?? 0) > 0 ? options.maxSizedQuantity : null,
	});
	if (!settings.success) {
		throw new NodeOperationError(this.getNode(), `Invalid settings: ${issuesToMessage(settings.error.issues)}`, { itemIndex });
	}
	if (settings.data.sizingMode !== 'alert' && !(settings.data.sizingValue > 0)) {
		throw new NodeOperationError(this.getNode(), 'Sizing Value must be greater than 0 for this sizing', { itemIndex });
	}
	const context = await brokerContextFor(this, itemIndex, options.maxAttempts as number | undefined);
	await markAlertStarted(this, context.ledger, input.data.alertId, 'Broker Order');
	const reservationId = reservationIdOf(this.getInputData()[itemIndex]?.json);
	let riskReservation: IDataObject | null = null;
	const settle = async (outcome: Parameters<typeof settleReservation>[2]) => {
		if (reservationId === null) return;
		const stored = await settleReservation(context.ledger.risk, reservationId, outcome, new Date());
		riskReservation = stored
			? { id: reservationId, status: stored.status }
			: { id: reservationId, status: null, note: "not in this node's ledger: give Risk Check and Broker Order the same Ledger setting" };
	};
	const approved = await approvedEnvelopeFor(this.getInputData()[itemIndex]?.json, context.ledger.risk, new Date());
	const settleAlert = async (outcome: Parameters<typeof markAlertSettled>[3]) =>
		await markAlertSettled(this, context.ledger, input.data.alertId, outcome);
	if (!approved.ok) {
		await settle({ placed: false, reason: approved.message });
		await settleAlert('refused');
		throw new NodeOperationError(this.getNode(), `Not sent: ${approved.message}`, { itemIndex, description: 'Reason code: outside_approval' });
	}
	let result;
	try {
		result = await executeAlert(input.data, settings.data, {
			...context,
			dryRun: options.dryRun === true,
			envelope: approved.envelope,
			alertOrder: {
				store: context.ledger.fates,
				maxWaitMs: Number(options.alertOrderWaitSeconds ?? DEFAULT_ALERT_ORDER_WAIT_SECONDS) * 1000,
				// Each Broker Order of an account group keeps its own alert order.
				node: this.getNode().name,
			},
			exitFillTimeoutMs: Number(options.exitFillWaitSeconds ?? DEFAULT_EXIT_FILL_WAIT_SECONDS) * 1000,
		});
	} catch (error) {
		// Legs already placed exist: their reservation counts, whatever failed after them.
		await settle(error instanceof PartiallyPlacedError ? { placed: true } : { placed: false, reason: (error as Error).message, error });
		await settleAlert(error instanceof NotSentError ? 'refused' : 'failed');
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- unchanged: the node's execute turns it into a NodeApiError
		throw error;
	}
	if (!result.ok) {
		await settle({ placed: false, reason: result.failure.message });
		await settleAlert('refused');
		throw new NodeOperationError(this.getNode(), `${result.failure.field}: ${result.failure.message}`, {
			itemIndex,
			description: `Reason code: ${result.failure.code}`,
		});
	}
	const execution = result.value;
	const placed = execution.orders.some((leg) => leg.order !== null);
	await settle(placed ? { placed: true } : { placed: false, reason: execution.dryRun ? 'dry run' : execution.note });
	await settleAlert(placed ? 'ordered' : 'no_order');
	const last = execution.orders[execution.orders.length - 1];
	return {
		broker: context.broker.name,
		alertId: input.data.alertId,
		action: input.data.action,
		symbol: input.data.symbol,
		note: execution.note,
		role: execution.role,
		clampedToApproval: execution.clampedToApproval,
		dryRun: execution.dryRun,
		orderId: last?.order?.brokerOrderId ?? null,
		clientOrderId: last?.clientOrderId ?? null,
		status: last?.order?.status ?? (execution.dryRun && last ? 'dry_run' : null),
		filledQuantity: last?.order?.filledQuantity ?? null,
		averagePrice: last?.order?.averageFillPrice ?? null,
		alreadyPlaced: last?.alreadyPlaced ?? false,
		drift: execution.drift,
		alertOrder: execution.turn ? { ...execution.turn, note: describeTurn(input.data.symbol, execution.turn) } : null,
		exitConfirmedBy: execution.exitConfirmedBy,
		unfilledMarketOrders: execution.unfilledMarketOrders,
		orders: execution.orders,
		canceled: execution.canceled,
		stopsMoved: execution.stopsMoved,
		filledByPrice: execution.filledByPrice,
		riskReservation,
	} as unknown as IDataObject;
}
