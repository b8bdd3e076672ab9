import type {
	RejectedSignal,
	SignalEntry,
	SignalLedger,
	SignalOutcome,
	SignalQuery,
	StoredSignal,
} from '../signal-ledger';
import { signalLogValues, toStoredSignal, type SignalRow } from '../signal-rows';
import type { PostgresDatabase, SqlRunner, SqlValue } from './postgres-database';

/** The signal log and the duplicate claims, in the shared PostgreSQL ledger. */
export class PostgresSignalLedger implements SignalLedger {
	constructor(readonly database: PostgresDatabase) {}

	async admitSignal(entry: SignalEntry & { alertId: string }, dedupeWindowMs: number): Promise<SignalOutcome> {
		return await this.database.transaction(async (client) => {
			const outcome = await this.claim(client, entry, dedupeWindowMs);
			await this.insertSignal(client, entry, outcome, 200, null, null);
			return outcome;
		});
	}

	async recordRejectedSignal(entry: RejectedSignal): Promise<void> {
		await this.insertSignal(this.database, entry, 'rejected', entry.httpStatus, entry.reason, entry.details);
	}

	async listSignals(query: SignalQuery = {}): Promise<StoredSignal[]> {
		const where: string[] = [];
		const params: SqlValue[] = [];
		const add = (column: string, value: string): void => {
			params.push(value);
			where.push(`${column} = $${params.length}`);
		};
		if (query.scope !== undefined) add('scope', query.scope);
		if (query.alertId !== undefined) add('alert_id', query.alertId);
		if (query.outcome !== undefined) add('outcome', query.outcome);
		params.push(query.limit ?? 10_000);
		const { rows } = await this.database.query<SignalRow>(
			`SELECT * FROM ${this.database.table('signal_log')}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
			ORDER BY id LIMIT $${params.length}`,
			params,
		);
		return rows.map(toStoredSignal);
	}

	async purgeSignalsBefore(cutoff: Date): Promise<number> {
		return await this.database.transaction(async (client) => {
			const signals = await client.query(`DELETE FROM ${this.database.table('signal_log')} WHERE received_at < $1`, [
				cutoff.toISOString(),
			]);
			const claims = await client.query(`DELETE FROM ${this.database.table('signal_claim')} WHERE expires_at_ms <= $1`, [
				cutoff.getTime(),
			]);
			return signals.rowCount + claims.rowCount;
		});
	}

	async close(): Promise<void> {
		await this.database.close();
	}

	private async claim(
		client: SqlRunner,
		entry: SignalEntry & { alertId: string },
		dedupeWindowMs: number,
	): Promise<SignalOutcome> {
		if (dedupeWindowMs <= 0) return 'accepted';
		const now = entry.receivedAt.getTime();
		// A claim whose window has passed is taken over; a live one leaves the row unchanged. A
		// concurrent claim of the same alert waits for this one's row and re-checks the condition.
		const result = await client.query(
			`INSERT INTO ${this.database.table('signal_claim')} AS claim (scope, alert_id, claimed_at_ms, expires_at_ms)
			VALUES ($1, $2, $3, $4)
			ON CONFLICT (scope, alert_id) DO UPDATE
			SET claimed_at_ms = excluded.claimed_at_ms, expires_at_ms = excluded.expires_at_ms
			WHERE claim.expires_at_ms <= excluded.claimed_at_ms`,
			// BIGINT takes whole milliseconds; rounding up keeps the window's end where it was.
			[entry.scope, entry.alertId, now, Math.ceil(now + dedupeWindowMs)],
		);
		return result.rowCount === 1 ? 'accepted' : 'duplicate';
	}

	private async insertSignal(
		runner: SqlRunner,
		entry: SignalEntry,
		outcome: SignalOutcome,
		httpStatus: number,
		reason: string | null,
		details: unknown,
	): Promise<void> {
		await runner.query(
			`INSERT INTO ${this.database.table('signal_log')}
			(received_at, scope, source_ip, outcome, http_status, reason, alert_id, body, details)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			signalLogValues(entry, outcome, httpStatus, reason, details),
		);
	}
}
