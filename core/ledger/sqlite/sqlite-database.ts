import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';

import { LEDGER_SCHEMA_VERSION } from '../ledger-schema';
import { SQLITE_SCHEMA } from './sqlite-schema';

// Loaded on first use so that merely loading the package never fails on a Node without it.
function loadDatabaseSync(): typeof DatabaseSync {
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- node:sqlite is loaded lazily, see above
	return (require('node:sqlite') as typeof import('node:sqlite')).DatabaseSync;
}

/**
 * One SQLite file in WAL mode, shared by every store of the embedded ledger. node:sqlite is
 * synchronous, so a transaction runs to completion without yielding to other requests in this
 * process; `BEGIN IMMEDIATE` takes the write lock first, so other processes wait their turn.
 */
export class SqliteDatabase {
	readonly db: DatabaseSync;

	constructor(readonly path: string) {
		if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
		const DatabaseSyncClass = loadDatabaseSync();
		this.db = new DatabaseSyncClass(path);
		this.db.exec('PRAGMA busy_timeout = 5000');
		this.db.exec('PRAGMA journal_mode = WAL');
		// NORMAL keeps every commit through a killed process; only a power loss may drop the last.
		this.db.exec('PRAGMA synchronous = NORMAL');
		this.db.exec('BEGIN IMMEDIATE');
		try {
			this.db.exec(SQLITE_SCHEMA);
			this.db
				.prepare('INSERT OR IGNORE INTO ledger_meta (key, value) VALUES (?, ?)')
				.run('schema_version', String(LEDGER_SCHEMA_VERSION));
			this.db.exec('COMMIT');
		} catch (error) {
			this.db.exec('ROLLBACK');
			throw error;
		}
	}

	get isOpen(): boolean {
		return this.db.isOpen;
	}

	/**
	 * Runs `work` in one write transaction. `work` is synchronous on purpose: nothing else in this
	 * process can run between BEGIN and COMMIT, and the write lock is never held across an await
	 * (another connection in this thread would block on it with no way for it to finish).
	 */
	async transaction<T>(work: (db: DatabaseSync) => T): Promise<T> {
		this.db.exec('BEGIN IMMEDIATE');
		try {
			const result = work(this.db);
			this.db.exec('COMMIT');
			return result;
		} catch (error) {
			if (this.db.isTransaction) this.db.exec('ROLLBACK');
			throw error;
		}
	}

	close(): void {
		if (this.db.isOpen) this.db.close();
	}
}
