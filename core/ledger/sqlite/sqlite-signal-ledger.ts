import type { DatabaseSync, SQLInputValue } from 'node:sqlite';

import type {
	RejectedSignal,
	SignalEntry,
	SignalLedger,
	SignalOutcome,
	SignalQuery,
	StoredSignal,
} from '../signal-ledger';
import { signalLogValues, toStoredSignal, type SignalRow } from '../signal-rows';
import { SqliteDatabase } from './sqlite-database';

/** The signal log and the duplicate claims, in the embedded SQLite ledger. */
export class SqliteSignalLedger implements SignalLedger {
	readonly database: SqliteDatabase;

	constructor(source: string | SqliteDatabase) {
		this.database = typeof source === 'string' ? new SqliteDatabase(source) : source;
	}

	private get db(): DatabaseSync {
		return this.database.db;
	}

	async admitSignal(
		entry: SignalEntry & { alertId: string },
		dedupeWindowMs: number,
	): Promise<SignalOutcome> {
		return await this.database.transaction(() => {
			const outcome = this.claim(entry, dedupeWindowMs);
			this.insertSignal(entry, outcome, 200, null, null);
			return outcome;
		});
	}

	async recordRejectedSignal(entry: RejectedSignal): Promise<void> {
		await this.database.transaction(() => this.insertSignal(entry, 'rejected', entry.httpStatus, entry.reason, entry.details));
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
		return await this.database.transaction(() => {
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
		this.database.close();
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
			.run(...signalLogValues(entry, outcome, httpStatus, reason, details));
	}
}
