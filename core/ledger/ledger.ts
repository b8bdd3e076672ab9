import type { PaperStore } from './paper-book';
import type { AlertFateStore } from './alert-fate';
import type { LedgerReader } from './ledger-reader';
import type { OrderJournal } from './order-journal';
import type { RiskStore } from './risk-store';
import type { SignalLedger } from './signal-ledger';

/**
 * Everything the nodes keep, behind one interface with one schema: the signal log and duplicate
 * claims, the order journal, the paper accounts and the Risk Check node's reservations and kill
 * switches. SQLite is the embedded backend, PostgreSQL the shared one.
 */
export interface Ledger {
	signals: SignalLedger;
	/** What became of each accepted alert, and the processes' heartbeats (alert-fate.ts). */
	fates: AlertFateStore;
	orders: OrderJournal;
	paper: PaperStore;
	risk: RiskStore;
	/** Read-only SELECTs for the reports (core/reports/). */
	reader: LedgerReader;
	close(): Promise<void>;
}
