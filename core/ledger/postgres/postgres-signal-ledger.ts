import { acceptFateSql, heartbeatSql, startFateSql } from '../alert-fate-sql';
import { sequenceParams } from '../alert-order';
import { sequenceAlertSql } from '../alert-order-sql';
import { PROCESS_ID } from '../process-identity';
import type {
	Admission,
	AdmissionEntry,
	AdmissionPolicy,
	RejectedSignal,
	SignalEntry,
	SignalLedger,
	SignalOutcome,
	SignalQuery,
	SignalStart,
	StoredSignal,
} from '../signal-ledger';
import {
	admissionDetails,
	type ClaimStartRow,
	redeliveryDue,
	signalLogValues,
	type SignalRow,
	type SignalStartRow,
	toOriginalAcceptance,
	toSignalStart,
	toStoredSignal,
} from '../signal-rows';
import { postgresDialect, type PostgresDatabase, type SqlRunner, type SqlValue } from './postgres-database';

/** The signal log and the duplicate claims, in the shared PostgreSQL ledger. */
export class PostgresSignalLedger implements SignalLedger {
	constructor(readonly database: PostgresDatabase) {}

	async admitAlert(entry: AdmissionEntry, policy: AdmissionPolicy): Promise<Admission> {
		return await this.database.transaction(async (client) => {
			const admission = await this.claim(client, entry, policy);
			await this.insertSignal(client, entry, admission.outcome, 200, null, admissionDetails(admission));
			if (admission.outcome === 'accepted' && entry.item) {
				await client.query(acceptFateSql(postgresDialect(this.database)), [
					entry.alertId,
					entry.scope,
					entry.receivedAt.getTime(),
					JSON.stringify(entry.item),
					PROCESS_ID,
				]);
				const sequence = sequenceParams(entry);
				if (sequence !== null) await client.query(sequenceAlertSql(postgresDialect(this.database)), sequence);
			}
			return admission;
		});
	}

	async admitSignal(entry: SignalEntry & { alertId: string }, dedupeWindowMs: number): Promise<SignalOutcome> {
		return (await this.admitAlert(entry, { dedupeWindowMs, redeliverAfterMs: 0 })).outcome;
	}

	async markStarted(alertId: string, at: Date, by: string, process: string = PROCESS_ID): Promise<boolean> {
		const dialect = postgresDialect(this.database);
		await this.database.query(startFateSql(dialect), [alertId, at.getTime(), process]);
		await this.database.query(heartbeatSql(dialect), [process, at.getTime()]);
		// A mark older than the alert id's latest claim belongs to an earlier acceptance.
		const result = await this.database.query(
			`INSERT INTO ${this.database.table('signal_start')} AS mark (alert_id, started_at, started_at_ms, started_by)
			VALUES ($1, $2, $3, $4)
			ON CONFLICT (alert_id) DO UPDATE
			SET started_at = excluded.started_at, started_at_ms = excluded.started_at_ms, started_by = excluded.started_by
			WHERE mark.started_at_ms < (
				SELECT MAX(claimed_at_ms) FROM ${this.database.table('signal_claim')} WHERE alert_id = excluded.alert_id
			)`,
			[alertId, at.toISOString(), at.getTime(), by],
		);
		return result.rowCount === 1;
	}

	async startOf(alertId: string): Promise<SignalStart | null> {
		const { rows } = await this.database.query<SignalStartRow>(
			`SELECT alert_id, started_at, started_by FROM ${this.database.table('signal_start')} WHERE alert_id = $1`,
			[alertId],
		);
		return rows.length ? toSignalStart(rows[0]) : null;
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
			const starts = await client.query(`DELETE FROM ${this.database.table('signal_start')} WHERE started_at_ms < $1`, [
				cutoff.getTime(),
			]);
			const fates = await client.query(`DELETE FROM ${this.database.table('alert_fate')} WHERE accepted_at_ms < $1`, [
				cutoff.getTime(),
			]);
			await client.query(`DELETE FROM ${this.database.table('alert_sequence')} WHERE accepted_at_ms < $1`, [cutoff.getTime()]);
			await client.query(`DELETE FROM ${this.database.table('alert_passage')} WHERE accepted_at_ms < $1`, [cutoff.getTime()]);
			const processes = await client.query(`DELETE FROM ${this.database.table('ledger_process')} WHERE seen_at_ms < $1`, [
				cutoff.getTime(),
			]);
			return [signals, claims, starts, fates, processes].reduce((sum, result) => sum + result.rowCount, 0);
		});
	}

	async close(): Promise<void> {
		await this.database.close();
	}

	private async claim(
		client: SqlRunner,
		entry: SignalEntry & { alertId: string },
		policy: AdmissionPolicy,
	): Promise<Admission> {
		if (policy.dedupeWindowMs <= 0) return { outcome: 'accepted', redeliveryOf: null };
		const now = entry.receivedAt.getTime();
		// BIGINT takes whole milliseconds; rounding up keeps the window's end where it was.
		const expiresAt = Math.ceil(now + policy.dedupeWindowMs);
		const claims = this.database.table('signal_claim');
		// A claim whose window has passed is taken over; a live one leaves the row unchanged but
		// locked until this transaction ends. A concurrent claim of the same alert waits for this
		// one's row and re-checks the condition.
		const result = await client.query(
			`INSERT INTO ${claims} AS claim (scope, alert_id, claimed_at_ms, expires_at_ms)
			VALUES ($1, $2, $3, $4)
			ON CONFLICT (scope, alert_id) DO UPDATE
			SET claimed_at_ms = excluded.claimed_at_ms, expires_at_ms = excluded.expires_at_ms
			WHERE claim.expires_at_ms <= excluded.claimed_at_ms`,
			[entry.scope, entry.alertId, now, expiresAt],
		);
		if (result.rowCount === 1) return { outcome: 'accepted', redeliveryOf: null };

		// The duplicate path's one extra read: the live claim and its alert id's start mark.
		const { rows } = await client.query<ClaimStartRow>(
			`SELECT claim.claimed_at_ms, mark.started_at, mark.started_at_ms, mark.started_by
			FROM ${claims} AS claim LEFT JOIN ${this.database.table('signal_start')} AS mark ON mark.alert_id = claim.alert_id
			WHERE claim.scope = $1 AND claim.alert_id = $2`,
			[entry.scope, entry.alertId],
		);
		const row = rows[0];
		if (!row) throw new Error(`the claim of ${entry.alertId} vanished inside its transaction`);
		const original = toOriginalAcceptance(row);
		if (!redeliveryDue(row, now, policy.redeliverAfterMs)) return { outcome: 'duplicate', original };
		// The row is locked by this transaction since the insert above, so the renewal cannot
		// race another resend; the condition still guards it.
		const renewed = await client.query(
			`UPDATE ${claims} SET claimed_at_ms = $3, expires_at_ms = $4
			WHERE scope = $1 AND alert_id = $2 AND claimed_at_ms = $5`,
			[entry.scope, entry.alertId, now, expiresAt, Number(row.claimed_at_ms)],
		);
		return renewed.rowCount === 1 ? { outcome: 'accepted', redeliveryOf: original } : { outcome: 'duplicate', original };
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
