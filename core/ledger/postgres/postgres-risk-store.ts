import { randomUUID } from 'node:crypto';

import {
	APPROVAL_COLUMNS,
	approvalValues,
	LIVE_RESERVATION,
	toKillSwitchState,
	toStoredApproval,
	toStoredReservation,
	type ApprovalRow,
	type ReservationRow,
	type SwitchRow,
} from '../risk-rows';
import type {
	ApprovalRequest,
	KillSwitchState,
	LimitBreach,
	ReserveRequest,
	ReserveResult,
	RiskStore,
	StoredApproval,
	StoredReservation,
} from '../risk-store';
import type { PostgresDatabase, SqlRunner, SqlValue } from './postgres-database';

/** The shared live-reservation condition with its one placeholder numbered for PostgreSQL. */
function liveReservation(parameter: number): string {
	return LIVE_RESERVATION.replace('?', `$${parameter}`);
}

/**
 * Reservations and kill switches in the shared PostgreSQL ledger. A reservation counts and
 * inserts under a transaction-scoped advisory lock on its book, so reservations of one book are
 * made one at a time by every connection and process, and each sees the ones committed before it.
 */
export class PostgresRiskStore implements RiskStore {
	constructor(private readonly database: PostgresDatabase) {}

	async reserve(request: ReserveRequest): Promise<ReserveResult> {
		const reservations = this.database.table('risk_reservation');
		return await this.database.transaction(async (client) => {
			await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [this.database.lockKey('risk', request.book)]);
			const now = request.at.getTime();
			if (request.alertId !== null) {
				const existing = await client.query<{ id: string }>(
					`SELECT id FROM ${reservations} WHERE book = $1 AND alert_id = $2 AND ${liveReservation(3)} LIMIT 1`,
					[request.book, request.alertId, now],
				);
				if (existing.rows.length > 0) return { reserved: true, reservationId: existing.rows[0].id, repeated: true };
			}
			const killSwitch = request.killSwitch === null ? null : await this.readSwitch(client, request.killSwitch);
			const breaches: LimitBreach[] = [];
			for (const limit of request.limits) {
				// Times are whole milliseconds, so rounding a fractional start up counts the same rows.
				const params: SqlValue[] = [request.book, Math.ceil(limit.sinceMs), now];
				let sql = `SELECT COUNT(*) AS n FROM ${reservations} WHERE book = $1 AND reserved_at_ms >= $2 AND ${liveReservation(3)}`;
				if (limit.symbol !== null) {
					params.push(limit.symbol);
					sql += ' AND symbol = $4';
				}
				const count = Number((await client.query<{ n: string }>(sql, params)).rows[0].n);
				if (count >= limit.max) breaches.push({ code: limit.code, count, max: limit.max });
			}
			if (breaches.length > 0 || killSwitch?.on) {
				return { reserved: false, breaches, killSwitch: killSwitch?.on ? killSwitch : null };
			}
			const id = randomUUID();
			await client.query(
				`INSERT INTO ${reservations} (id, book, symbol, alert_id, status, reserved_at_ms, expires_at_ms, detail)
				VALUES ($1, $2, $3, $4, 'reserved', $5, $6, $7)`,
				[id, request.book, request.symbol, request.alertId, now, request.expiresAt.getTime(), JSON.stringify(request.detail ?? null)],
			);
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
		const where: string[] = [];
		const params: SqlValue[] = [];
		if (query.book !== undefined) {
			params.push(query.book);
			where.push(`book = $${params.length}`);
		}
		if (query.alertId !== undefined) {
			params.push(query.alertId);
			where.push(`alert_id = $${params.length}`);
		}
		params.push(query.limit ?? 10_000);
		const { rows } = await this.database.query<ReservationRow>(
			`SELECT * FROM ${this.database.table('risk_reservation')}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
			ORDER BY reserved_at_ms, id LIMIT $${params.length}`,
			params,
		);
		return rows.map(toStoredReservation);
	}

	async getKillSwitch(name: string): Promise<KillSwitchState> {
		return await this.readSwitch(this.database, name);
	}

	async setKillSwitch(name: string, on: boolean, reason: string | null, at: Date): Promise<KillSwitchState> {
		const { rows } = await this.database.query<SwitchRow>(
			`INSERT INTO ${this.database.table('risk_switch')} (name, is_on, reason, changed_at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (name) DO UPDATE SET is_on = excluded.is_on, reason = excluded.reason, changed_at = excluded.changed_at
			RETURNING name, is_on, reason, changed_at`,
			[name, on ? 1 : 0, reason, at.toISOString()],
		);
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
		const { rows } = await this.database.query<ApprovalRow>(`SELECT * FROM ${this.database.table('risk_approval')} WHERE id = $1`, [approvalId]);
		return rows.length > 0 ? toStoredApproval(rows[0]) : null;
	}

	async purgeReservationsBefore(cutoff: Date): Promise<number> {
		const reservations = await this.database.query(`DELETE FROM ${this.database.table('risk_reservation')} WHERE reserved_at_ms < $1`, [
			cutoff.getTime(),
		]);
		const approvals = await this.database.query(`DELETE FROM ${this.database.table('risk_approval')} WHERE approved_at_ms < $1`, [cutoff.getTime()]);
		return reservations.rowCount + approvals.rowCount;
	}

	private async settle(
		reservationId: string,
		status: 'confirmed' | 'released',
		at: Date,
		reason: string | null,
	): Promise<StoredReservation | null> {
		return await this.database.transaction(async (client) => {
			// A confirmed reservation is an order that exists: releasing it later must not uncount it.
			const guard = status === 'released' ? " AND status = 'reserved'" : " AND status <> 'confirmed'";
			await client.query(
				`UPDATE ${this.database.table('risk_reservation')} SET status = $1, settled_at = $2, reason = $3 WHERE id = $4${guard}`,
				[status, at.toISOString(), reason, reservationId],
			);
			return await this.readReservation(client, reservationId);
		});
	}

	private async readReservation(runner: SqlRunner, reservationId: string): Promise<StoredReservation | null> {
		const { rows } = await runner.query<ReservationRow>(`SELECT * FROM ${this.database.table('risk_reservation')} WHERE id = $1`, [
			reservationId,
		]);
		return rows.length > 0 ? toStoredReservation(rows[0]) : null;
	}

	private async readSwitch(runner: SqlRunner, name: string): Promise<KillSwitchState> {
		const { rows } = await runner.query<SwitchRow>(
			`SELECT name, is_on, reason, changed_at FROM ${this.database.table('risk_switch')} WHERE name = $1`,
			[name],
		);
		return toKillSwitchState(name, rows[0]);
	}
}
