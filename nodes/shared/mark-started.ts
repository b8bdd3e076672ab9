import type { IExecuteFunctions } from 'n8n-workflow';

import type { AlertSettlement } from '../../core/ledger/alert-fate';
import type { Ledger } from '../../core/ledger/ledger';
import type { AlertMarks } from '../../core/order/alert-marks';
import { brokerOrdersAfter, expectedBrokerOrders, placesFromAlerts } from './alert-handlers';

let failedMarks = 0;

/** How many start marks could not be written in this process (they are skipped, not retried). */
export function failedStartMarks(): number {
	return failedMarks;
}

/**
 * Records in the ledger that an execution of the item's alert started, so the trigger can tell
 * a resend of a started alert from one whose execution n8n never started. Best-effort: the
 * item goes on whether or not the mark is written, and an item without an alertId is skipped.
 */
export async function markAlertStarted(context: IExecuteFunctions, ledger: Ledger, alertId: unknown, nodeKind: string): Promise<void> {
	if (typeof alertId !== 'string' || alertId === '') return;
	try {
		const by = `${nodeKind} ${context.getWorkflow().id ?? 'unsaved'}/${context.getNode().id} execution ${context.getExecutionId()}`;
		await ledger.signals.markStarted(alertId, new Date(), by);
	} catch (error) {
		failedMarks += 1;
		try {
			context.logger?.warn(`Could not mark alert ${alertId} as started: ${(error as Error).message}`);
		} catch {
			// A logger that throws must not fail the item either.
		}
	}
}

/** The Broker Orders that must pass this node's alerts, and those after this node (alert-handlers.ts). */
export interface AlertRoad {
	expected: string[];
	after: string[];
}

/** Reads the workflow's graph; the same for every item of one node execution. */
export function alertRoadOf(context: IExecuteFunctions): AlertRoad {
	return { expected: expectedBrokerOrders(context), after: brokerOrdersAfter(context) };
}

/**
 * Records how the item's alert ended at this node, so recovery leaves it alone and the ledger
 * shows its fate. A Broker Order records its own passage; a Risk Check that rejects records one
 * for each Broker Order after it (they will not see the alert); a Risk Check with no Broker Order
 * after it, in a workflow without any, settles the alert. The fate is settled once every Broker
 * Order the trigger's alerts reach has passed (alert-handlers.ts). Best-effort like the start mark.
 */
export async function markAlertSettled(
	context: IExecuteFunctions,
	ledger: Ledger,
	alertId: unknown,
	outcome: AlertSettlement,
	road: () => AlertRoad = () => alertRoadOf(context),
): Promise<void> {
	if (typeof alertId !== 'string' || alertId === '') return;
	try {
		const self = context.getNode();
		const { expected, after } = road();
		const passing = placesFromAlerts(self) ? [self.name] : outcome === 'rejected' ? after : [];
		// A Broker Order that does not place from alerts (Price → Update) is the end of its alert's road.
		if (expected.length === 0 || self.type.endsWith('.brokerOrder') && !placesFromAlerts(self)) {
			await ledger.fates.settleAlert(alertId, outcome, new Date());
			return;
		}
		for (const node of passing) await ledger.fates.passAlert(alertId, { node, outcome }, expected, new Date());
	} catch (error) {
		try {
			context.logger?.warn(`Could not record the outcome of alert ${alertId}: ${(error as Error).message}`);
		} catch {
			// A logger that throws must not fail the item either.
		}
	}
}

/** Both marks for one node's use case, bound to the node and its ledger; the graph is read once. */
export function alertMarksFor(context: IExecuteFunctions, ledger: Ledger, nodeKind: string): AlertMarks {
	let road: AlertRoad | undefined;
	const roadOnce = (): AlertRoad => (road ??= alertRoadOf(context));
	return {
		started: async (alertId) => await markAlertStarted(context, ledger, alertId, nodeKind),
		settled: async (alertId, outcome) => await markAlertSettled(context, ledger, alertId, outcome, roadOnce),
	};
}
