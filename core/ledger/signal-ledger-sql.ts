import type { SqlDialect } from './alert-fate-sql';
import type { SignalQuery } from './signal-ledger';
import { whereEqual } from './where-equal';

// The signal ledger's statements, written once for both backends (see alert-fate-sql.ts).

/**
 * Parameters: 1 scope, 2 alert id, 3 claimed at (ms), 4 expires at (ms). A claim whose window has
 * passed is taken over; a live one leaves the row unchanged (one row changed = claimed).
 */
export function claimAlertSql(d: SqlDialect): string {
	return `INSERT INTO ${d.table('signal_claim')} AS claim (scope, alert_id, claimed_at_ms, expires_at_ms)
	VALUES (${d.param(1)}, ${d.param(2)}, ${d.param(3)}, ${d.param(4)})
	ON CONFLICT (scope, alert_id) DO UPDATE
	SET claimed_at_ms = excluded.claimed_at_ms, expires_at_ms = excluded.expires_at_ms
	WHERE claim.expires_at_ms <= excluded.claimed_at_ms`;
}

/** Parameters: 1 scope, 2 alert id. Rows (ClaimStartRow): the live claim and its alert id's start mark. */
export function claimWithStartSql(d: SqlDialect): string {
	return `SELECT claim.claimed_at_ms, mark.started_at, mark.started_at_ms, mark.started_by
	FROM ${d.table('signal_claim')} AS claim LEFT JOIN ${d.table('signal_start')} AS mark ON mark.alert_id = claim.alert_id
	WHERE claim.scope = ${d.param(1)} AND claim.alert_id = ${d.param(2)}`;
}

/**
 * Parameters: 1 scope, 2 alert id, 3 now (ms), 4 expires at (ms), 5 claimed at as read. Renewed
 * only if unchanged since read, so one resend of a burst is redelivered.
 */
export function renewClaimSql(d: SqlDialect): string {
	return `UPDATE ${d.table('signal_claim')} SET claimed_at_ms = ${d.param(3)}, expires_at_ms = ${d.param(4)}
	WHERE scope = ${d.param(1)} AND alert_id = ${d.param(2)} AND claimed_at_ms = ${d.param(5)}`;
}

/**
 * Parameters: 1 alert id, 2 started at (ISO), 3 started at (ms), 4 by. A mark older than the alert
 * id's latest claim belongs to an earlier acceptance and is replaced; a newer one stays.
 */
export function markStartedSql(d: SqlDialect): string {
	return `INSERT INTO ${d.table('signal_start')} AS mark (alert_id, started_at, started_at_ms, started_by)
	VALUES (${d.param(1)}, ${d.param(2)}, ${d.param(3)}, ${d.param(4)})
	ON CONFLICT (alert_id) DO UPDATE
	SET started_at = excluded.started_at, started_at_ms = excluded.started_at_ms, started_by = excluded.started_by
	WHERE mark.started_at_ms < (SELECT MAX(claimed_at_ms) FROM ${d.table('signal_claim')} WHERE alert_id = excluded.alert_id)`;
}

/** Parameters: 1 alert id. Rows: SignalStartRow. */
export function startOfSql(d: SqlDialect): string {
	return `SELECT alert_id, started_at, started_by FROM ${d.table('signal_start')} WHERE alert_id = ${d.param(1)}`;
}

/** Parameters: signalLogValues. */
export function insertSignalSql(d: SqlDialect): string {
	const values = Array.from({ length: 9 }, (_, index) => d.param(index + 1)).join(', ');
	return `INSERT INTO ${d.table('signal_log')}
	(received_at, scope, source_ip, outcome, http_status, reason, alert_id, body, details)
	VALUES (${values})`;
}

/** The signal log query with its parameters (the row limit last). */
export function listSignalsQuery(d: SqlDialect, query: SignalQuery): { sql: string; params: Array<string | number> } {
	const { where, params } = whereEqual(d.param, [
		['scope', query.scope],
		['alert_id', query.alertId],
		['outcome', query.outcome],
	]);
	return {
		sql: `SELECT * FROM ${d.table('signal_log')}${where} ORDER BY id LIMIT ${d.param(params.length + 1)}`,
		params: [...params, query.limit ?? 10_000],
	};
}

/** A purge statement: parameter 1 is the cutoff as `cutoff` says; `counted` rows add to the total. */
export interface PurgeStatement {
	sql: string;
	cutoff: 'iso' | 'ms';
	counted: boolean;
}

/** What purgeSignalsBefore deletes, in order: signals, expired claims, start marks, fates, the alert order, processes. */
export function signalPurgeStatements(d: SqlDialect): PurgeStatement[] {
	const before = (table: string, column: string, cutoff: 'iso' | 'ms', counted = true, op = '<'): PurgeStatement => ({
		sql: `DELETE FROM ${d.table(table)} WHERE ${column} ${op} ${d.param(1)}`,
		cutoff,
		counted,
	});
	return [
		before('signal_log', 'received_at', 'iso'),
		before('signal_claim', 'expires_at_ms', 'ms', true, '<='),
		before('signal_start', 'started_at_ms', 'ms'),
		before('alert_fate', 'accepted_at_ms', 'ms'),
		before('alert_sequence', 'accepted_at_ms', 'ms', false),
		before('alert_passage', 'accepted_at_ms', 'ms', false),
		before('ledger_process', 'seen_at_ms', 'ms'),
	];
}

export function purgeCutoff(statement: PurgeStatement, cutoff: Date): string | number {
	return statement.cutoff === 'iso' ? cutoff.toISOString() : cutoff.getTime();
}
