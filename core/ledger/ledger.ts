import type { PaperStore } from '../brokers/paper/paper-book';
import type { OrderJournal } from './order-journal';
import type { SignalLedger } from './signal-ledger';

/**
 * Everything the nodes keep, behind one interface with one schema: the signal log and duplicate
 * claims, the order journal and the paper accounts. SQLite is the embedded backend.
 */
export interface Ledger {
	signals: SignalLedger;
	orders: OrderJournal;
	paper: PaperStore;
	close(): Promise<void>;
}
