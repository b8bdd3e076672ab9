import type { IExecuteFunctions } from 'n8n-workflow';

import type { Ledger } from '../../core/ledger/ledger';

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
