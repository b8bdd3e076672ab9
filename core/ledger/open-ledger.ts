import type { SignalLedger } from './signal-ledger';
import { SqliteSignalLedger } from './sqlite/sqlite-signal-ledger';

const openLedgers = new Map<string, SignalLedger>();

/** One open ledger per file for the whole process: every node and request shares it. */
export function sharedSqliteLedger(path: string): SignalLedger {
	let ledger = openLedgers.get(path);
	if (!ledger) {
		ledger = new SqliteSignalLedger(path);
		openLedgers.set(path, ledger);
	}
	return ledger;
}

export async function closeSharedLedgers(): Promise<void> {
	const ledgers = [...openLedgers.values()];
	openLedgers.clear();
	await Promise.all(ledgers.map(async (ledger) => await ledger.close()));
}
