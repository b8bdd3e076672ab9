import type {
	Admission,
	OriginalAcceptance,
	SignalEntry,
	SignalOutcome,
	SignalStart,
	StoredSignal,
} from './signal-ledger';

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

/** A live claim joined with its alert id's start mark, if any. */
export interface ClaimStartRow {
	claimed_at_ms: number | string;
	started_at: string | null;
	started_at_ms: number | string | null;
	started_by: string | null;
}

export interface SignalStartRow {
	alert_id: string;
	started_at: string;
	started_by: string;
}

export function toSignalStart(row: SignalStartRow): SignalStart {
	return { alertId: row.alert_id, startedAt: row.started_at, startedBy: row.started_by };
}

/**
 * A mark counts for this claim only when made at or after it: an older mark belongs to an earlier
 * acceptance of the same alert id. The claim's time is the trigger's clock and the mark's the
 * node's; in queue mode they are different hosts, whose skew would have to exceed the time from
 * the answer to the first node for a started alert to read as not started.
 */
export function toOriginalAcceptance(row: ClaimStartRow): OriginalAcceptance {
	const claimedAtMs = Number(row.claimed_at_ms);
	const started = row.started_at_ms !== null && Number(row.started_at_ms) >= claimedAtMs;
	return {
		acceptedAt: new Date(claimedAtMs).toISOString(),
		started,
		startedAt: started ? row.started_at : null,
		startedBy: started ? row.started_by : null,
	};
}

export function redeliveryDue(row: ClaimStartRow, nowMs: number, redeliverAfterMs: number): boolean {
	if (!(redeliverAfterMs > 0)) return false;
	return !toOriginalAcceptance(row).started && nowMs - Number(row.claimed_at_ms) >= redeliverAfterMs;
}

/** What the signal log's details say about an admission: nothing for a plain acceptance. */
export function admissionDetails(admission: Admission): unknown {
	if (admission.outcome === 'duplicate') {
		const { original } = admission;
		return {
			originalAcceptedAt: original.acceptedAt,
			originalStarted: original.started,
			originalStartedAt: original.startedAt,
			originalStartedBy: original.startedBy,
		};
	}
	if (admission.redeliveryOf === null) return null;
	return { redelivered: true, redeliveryOf: { acceptedAt: admission.redeliveryOf.acceptedAt } };
}
