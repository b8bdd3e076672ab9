import type { RiskStore } from '../ledger/risk-store';
import { sweepInBackground } from '../ledger/retention';
import type { AlertMarks } from '../order/alert-marks';
import { orderInputFromItem } from '../order/alert-item-fields';
import { alertQuantityFor } from '../order/scaled-alert';
import { describeIssues, INVALID_INPUT, type Result, zodFieldIssues } from '../util/result';
import { buildRiskSettings, type RawRiskParameters } from './build-risk-settings';
import { evaluateRisk, type RiskDecision } from './evaluate-risk';
import type { AccountView } from './position-rules';
import { riskInputSchema } from './risk-input';
import { RESERVATION_RETENTION_DAYS } from './risk-settings';

export interface CheckAlertContext {
	risk: RiskStore;
	/** The node's rule parameters, read only once the item is known to be an alert. */
	parameters: () => RawRiskParameters;
	/** The account the plan and the position and daily loss rules read; its broker is only made when something is read. */
	account: () => AccountView;
	marks: AlertMarks;
	/** Whether a Broker Order follows: then it, not Risk Check, ends a passed alert's handling. */
	brokerOrderFollows: () => boolean;
}

export interface CheckedAlert {
	decision: RiskDecision;
	checkedAt: Date;
	/** The quantity the item must carry after a rule lowered it (Broker Order reads the item's quantity); absent when unchanged. */
	clampedQuantity?: number | null;
}

const invalid = (field: string, message: string, hint?: string): Result<never> => ({ ok: false, failure: { code: INVALID_INPUT, field, message, hint } });

/**
 * One item through every rule, reserving its place in the counters when it passes; records
 * how the alert ended here when Risk Check is the end of its road. An item that is not an alert,
 * or settings that do not work, are returned as the problem to fix.
 */
export async function checkAlert(item: Record<string, unknown>, context: CheckAlertContext): Promise<Result<CheckedAlert>> {
	await context.marks.started(item.alertId);
	const input = riskInputSchema.safeParse(item);
	if (!input.success) {
		return invalid(
			'item',
			`The item is not an alert Risk Check can read: ${describeIssues(zodFieldIssues(input.error.issues))}`,
			"Risk Check reads the TradingView Trigger's fields (symbol, action, quantity, price, alertId). Shape other items with an Edit Fields node.",
		);
	}
	const order = orderInputFromItem(item);
	if (!order.success) return invalid('item', `The item's order fields are not valid: ${describeIssues(zodFieldIssues(order.error.issues))}`);
	const built = buildRiskSettings(context.parameters());
	if (!built.ok) return invalid('parameters', `Risk Check is misconfigured: ${describeIssues(built.failure)}`);
	const settings = built.value;
	const checkedAt = new Date();
	const decision = await evaluateRisk(input.data, order.data, settings, context.risk, checkedAt, context.account());
	// Reservations older than any counter looks back are deleted, at most hourly.
	sweepInBackground(context.risk, async (cutoff) => await context.risk.purgeReservationsBefore(cutoff), checkedAt, RESERVATION_RETENTION_DAYS);
	const clamped = decision.passed && decision.quantity.clampedBy.length > 0;
	if (!decision.passed) await context.marks.settled(item.alertId, 'rejected');
	else if (!context.brokerOrderFollows()) await context.marks.settled(item.alertId, 'passed');
	return { ok: true, value: clamped ? { decision, checkedAt, clampedQuantity: alertQuantityFor(decision.quantity.approved, settings.plan) } : { decision, checkedAt } };
}
