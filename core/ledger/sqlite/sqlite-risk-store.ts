import { randomUUID } from 'node:crypto';
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';

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
import type { SqliteDatabase } from './sqlite-database';

/** Reservations and kill switches in the embedded SQLite ledger. */
export class SqliteRiskStore implements RiskStore {
	constructor(private readonly database: SqliteDatabase) {}

	async reserve(request: ReserveRequest): Promise<ReserveResult> {
		return await this.database.transaction((db) => {
			const now = request.at.getTime();
			if (request.alertId !== null) {
				const existing = db
					.prepare(`SELECT id FROM risk_reservation WHERE book = ? AND alert_id = ? AND ${LIVE_RESERVATION} LIMIT 1`)
					.get(request.book, request.alertId, now) as { id: string } | undefined;
				if (existing) return { reserved: true, reservationId: existing.id, repeated: true };
			}
			const killSwitch = request.killSwitch === null ? null : readSwitch(db, request.killSwitch);
			const breaches: LimitBreach[] = [];
			for (const limit of request.limits) {
				const params: SQLInputValue[] = [request.book, limit.sinceMs, now];
				let sql = `SELECT COUNT(*) AS n FROM risk_reservation WHERE book = ? AND reserved_at_ms >= ? AND ${LIVE_RESERVATION}`;
				if (limit.symbol !== null) {
					sql += ' AND symbol = ?';
					params.push(limit.symbol);
				}
				const count = Number((db.prepare(sql).get(...params) as { n: number }).n);
				if (count >= limit.max) breaches.push({ code: limit.code, count, max: limit.max });
			}
			if (breaches.length > 0 || killSwitch?.on) {
				return { reserved: false, breaches, killSwitch: killSwitch?.on ? killSwitch : null };
			}
			const id = randomUUID();
			db.prepare(
				`INSERT INTO risk_reservation (id, book, symbol, alert_id, status, reserved_at_ms, expires_at_ms, detail)
				VALUES (?, ?, ?, ?, 'reserved', ?, ?, ?)`,
			).run(id, request.book, request.symbol, request.alertId, now, request.expiresAt.getTime(), JSON.stringify(request.detail ?? null));
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
		const row = this.database.db.prepare('SELECT * FROM risk_reservation WHERE id = ?').get(reservationId) as
			| ReservationRow
			| undefined;
		return row ? toStoredReservation(row) : null;
	}

	async listReservations(query: { book?: string; alertId?: string; limit?: number } = {}): Promise<StoredReservation[]> {
		const where: string[] = [];
		const params: SQLInputValue[] = [];
		if (query.book !== undefined) {
			where.push('book = ?');
			params.push(query.book);
		}
		if (query.alertId !== undefined) {
			where.push('alert_id = ?');
			params.push(query.alertId);
		}
		params.push(query.limit ?? 10_000);
		const rows = this.database.db
			.prepare(
				`SELECT * FROM risk_reservation${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY reserved_at_ms, id LIMIT ?`,
			)
			.all(...params) as unknown as ReservationRow[];
		return rows.map(toStoredReservation);
	}

	async getKillSwitch(name: string): Promise<KillSwitchState> {
		return readSwitch(this.database.db, name);
	}

	async setKillSwitch(name: string, on: boolean, reason: string | null, at: Date): Promise<KillSwitchState> {
		return await this.database.transaction((db) => {
			db.prepare(
				`INSERT INTO risk_switch (name, is_on, reason, changed_at) VALUES (?, ?, ?, ?)
				ON CONFLICT (name) DO UPDATE SET is_on = excluded.is_on, reason = excluded.reason, changed_at = excluded.changed_at`,
			).run(name, on ? 1 : 0, reason, at.toISOString());
			return readSwitch(db, name);
		});
	}

	async markDayStart(accountKey: string, day: string, value: number, at: Date): Promise<number> {
		return await this.database.transaction((db) => {
			db.prepare('INSERT OR IGNORE INTO risk_day_mark (account_key, day, value, at) VALUES (?, ?, ?, ?)').run(accountKey, day, value, at.toISOString());
			const row = db.prepare('SELECT value FROM risk_day_mark WHERE account_key = ? AND day = ?').get(accountKey, day) as { value: number };
			return Number(row.value);
		});
	}

	async recordApproval(request: ApprovalRequest): Promise<StoredApproval> {
		const id = randomUUID();
		return await this.database.transaction((db) => {
			db.prepare(`INSERT INTO risk_approval (${APPROVAL_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(...approvalValues(id, request));
			return toStoredApproval(db.prepare('SELECT * FROM risk_approval WHERE id = ?').get(id) as unknown as ApprovalRow);
		});
	}

	async getApproval(approvalId: string): Promise<StoredApproval | null> {
		const row = this.database.db.prepare('SELECT * FROM risk_approval WHERE id = ?').get(approvalId) as ApprovalRow | undefined;
		return row ? toStoredApproval(row) : null;
	}

	async purgeReservationsBefore(cutoff: Date): Promise<number> {
		return await this.database.transaction((db) => {
			const reservations = Number(db.prepare('DELETE FROM risk_reservation WHERE reserved_at_ms < ?').run(cutoff.getTime()).changes);
			return reservations + Number(db.prepare('DELETE FROM risk_approval WHERE approved_at_ms < ?').run(cutoff.getTime()).changes);
		});
	}

	private async settle(
		reservationId: string,
		status: 'confirmed' | 'released',
		at: Date,
		reason: string | null,
	): Promise<StoredReservation | null> {
		return await this.database.transaction((db) => {
			// A confirmed reservation is an order that exists: releasing it later must not uncount it.
			const guard = status === 'released' ? " AND status = 'reserved'" : " AND status <> 'confirmed'";
			db.prepare(`UPDATE risk_reservation SET status = ?, settled_at = ?, reason = ? WHERE id = ?${guard}`).run(
				status,
				at.toISOString(),
				reason,
				reservationId,
			);
			const row = db.prepare('SELECT * FROM risk_reservation WHERE id = ?').get(reservationId) as ReservationRow | undefined;
			return row ? toStoredReservation(row) : null;
		});
	}
}

function readSwitch(db: DatabaseSync, name: string): KillSwitchState {
	const row = db.prepare('SELECT name, is_on, reason, changed_at FROM risk_switch WHERE name = ?').get(name) as
		| SwitchRow
		| undefined;
	return toKillSwitchState(name, row);
}
