import type { SignalEntry, SignalOutcome, StoredSignal } from './signal-ledger';

// Row shape and mapping shared by the SQLite and PostgreSQL signal ledgers (same table, same columns).

export interface SignalRow {
	id: number | string;
	received_at: string;
	scope: string;
	source_ip: string | null;
	outcome: SignalOutcome;
	http_status: number;
	reason: string | null;
	alert_id: string | null;
	body: string;
	details: string | null;
}

export function toStoredSignal(row: SignalRow): StoredSignal {
	return {
		id: Number(row.id),
		receivedAt: row.received_at,
		scope: row.scope,
		sourceIp: row.source_ip,
		outcome: row.outcome,
		httpStatus: Number(row.http_status),
		reason: row.reason,
		alertId: row.alert_id,
		body: row.body,
		details: row.details === null ? null : JSON.parse(row.details),
	};
}

/** Values for (received_at, scope, source_ip, outcome, http_status, reason, alert_id, body, details). */
export function signalLogValues(
	entry: SignalEntry,
	outcome: SignalOutcome,
	httpStatus: number,
	reason: string | null,
	details: unknown,
): Array<string | number | null> {
	return [
		entry.receivedAt.toISOString(),
		entry.scope,
		entry.sourceIp,
		outcome,
		httpStatus,
		reason,
		entry.alertId,
		entry.body,
		details === null || details === undefined ? null : JSON.stringify(details),
	];
}
