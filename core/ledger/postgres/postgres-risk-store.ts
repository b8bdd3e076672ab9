import { randomUUID } from 'node:crypto';

import { reservationRefusal, type CountedLimit } from '../reservation-decision';
import {
	APPROVAL_COLUMNS,
	approvalValues,
	toKillSwitchState,
	toStoredApproval,
	toStoredReservation,
	type ApprovalRow,
	type ReservationRow,
	type SwitchRow,
} from '../risk-rows';
import {
	insertReservationSql,
	killSwitchSql,
	listReservationsSql,
	liveReservationCountQuery,
	liveReservationOfAlertSql,
	purgeApprovalsSql,
	purgeReservationsSql,
	reservationValues,
	rowByIdSql,
	setKillSwitchSql,
	settleReservationSql,
} from '../risk-sql';
import type {
	ApprovalRequest,
	KillSwitchState,
	ReserveRequest,
	ReserveResult,
	RiskStore,
	StoredApproval,
	StoredReservation,
} from '../risk-store';
import { whereEqual } from '../where-equal';
import type { PostgresDatabase, SqlRunner } from './postgres-database';

/**
 * Reservations and kill switches in the shared PostgreSQL ledger. A reservation counts and
 * inserts under a transaction-scoped advisory lock on its book, so reservations of one book are
 * made one at a time by every connection and process, and each sees the ones committed before it.
 */
export class PostgresRiskStore implements RiskStore {
	constructor(private readonly database: PostgresDatabase) {}

	async reserve(request: ReserveRequest): Promise<ReserveResult> {
		return await this.database.transaction(async (client) => {
			await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [this.database.lockKey('risk', request.book)]);
			const now = request.at.getTime();
			if (request.alertId !== null) {
				const existing = await client.query<{ id: string }>(liveReservationOfAlertSql(this.database.dialect), [request.book, request.alertId, now]);
				if (existing.rows.length > 0) return { reserved: true, reservationId: existing.rows[0].id, repeated: true };
			}
			const killSwitch = request.killSwitch === null ? null : await this.readSwitch(client, request.killSwitch);
			const counted: CountedLimit[] = [];
			for (const limit of request.limits) {
				const { sql, params } = liveReservationCountQuery(this.database.dialect, request.book, limit, now);
				const { rows } = await client.query<{ n: string }>(sql, params);
				counted.push({ limit, count: Number(rows[0].n) });
			}
			const refusal = reservationRefusal(counted, killSwitch);
			if (refusal) return refusal;
			const id = randomUUID();
			await client.query(insertReservationSql(this.database.dialect), reservationValues(id, request));
			return { reserved: true, reservationId: id, repeated: false };
		});
	}

	async confirm(reservationId: string, at: Date): Promise<StoredReservation | null> {
		return await this.settle(reservationId, 'confirmed', at, null);
	}

	async release(reservationId: string, at: Date, reason: string): Promise<StoredReservation | null> {
		return await this.settle(reservationId, 'released', at, reason);
	}

	async getReservation(reservationId: string): Promise<StoredReservation | null> {
		return await this.readReservation(this.database, reservationId);
	}

	async listReservations(query: { book?: string; alertId?: string; limit?: number } = {}): Promise<StoredReservation[]> {
		const { where, params } = whereEqual(this.database.dialect.param, [
			['book', query.book],
			['alert_id', query.alertId],
		]);
		const { rows } = await this.database.query<ReservationRow>(listReservationsSql(this.database.dialect, where, params.length + 1), [
			...params,
			query.limit ?? 10_000,
		]);
		return rows.map(toStoredReservation);
	}

	async getKillSwitch(name: string): Promise<KillSwitchState> {
		return await this.readSwitch(this.database, name);
	}

	async setKillSwitch(name: string, on: boolean, reason: string | null, at: Date): Promise<KillSwitchState> {
		const { rows } = await this.database.query<SwitchRow>(`${setKillSwitchSql(this.database.dialect)} RETURNING name, is_on, reason, changed_at`, [
			name,
			on ? 1 : 0,
			reason,
			at.toISOString(),
		]);
		return toKillSwitchState(name, rows[0]);
	}

	async markDayStart(accountKey: string, day: string, value: number, at: Date): Promise<number> {
		const table = this.database.table('risk_day_mark');
		await this.database.query(
			`INSERT INTO ${table} (account_key, day, value, at) VALUES ($1, $2, $3, $4) ON CONFLICT (account_key, day) DO NOTHING`,
			[accountKey, day, value, at.toISOString()],
		);
		const { rows } = await this.database.query<{ value: number | string }>(`SELECT value FROM ${table} WHERE account_key = $1 AND day = $2`, [
			accountKey,
			day,
		]);
		return Number(rows[0].value);
	}

	async recordApproval(request: ApprovalRequest): Promise<StoredApproval> {
		const { rows } = await this.database.query<ApprovalRow>(
			`INSERT INTO ${this.database.table('risk_approval')} (${APPROVAL_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
			approvalValues(randomUUID(), request),
		);
		return toStoredApproval(rows[0]);
	}

	async getApproval(approvalId: string): Promise<StoredApproval | null> {
		const { rows } = await this.database.query<ApprovalRow>(rowByIdSql(this.database.dialect, 'risk_approval'), [approvalId]);
		return rows.length > 0 ? toStoredApproval(rows[0]) : null;
	}

	async purgeReservationsBefore(cutoff: Date): Promise<number> {
		const reservations = await this.database.query(purgeReservationsSql(this.database.dialect), [cutoff.getTime()]);
		const approvals = await this.database.query(purgeApprovalsSql(this.database.dialect), [cutoff.getTime()]);
		return reservations.rowCount + approvals.rowCount;
	}

	private async settle(
		reservationId: string,
		status: 'confirmed' | 'released',
		at: Date,
		reason: string | null,
	): Promise<StoredReservation | null> {
		return await this.database.transaction(async (client) => {
			await client.query(settleReservationSql(this.database.dialect, status), [status, at.toISOString(), reason, reservationId]);
			return await this.readReservation(client, reservationId);
		});
	}

	private async readReservation(runner: SqlRunner, reservationId: string): Promise<StoredReservation | null> {
		const { rows } = await runner.query<ReservationRow>(rowByIdSql(this.database.dialect, 'risk_reservation'), [reservationId]);
		return rows.length > 0 ? toStoredReservation(rows[0]) : null;
	}

	private async readSwitch(runner: SqlRunner, name: string): Promise<KillSwitchState> {
		const { rows } = await runner.query<SwitchRow>(killSwitchSql(this.database.dialect), [name]);
		return toKillSwitchState(name, rows[0]);
	}
}
