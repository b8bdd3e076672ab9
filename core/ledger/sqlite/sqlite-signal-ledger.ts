import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DatabaseSync as DatabaseSyncType, SQLInputValue } from 'node:sqlite';

import type {
	RejectedSignal,
	SignalEntry,
	SignalLedger,
	SignalOutcome,
	SignalQuery,
	StoredSignal,
} from '../signal-ledger';
import { SQLITE_SCHEMA, SQLITE_SCHEMA_VERSION } from './sqlite-schema';

// Loaded on first use so that merely loading the package never fails on a Node without it.
function loadDatabaseSync(): typeof DatabaseSyncType {
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- node:sqlite is loaded lazily, see above
	return (require('node:sqlite') as typeof import('node:sqlite')).DatabaseSync;
}

interface SignalRow {
	id: number;
	received_at: string;
	scope: string;
	source_ip: string | null;
	outcome: SignalOutcome;
	http_status: number;
	reason: string | null;
	alert_id: string | null;
	body: string;
	details: string | null;
}

/**
 * The embedded ledger: one SQLite file in WAL mode. node:sqlite is synchronous, so each method
 * runs to completion without yielding to other requests in this process; `BEGIN IMMEDIATE`
 * takes the write lock first, so other processes on the same file wait their turn.
 */
export class SqliteSignalLedger implements SignalLedger {
	private readonly db: DatabaseSyncType;

	constructor(readonly path: string) {
		if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
		const DatabaseSync = loadDatabaseSync();
		this.db = new DatabaseSync(path);
		this.db.exec('PRAGMA busy_timeout = 5000');
		this.db.exec('PRAGMA journal_mode = WAL');
		// NORMAL keeps every commit through a killed process; only a power loss may drop the last.
		this.db.exec('PRAGMA synchronous = NORMAL');
		this.transaction(() => {
			this.db.exec(SQLITE_SCHEMA);
			this.db
				.prepare('INSERT OR IGNORE INTO ledger_meta (key, value) VALUES (?, ?)')
				.run('schema_version', String(SQLITE_SCHEMA_VERSION));
		});
	}

	async admitSignal(
		entry: SignalEntry & { alertId: string },
		dedupeWindowMs: number,
	): Promise<SignalOutcome> {
		return this.transaction(() => {
			const outcome = this.claim(entry, dedupeWindowMs);
			this.insertSignal(entry, outcome, 200, null, null);
			return outcome;
		});
	}

	async recordRejectedSignal(entry: RejectedSignal): Promise<void> {
		this.insertSignal(entry, 'rejected', entry.httpStatus, entry.reason, entry.details);
	}

	async listSignals(query: SignalQuery = {}): Promise<StoredSignal[]> {
		const where: string[] = [];
		const params: SQLInputValue[] = [];
		if (query.scope !== undefined) {
			where.push('scope = ?');
			params.push(query.scope);
		}
		if (query.alertId !== undefined) {
			where.push('alert_id = ?');
			params.push(query.alertId);
		}
		if (query.outcome !== undefined) {
			where.push('outcome = ?');
			params.push(query.outcome);
		}
		const sql =
			'SELECT * FROM signal_log' +
			(where.length ? ` WHERE ${where.join(' AND ')}` : '') +
			' ORDER BY id LIMIT ?';
		params.push(query.limit ?? 10_000);
		const rows = this.db.prepare(sql).all(...params) as unknown as SignalRow[];
		return rows.map(toStoredSignal);
	}

	async purgeSignalsBefore(cutoff: Date): Promise<number> {
		return this.transaction(() => {
			const signals = this.db
				.prepare('DELETE FROM signal_log WHERE received_at < ?')
				.run(cutoff.toISOString());
			const claims = this.db
				.prepare('DELETE FROM signal_claim WHERE expires_at_ms <= ?')
				.run(cutoff.getTime());
			return Number(signals.changes) + Number(claims.changes);
		});
	}

	async close(): Promise<void> {
		if (this.db.isOpen) this.db.close();
	}

	private claim(entry: SignalEntry & { alertId: string }, dedupeWindowMs: number): SignalOutcome {
		if (dedupeWindowMs <= 0) return 'accepted';
		const now = entry.receivedAt.getTime();
		// A claim whose window has passed is taken over; a live one leaves the row unchanged.
		const result = this.db
			.prepare(
				`INSERT INTO signal_claim (scope, alert_id, claimed_at_ms, expires_at_ms)
				VALUES (?, ?, ?, ?)
				ON CONFLICT (scope, alert_id) DO UPDATE
				SET claimed_at_ms = excluded.claimed_at_ms, expires_at_ms = excluded.expires_at_ms
				WHERE signal_claim.expires_at_ms <= excluded.claimed_at_ms`,
			)
			.run(entry.scope, entry.alertId, now, now + dedupeWindowMs);
		return Number(result.changes) === 1 ? 'accepted' : 'duplicate';
	}

	private insertSignal(
		entry: SignalEntry,
		outcome: SignalOutcome,
		httpStatus: number,
		reason: string | null,
		details: unknown,
	): void {
		this.db
			.prepare(
				`INSERT INTO signal_log
				(received_at, scope, source_ip, outcome, http_status, reason, alert_id, body, details)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			)
			.run(
				entry.receivedAt.toISOString(),
				entry.scope,
				entry.sourceIp,
				outcome,
				httpStatus,
				reason,
				entry.alertId,
				entry.body,
				details === null || details === undefined ? null : JSON.stringify(details),
			);
	}

	private transaction<T>(work: () => T): T {
		this.db.exec('BEGIN IMMEDIATE');
		try {
			const result = work();
			this.db.exec('COMMIT');
			return result;
		} catch (error) {
			this.db.exec('ROLLBACK');
			throw error;
		}
	}
}

function toStoredSignal(row: SignalRow): StoredSignal {
	return {
		id: Number(row.id),
		receivedAt: row.received_at,
		scope: row.scope,
		sourceIp: row.source_ip,
		outcome: row.outcome,
		httpStatus: Number(row.http_status),
		reason: row.reason,
		alertId: row.alert_id,
		body: row.body,
		details: row.details === null ? null : JSON.parse(row.details),
	};
}
