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
import type { PostgresDatabase, SqlRunner } from './postgres-database';

/** The signal log and the duplicate claims, in the shared PostgreSQL ledger. */
export class PostgresSignalLedger implements SignalLedger {
	constructor(readonly database: PostgresDatabase) {}

	async admitAlert(entry: AdmissionEntry, policy: AdmissionPolicy): Promise<Admission> {
		return await this.database.transaction(async (client) => {
			const admission = await this.claim(client, entry, policy);
			await this.insertSignal(client, entry, admission.outcome, 200, null, admissionDetails(admission));
			if (admission.outcome === 'accepted' && entry.item) {
				await client.query(acceptFateSql(this.database.dialect), [
					entry.alertId,
					entry.scope,
					entry.receivedAt.getTime(),
					JSON.stringify(entry.item),
					PROCESS_ID,
				]);
				const sequence = sequenceParams(entry);
				if (sequence !== null) await client.query(sequenceAlertSql(this.database.dialect), sequence);
			}
			return admission;
		});
	}

	async admitSignal(entry: SignalEntry & { alertId: string }, dedupeWindowMs: number): Promise<SignalOutcome> {
		return (await this.admitAlert(entry, { dedupeWindowMs, redeliverAfterMs: 0 })).outcome;
	}

	async markStarted(alertId: string, at: Date, by: string, process: string = PROCESS_ID): Promise<boolean> {
		const dialect = this.database.dialect;
		await this.database.query(startFateSql(dialect), [alertId, at.getTime(), process]);
		await this.database.query(heartbeatSql(dialect), [process, at.getTime()]);
		const result = await this.database.query(markStartedSql(dialect), [alertId, at.toISOString(), at.getTime(), by]);
		return result.rowCount === 1;
	}

	async startOf(alertId: string): Promise<SignalStart | null> {
		const { rows } = await this.database.query<SignalStartRow>(startOfSql(this.database.dialect), [alertId]);
		return rows.length ? toSignalStart(rows[0]) : null;
	}

	async recordRejectedSignal(entry: RejectedSignal): Promise<void> {
		await this.insertSignal(this.database, entry, 'rejected', entry.httpStatus, entry.reason, entry.details);
	}

	async listSignals(query: SignalQuery = {}): Promise<StoredSignal[]> {
		const { sql, params } = listSignalsQuery(this.database.dialect, query);
		const { rows } = await this.database.query<SignalRow>(sql, params);
		return rows.map(toStoredSignal);
	}

	async purgeSignalsBefore(cutoff: Date): Promise<number> {
		return await this.database.transaction(async (client) => {
			let removed = 0;
			for (const statement of signalPurgeStatements(this.database.dialect)) {
				const { rowCount } = await client.query(statement.sql, [purgeCutoff(statement, cutoff)]);
				if (statement.counted) removed += rowCount;
			}
			return removed;
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
		const dialect = this.database.dialect;
		// A claim whose window has passed is taken over; a live one leaves the row unchanged but
		// locked until this transaction ends. A concurrent claim of the same alert waits for this
		// one's row and re-checks the condition.
		const result = await client.query(claimAlertSql(dialect), [entry.scope, entry.alertId, now, expiresAt]);
		if (result.rowCount === 1) return { outcome: 'accepted', redeliveryOf: null };

		// The duplicate path's one extra read: the live claim and its alert id's start mark.
		const { rows } = await client.query<ClaimStartRow>(claimWithStartSql(dialect), [entry.scope, entry.alertId]);
		const row = rows[0];
		if (!row) throw new Error(`the claim of ${entry.alertId} vanished inside its transaction`);
		const original = toOriginalAcceptance(row);
		if (!redeliveryDue(row, now, policy.redeliverAfterMs)) return { outcome: 'duplicate', original };
		// The row is locked by this transaction since the insert above, so the renewal cannot
		// race another resend; the condition still guards it.
		const renewed = await client.query(renewClaimSql(dialect), [entry.scope, entry.alertId, now, expiresAt, Number(row.claimed_at_ms)]);
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
		await runner.query(insertSignalSql(this.database.dialect), signalLogValues(entry, outcome, httpStatus, reason, details));
	}
}
