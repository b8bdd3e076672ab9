import type { ApprovalRequest, KillSwitchState, ReservationStatus, StoredApproval, StoredReservation } from './risk-store';

// Row shapes shared by the SQLite and PostgreSQL risk stores (same tables, same columns).

export interface ReservationRow {
	id: string;
	book: string;
	symbol: string;
	alert_id: string | null;
	status: ReservationStatus;
	reserved_at_ms: number | string;
	expires_at_ms: number | string;
	settled_at: string | null;
	reason: string | null;
	detail: string | null;
}

export interface SwitchRow {
	name: string;
	is_on: number | boolean;
	reason: string | null;
	changed_at: string;
}

export function toStoredReservation(row: ReservationRow): StoredReservation {
	return {
		id: row.id,
		book: row.book,
		symbol: row.symbol,
		alertId: row.alert_id,
		status: row.status,
		reservedAt: new Date(Number(row.reserved_at_ms)).toISOString(),
		expiresAt: new Date(Number(row.expires_at_ms)).toISOString(),
		settledAt: row.settled_at,
		reason: row.reason,
		detail: row.detail === null ? null : JSON.parse(row.detail),
	};
}

export function toKillSwitchState(name: string, row: SwitchRow | undefined): KillSwitchState {
	if (!row) return { name, on: false, reason: null, changedAt: null };
	return { name, on: Boolean(row.is_on), reason: row.reason, changedAt: row.changed_at };
}

export interface ApprovalRow {
	id: string;
	book: string;
	symbol: string;
	alert_id: string | null;
	reservation_id: string | null;
	approved_at_ms: number | string;
	expires_at_ms: number | string;
	envelope: string;
}

export const APPROVAL_COLUMNS = 'id, book, symbol, alert_id, reservation_id, approved_at_ms, expires_at_ms, envelope';

/** The insert values in APPROVAL_COLUMNS order. */
export function approvalValues(id: string, request: ApprovalRequest): Array<string | number | null> {
	return [id, request.book, request.symbol, request.alertId, request.reservationId, request.at.getTime(), request.expiresAt.getTime(), JSON.stringify(request.envelope)];
}

export function toStoredApproval(row: ApprovalRow): StoredApproval {
	return {
		id: row.id,
		book: row.book,
		symbol: row.symbol,
		alertId: row.alert_id,
		reservationId: row.reservation_id,
		approvedAt: new Date(Number(row.approved_at_ms)).toISOString(),
		expiresAt: new Date(Number(row.expires_at_ms)).toISOString(),
		envelope: JSON.parse(row.envelope),
	};
}
