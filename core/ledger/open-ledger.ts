import type { Ledger } from './ledger';
import type { SignalLedger } from './signal-ledger';
import { beatWhileOpen } from './process-heartbeat';
import { SqliteAlertFates } from './sqlite/sqlite-alert-fates';
import { SqliteDatabase } from './sqlite/sqlite-database';
import { SqliteOrderJournal } from './sqlite/sqlite-order-journal';
import { SqlitePaperStore } from './sqlite/sqlite-paper-store';
import { SqliteReader } from './sqlite/sqlite-reader';
import { SqliteRiskStore } from './sqlite/sqlite-risk-store';
import { SqliteSignalLedger } from './sqlite/sqlite-signal-ledger';

const openLedgers = new Map<string, Ledger>();

export function openSqliteLedger(path: string): Ledger {
	const database = new SqliteDatabase(path);
	return {
		signals: new SqliteSignalLedger(database),
		fates: new SqliteAlertFates(database),
		orders: new SqliteOrderJournal(database),
		paper: new SqlitePaperStore(database),
		risk: new SqliteRiskStore(database),
		reader: new SqliteReader(database),
		close: async () => database.close(),
	};
}

/** One open ledger per file for the whole process: every node and request shares it. */
export function sharedLedger(path: string): Ledger {
	let ledger = openLedgers.get(path);
	if (!ledger) {
		ledger = beatWhileOpen(openSqliteLedger(path));
		openLedgers.set(path, ledger);
	}
	return ledger;
}

export function sharedSqliteLedger(path: string): SignalLedger {
	return sharedLedger(path).signals;
}

export async function closeSharedLedgers(): Promise<void> {
	const ledgers = [...openLedgers.values()];
	openLedgers.clear();
	await Promise.all(ledgers.map(async (ledger) => await ledger.close()));
}
