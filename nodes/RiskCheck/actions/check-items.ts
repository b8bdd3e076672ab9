import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Ledger } from '../../../core/ledger/ledger';
import { sweepInBackground } from '../../../core/ledger/retention';
import { buildRiskSettings } from '../../../core/risk/build-risk-settings';
import { evaluateRisk } from '../../../core/risk/evaluate-risk';
import type { AccountView } from '../../../core/risk/position-rules';
import { orderInputFromItem } from '../../../core/order/alert-item-fields';
import { riskInputSchema } from '../../../core/risk/risk-input';
import { RESERVATION_RETENTION_DAYS } from '../../../core/risk/risk-settings';
import { BROKER_CREDENTIAL_TYPES, createBroker, paperAccountOf } from '../../shared/brokers/broker-factory';
import { brokerOrderFollows } from '../../shared/alert-handlers';
import { markAlertSettled, markAlertStarted } from '../../shared/mark-started';
import { issuesToMessage } from '../../shared/zod-issues';
import { alertQuantityFor } from '../../../core/order/scaled-alert';
import { describeIssues } from '../../../core/util/result';

function settingsFor(context: IExecuteFunctions, itemIndex: number) {
	const sessions = context.getNodeParameter('tradingSession', itemIndex, {}) as { session?: IDataObject };
	const rates = context.getNodeParameter('rateLimits', itemIndex, {}) as { limit?: IDataObject[] };
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const counterName = String(options.counterName ?? '').trim();
	const built = buildRiskSettings({
		book: counterName === '' ? `${context.getWorkflow().id ?? 'unsaved'}/${context.getNode().id}` : `named:${counterName}`,
		killSwitch: String(context.getNodeParameter('killSwitch', itemIndex, '')),
		rules: context.getNodeParameter('rules', itemIndex, {}) as IDataObject,
		session: sessions.session ?? null,
		rateLimits: rates.limit ?? [],
		reservationTtlMinutes: Number(options.reservationTtlMinutes ?? 10),
		plan: context.getNodeParameter('orderPlan', itemIndex, {}) as IDataObject,
	});
	if (!built.ok) {
		throw new NodeOperationError(context.getNode(), `Risk Check is misconfigured: ${describeIssues(built.failure)}`, { itemIndex });
	}
	return built.value;
}

/**
 * The account the plan and the position and daily loss rules read, named so each keeps its own
 * day mark. The broker is only made when something is read.
 */
function accountViewFor(context: IExecuteFunctions, ledger: Ledger, itemIndex: number): AccountView {
	const source = context.getNodeParameter('positionSource', itemIndex, 'paper') as string;
	let broker: ReturnType<typeof createBroker> | null = null;
	const connect = async () => await (broker ??= createBroker(context, ledger, itemIndex, source));
	const owner = source === 'paper' ? paperAccountOf(context, itemIndex).account : (context.getNode().credentials?.[BROKER_CREDENTIAL_TYPES[source]]?.id ?? 'unsaved');
	return { key: `${source}:${owner}`, positions: async () => await (await connect()).listPositions(), account: async () => await (await connect()).getAccount() };
}

/** One item through every rule: to Pass with the approved quantity, or to Reject with reasons. */
export async function checkItem(
	context: IExecuteFunctions,
	ledger: Ledger,
	item: INodeExecutionData,
	itemIndex: number,
): Promise<{ passed: boolean; json: IDataObject }> {
	await markAlertStarted(context, ledger, item.json.alertId, 'Risk Check');
	const input = riskInputSchema.safeParse(item.json);
	if (!input.success) {
		throw new NodeOperationError(context.getNode(), `The item is not an alert Risk Check can read: ${issuesToMessage(input.error.issues)}`, {
			itemIndex,
			description: 'Risk Check reads the TradingView Trigger\'s fields (symbol, action, quantity, price, alertId). Shape other items with an Edit Fields node.',
		});
	}
	const order = orderInputFromItem(item.json);
	if (!order.success) {
		throw new NodeOperationError(context.getNode(), `The item's order fields are not valid: ${issuesToMessage(order.error.issues)}`, { itemIndex });
	}
	const settings = settingsFor(context, itemIndex);
	const checkedAt = new Date();
	const account = accountViewFor(context, ledger, itemIndex);
	const decision = await evaluateRisk(input.data, order.data, settings, ledger.risk, checkedAt, account);
	// Reservations older than any counter looks back are deleted, at most hourly.
	sweepInBackground(ledger.risk, async (cutoff) => await ledger.risk.purgeReservationsBefore(cutoff), checkedAt, RESERVATION_RETENTION_DAYS);
	const json: IDataObject = { ...item.json, risk: { ...decision, checkedAt: checkedAt.toISOString() } as unknown as IDataObject };
	// Broker Order reads {{$json.quantity}}: a clamp must reach it.
	if (decision.passed && decision.quantity.clampedBy.length > 0) json.quantity = alertQuantityFor(decision.quantity.approved, settings.plan);
	if (!decision.passed) await markAlertSettled(context, ledger, item.json.alertId, 'rejected');
	else if (!brokerOrderFollows(context)) await markAlertSettled(context, ledger, item.json.alertId, 'passed');
	return { passed: decision.passed, json };
}
