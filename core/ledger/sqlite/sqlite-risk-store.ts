import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';

import { sqliteDialect as d } from '../alert-fate-sql';
import { reservationRefusal } from '../reservation-decision';
import type {
	ApprovalRequest,
	KillSwitchState,
	ReserveRequest,
	ReserveResult,
	RiskStore,
	StoredApproval,
	StoredReservation,
} from '../risk-store';
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
import { whereEqual } from '../where-equal';
import type { SqliteDatabase } from './sqlite-database';

/** Reservations and kill switches in the embedded SQLite ledger. */
export class SqliteRiskStore implements RiskStore {
	constructor(private readonly database: SqliteDatabase) {}

	async reserve(request: ReserveRequest): Promise<ReserveResult> {
		return await this.database.transaction((db) => {
			const now = request.at.getTime();
			if (request.alertId !== null) {
				const existing = db.prepare(liveReservationOfAlertSql(d)).get(request.book, request.alertId, now) as { id: string } | undefined;
				if (existing) return { reserved: true, reservationId: existing.id, repeated: true };
			}
			const killSwitch = request.killSwitch === null ? null : readSwitch(db, request.killSwitch);
			const counted = request.limits.map((limit) => {
				const { sql, params } = liveReservationCountQuery(d, request.book, limit, now);
				return { limit, count: Number((db.prepare(sql).get(...params) as { n: number }).n) };
			});
			const refusal = reservationRefusal(counted, killSwitch);
			if (refusal) return refusal;
			const id = randomUUID();
			db.prepare(insertReservationSql(d)).run(...reservationValues(id, request));
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
		return readReservation(this.database.db, reservationId);
	}

	async listReservations(query: { book?: string; alertId?: string; limit?: number } = {}): Promise<StoredReservation[]> {
		const { where, params } = whereEqual(d.param, [
			['book', query.book],
			['alert_id', query.alertId],
		]);
		const rows = this.database.db
			.prepare(listReservationsSql(d, where, params.length + 1))
			.all(...params, query.limit ?? 10_000) as unknown as ReservationRow[];
		return rows.map(toStoredReservation);
	}

	async getKillSwitch(name: string): Promise<KillSwitchState> {
		return readSwitch(this.database.db, name);
	}

	async setKillSwitch(name: string, on: boolean, reason: string | null, at: Date): Promise<KillSwitchState> {
		return await this.database.transaction((db) => {
			db.prepare(setKillSwitchSql(d)).run(name, on ? 1 : 0, reason, at.toISOString());
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
			return toStoredApproval(db.prepare(rowByIdSql(d, 'risk_approval')).get(id) as unknown as ApprovalRow);
		});
	}

	async getApproval(approvalId: string): Promise<StoredApproval | null> {
		const row = this.database.db.prepare(rowByIdSql(d, 'risk_approval')).get(approvalId) as ApprovalRow | undefined;
		return row ? toStoredApproval(row) : null;
	}

	async purgeReservationsBefore(cutoff: Date): Promise<number> {
		return await this.database.transaction((db) => {
			const reservations = Number(db.prepare(purgeReservationsSql(d)).run(cutoff.getTime()).changes);
			return reservations + Number(db.prepare(purgeApprovalsSql(d)).run(cutoff.getTime()).changes);
		});
	}

	private async settle(
		reservationId: string,
		status: 'confirmed' | 'released',
		at: Date,
		reason: string | null,
	): Promise<StoredReservation | null> {
		return await this.database.transaction((db) => {
			db.prepare(settleReservationSql(d, status)).run(status, at.toISOString(), reason, reservationId);
			return readReservation(db, reservationId);
		});
	}
}

function readReservation(db: DatabaseSync, reservationId: string): StoredReservation | null {
	const row = db.prepare(rowByIdSql(d, 'risk_reservation')).get(reservationId) as ReservationRow | undefined;
	return row ? toStoredReservation(row) : null;
}

function readSwitch(db: DatabaseSync, name: string): KillSwitchState {
	return toKillSwitchState(name, db.prepare(killSwitchSql(d)).get(name) as SwitchRow | undefined);
}
