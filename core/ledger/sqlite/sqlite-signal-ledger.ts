import type { DatabaseSync, SQLInputValue } from 'node:sqlite';

import { acceptFateSql, heartbeatSql, sqliteDialect, startFateSql } from '../alert-fate-sql';
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

	async admitAlert(entry: AdmissionEntry, policy: AdmissionPolicy): Promise<Admission> {
		return await this.database.transaction(() => {
			const admission = this.claim(entry, policy);
			this.insertSignal(entry, admission.outcome, 200, null, admissionDetails(admission));
			if (admission.outcome === 'accepted' && entry.item) {
				this.db
					.prepare(acceptFateSql(sqliteDialect))
					.run(entry.alertId, entry.scope, entry.receivedAt.getTime(), JSON.stringify(entry.item), PROCESS_ID);
				const sequence = sequenceParams(entry);
				if (sequence !== null) this.db.prepare(sequenceAlertSql(sqliteDialect)).run(...sequence);
			}
			return admission;
		});
	}

	async admitSignal(entry: SignalEntry & { alertId: string }, dedupeWindowMs: number): Promise<SignalOutcome> {
		return (await this.admitAlert(entry, { dedupeWindowMs, redeliverAfterMs: 0 })).outcome;
	}

	async markStarted(alertId: string, at: Date, by: string, process: string = PROCESS_ID): Promise<boolean> {
		return await this.database.transaction(() => {
			this.db.prepare(startFateSql(sqliteDialect)).run(alertId, at.getTime(), process);
			this.db.prepare(heartbeatSql(sqliteDialect)).run(process, at.getTime());
			// A mark older than the alert id's latest claim belongs to an earlier acceptance.
			const result = this.db
				.prepare(
					`INSERT INTO signal_start (alert_id, started_at, started_at_ms, started_by)
					VALUES (?, ?, ?, ?)
					ON CONFLICT (alert_id) DO UPDATE
					SET started_at = excluded.started_at, started_at_ms = excluded.started_at_ms, started_by = excluded.started_by
					WHERE signal_start.started_at_ms < (SELECT MAX(claimed_at_ms) FROM signal_claim WHERE alert_id = excluded.alert_id)`,
				)
				.run(alertId, at.toISOString(), at.getTime(), by);
			return Number(result.changes) === 1;
		});
	}

	async startOf(alertId: string): Promise<SignalStart | null> {
		const row = this.db
			.prepare('SELECT alert_id, started_at, started_by FROM signal_start WHERE alert_id = ?')
			.get(alertId) as unknown as SignalStartRow | undefined;
		return row ? toSignalStart(row) : null;
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
			const starts = this.db
				.prepare('DELETE FROM signal_start WHERE started_at_ms < ?')
				.run(cutoff.getTime());
			const fates = this.db.prepare('DELETE FROM alert_fate WHERE accepted_at_ms < ?').run(cutoff.getTime());
			this.db.prepare('DELETE FROM alert_sequence WHERE accepted_at_ms < ?').run(cutoff.getTime());
			this.db.prepare('DELETE FROM alert_passage WHERE accepted_at_ms < ?').run(cutoff.getTime());
			const processes = this.db.prepare('DELETE FROM ledger_process WHERE seen_at_ms < ?').run(cutoff.getTime());
			return [signals, claims, starts, fates, processes].reduce((sum, result) => sum + Number(result.changes), 0);
		});
	}

	async close(): Promise<void> {
		this.database.close();
	}

	private claim(entry: SignalEntry & { alertId: string }, policy: AdmissionPolicy): Admission {
		if (policy.dedupeWindowMs <= 0) return { outcome: 'accepted', redeliveryOf: null };
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
			.run(entry.scope, entry.alertId, now, now + policy.dedupeWindowMs);
		if (Number(result.changes) === 1) return { outcome: 'accepted', redeliveryOf: null };

		// The duplicate path's one extra read: the live claim and its alert id's start mark.
		const row = this.db
			.prepare(
				`SELECT claim.claimed_at_ms, mark.started_at, mark.started_at_ms, mark.started_by
				FROM signal_claim AS claim LEFT JOIN signal_start AS mark ON mark.alert_id = claim.alert_id
				WHERE claim.scope = ? AND claim.alert_id = ?`,
			)
			.get(entry.scope, entry.alertId) as unknown as ClaimStartRow | undefined;
		if (!row) throw new Error(`the claim of ${entry.alertId} vanished inside its transaction`);
		const original = toOriginalAcceptance(row);
		if (!redeliveryDue(row, now, policy.redeliverAfterMs)) return { outcome: 'duplicate', original };
		// Renewed only if unchanged since read, so one resend of a burst is redelivered.
		const renewed = this.db
			.prepare(
				`UPDATE signal_claim SET claimed_at_ms = ?, expires_at_ms = ?
				WHERE scope = ? AND alert_id = ? AND claimed_at_ms = ?`,
			)
			.run(now, now + policy.dedupeWindowMs, entry.scope, entry.alertId, row.claimed_at_ms);
		return Number(renewed.changes) === 1
			? { outcome: 'accepted', redeliveryOf: original }
			: { outcome: 'duplicate', original };
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
