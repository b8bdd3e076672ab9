import type { AlertSettlement } from '../ledger/alert-fate';

/**
 * Where a node records that it started on an alert and how the alert ended there (the ledger's
 * signal log and alert fates). Best-effort: a mark that cannot be written never fails the item.
 */
export interface AlertMarks {
	started(alertId: unknown): Promise<void>;
	settled(alertId: unknown, outcome: AlertSettlement): Promise<void>;
}
