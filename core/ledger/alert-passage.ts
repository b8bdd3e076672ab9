import type { AlertSettlement } from './alert-fate';

// An alert can be handled by several Broker Order nodes of one workflow: one per account (an
// account group). Each records its passage when it is done with the alert; the alert's fate is
// settled only when every Broker Order the workflow routes alerts to has passed it, so recovery
// still re-runs an alert that one account never got to, and each account keeps its own alert
// order (docs/design/account-groups.md).

export interface AlertPassage {
	/** The Broker Order node that is done with the alert (its name in the workflow). */
	node: string;
	outcome: AlertSettlement;
}

/** The Broker Order nodes (names) of the workflow that alerts from the trigger reach. */
export type ExpectedPassages = readonly string[];

const PRECEDENCE: readonly AlertSettlement[] = ['failed', 'ordered', 'refused', 'no_order', 'rejected', 'passed'];

/**
 * The alert's outcome from its passages: a failure anywhere is what the ledger shows first (an
 * account that failed must be looked at even when the others ordered), then any order placed.
 */
function combinedOutcome(outcomes: readonly AlertSettlement[]): AlertSettlement {
	for (const outcome of PRECEDENCE) if (outcomes.includes(outcome)) return outcome;
	return 'no_order';
}

/**
 * What the alert's fate settles as once `passed` (its passages so far) includes every expected
 * Broker Order; null while one has not passed it. Both ledger backends decide with this.
 */
export function passageSettlement(passed: readonly AlertPassage[], expected: ExpectedPassages): AlertSettlement | null {
	if (passed.length === 0 || !expected.every((node) => passed.some((passage) => passage.node === node))) return null;
	return combinedOutcome(passed.map((passage) => passage.outcome));
}
