import type { DatabaseSync } from 'node:sqlite';

import { acceptFateSql, heartbeatSql, sqliteDialect as d, startFateSql } from '../alert-fate-sql';
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
	claimAlertSql,
	claimWithStartSql,
	insertSignalSql,
	listSignalsQuery,
	markStartedSql,
	purgeCutoff,
	renewClaimSql,
	signalPurgeStatements,
	startOfSql,
} from '../signal-ledger-sql';
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
					.prepare(acceptFateSql(d))
					.run(entry.alertId, entry.scope, entry.receivedAt.getTime(), JSON.stringify(entry.item), PROCESS_ID);
				const sequence = sequenceParams(entry);
				if (sequence !== null) this.db.prepare(sequenceAlertSql(d)).run(...sequence);
			}
			return admission;
		});
	}

	async admitSignal(entry: SignalEntry & { alertId: string }, dedupeWindowMs: number): Promise<SignalOutcome> {
		return (await this.admitAlert(entry, { dedupeWindowMs, redeliverAfterMs: 0 })).outcome;
	}

	async markStarted(alertId: string, at: Date, by: string, process: string = PROCESS_ID): Promise<boolean> {
		return await this.database.transaction(() => {
			this.db.prepare(startFateSql(d)).run(alertId, at.getTime(), process);
			this.db.prepare(heartbeatSql(d)).run(process, at.getTime());
			const result = this.db.prepare(markStartedSql(d)).run(alertId, at.toISOString(), at.getTime(), by);
			return Number(result.changes) === 1;
		});
	}

	async startOf(alertId: string): Promise<SignalStart | null> {
		const row = this.db.prepare(startOfSql(d)).get(alertId) as unknown as SignalStartRow | undefined;
		return row ? toSignalStart(row) : null;
	}

	async recordRejectedSignal(entry: RejectedSignal): Promise<void> {
		await this.database.transaction(() => this.insertSignal(entry, 'rejected', entry.httpStatus, entry.reason, entry.details));
	}

	async listSignals(query: SignalQuery = {}): Promise<StoredSignal[]> {
		const { sql, params } = listSignalsQuery(d, query);
		const rows = this.db.prepare(sql).all(...params) as unknown as SignalRow[];
		return rows.map(toStoredSignal);
	}

	async purgeSignalsBefore(cutoff: Date): Promise<number> {
		return await this.database.transaction(() =>
			signalPurgeStatements(d).reduce((removed, statement) => {
				const { changes } = this.db.prepare(statement.sql).run(purgeCutoff(statement, cutoff));
				return statement.counted ? removed + Number(changes) : removed;
			}, 0),
		);
	}

	async close(): Promise<void> {
		this.database.close();
	}

	private claim(entry: SignalEntry & { alertId: string }, policy: AdmissionPolicy): Admission {
		if (policy.dedupeWindowMs <= 0) return { outcome: 'accepted', redeliveryOf: null };
		const now = entry.receivedAt.getTime();
		const result = this.db.prepare(claimAlertSql(d)).run(entry.scope, entry.alertId, now, now + policy.dedupeWindowMs);
		if (Number(result.changes) === 1) return { outcome: 'accepted', redeliveryOf: null };

		// The duplicate path's one extra read: the live claim and its alert id's start mark.
		const row = this.db.prepare(claimWithStartSql(d)).get(entry.scope, entry.alertId) as unknown as ClaimStartRow | undefined;
		if (!row) throw new Error(`the claim of ${entry.alertId} vanished inside its transaction`);
		const original = toOriginalAcceptance(row);
		if (!redeliveryDue(row, now, policy.redeliverAfterMs)) return { outcome: 'duplicate', original };
		const renewed = this.db
			.prepare(renewClaimSql(d))
			.run(entry.scope, entry.alertId, now, now + policy.dedupeWindowMs, row.claimed_at_ms);
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
		this.db.prepare(insertSignalSql(d)).run(...signalLogValues(entry, outcome, httpStatus, reason, details));
	}
}
