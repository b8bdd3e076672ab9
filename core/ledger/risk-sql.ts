import type { SqlDialect } from './alert-fate-sql';
import type { CounterLimit, ReserveRequest } from './risk-store';

// The risk store's statements, written once for both backends (see alert-fate-sql.ts).

/** Counts toward limits: confirmed, or reserved and not expired at parameter `now` (ms). */
function liveReservation(d: SqlDialect, now: number): string {
	return `(status = 'confirmed' OR (status = 'reserved' AND expires_at_ms > ${d.param(now)}))`;
}

/** Parameters: 1 book, 2 alert id, 3 now (ms). Rows: id of the alert's live reservation. */
export function liveReservationOfAlertSql(d: SqlDialect): string {
	return `SELECT id FROM ${d.table('risk_reservation')} WHERE book = ${d.param(1)} AND alert_id = ${d.param(2)} AND ${liveReservation(d, 3)} LIMIT 1`;
}

/** The count of the book's live reservations in the limit's span (rows: n), with its parameters. */
export function liveReservationCountQuery(
	d: SqlDialect,
	book: string,
	limit: CounterLimit,
	now: number,
): { sql: string; params: Array<string | number> } {
	const bySymbol = limit.symbol === null ? '' : ` AND symbol = ${d.param(4)}`;
	return {
		sql: `SELECT COUNT(*) AS n FROM ${d.table('risk_reservation')}
	WHERE book = ${d.param(1)} AND reserved_at_ms >= ${d.param(2)} AND ${liveReservation(d, 3)}${bySymbol}`,
		// Times are whole milliseconds, so rounding a fractional start up counts the same rows.
		params: [book, Math.ceil(limit.sinceMs), now, ...(limit.symbol === null ? [] : [limit.symbol])],
	};
}

/** Parameters: reservationValues. */
export function insertReservationSql(d: SqlDialect): string {
	return `INSERT INTO ${d.table('risk_reservation')} (id, book, symbol, alert_id, status, reserved_at_ms, expires_at_ms, detail)
	VALUES (${d.param(1)}, ${d.param(2)}, ${d.param(3)}, ${d.param(4)}, 'reserved', ${d.param(5)}, ${d.param(6)}, ${d.param(7)})`;
}

export function reservationValues(id: string, request: ReserveRequest): Array<string | number | null> {
	return [id, request.book, request.symbol, request.alertId, request.at.getTime(), request.expiresAt.getTime(), JSON.stringify(request.detail ?? null)];
}

/**
 * Parameters: 1 status, 2 settled at (ISO), 3 reason, 4 id. A confirmed reservation is an order
 * that exists: releasing it later must not uncount it.
 */
export function settleReservationSql(d: SqlDialect, status: 'confirmed' | 'released'): string {
	const guard = status === 'released' ? "status = 'reserved'" : "status <> 'confirmed'";
	return `UPDATE ${d.table('risk_reservation')} SET status = ${d.param(1)}, settled_at = ${d.param(2)}, reason = ${d.param(3)}
	WHERE id = ${d.param(4)} AND ${guard}`;
}

/** Parameters: the listed columns' values, then the row limit. */
export function listReservationsSql(d: SqlDialect, where: string, limitParam: number): string {
	return `SELECT * FROM ${d.table('risk_reservation')}${where} ORDER BY reserved_at_ms, id LIMIT ${d.param(limitParam)}`;
}

/** Parameters: 1 name. */
export function killSwitchSql(d: SqlDialect): string {
	return `SELECT name, is_on, reason, changed_at FROM ${d.table('risk_switch')} WHERE name = ${d.param(1)}`;
}

/** Parameters: 1 name, 2 on (1/0), 3 reason, 4 changed at (ISO). */
export function setKillSwitchSql(d: SqlDialect): string {
	return `INSERT INTO ${d.table('risk_switch')} (name, is_on, reason, changed_at) VALUES (${d.param(1)}, ${d.param(2)}, ${d.param(3)}, ${d.param(4)})
	ON CONFLICT (name) DO UPDATE SET is_on = excluded.is_on, reason = excluded.reason, changed_at = excluded.changed_at`;
}

/** Parameters: 1 cutoff (ms). */
export function purgeReservationsSql(d: SqlDialect): string {
	return `DELETE FROM ${d.table('risk_reservation')} WHERE reserved_at_ms < ${d.param(1)}`;
}

/** Parameters: 1 cutoff (ms). */
export function purgeApprovalsSql(d: SqlDialect): string {
	return `DELETE FROM ${d.table('risk_approval')} WHERE approved_at_ms < ${d.param(1)}`;
}

/** Parameters: 1 id. */
export function rowByIdSql(d: SqlDialect, table: 'risk_reservation' | 'risk_approval'): string {
	return `SELECT * FROM ${d.table(table)} WHERE id = ${d.param(1)}`;
}
