/**
 * Whether the trigger lets n8n send the `accepted` answer after it has stored (and in queue mode
 * queued) the execution, instead of writing it before returning the alert. Off by default:
 * deferring was measured to make answers slower under a burst, in one process and in queue mode
 * (docs/benchmarks.md), and an execution lost after an early answer is re-run by the Alert
 * Recovery trigger from the alert's fate in the ledger (docs/design/alert-recovery.md).
 */
export function answersAfterQueued(option: unknown): boolean {
	return option === true;
}
