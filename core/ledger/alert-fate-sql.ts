import type { AlertFate, AlertSettlement, FateStage, RecoveryPolicy } from './alert-fate';

// The alert_fate statements, written once for both backends: `table` names a table, `param(n)`
// writes the n-th parameter ($n in PostgreSQL, ?n in SQLite). Both run UPDATE … RETURNING, so
// taking an alert for recovery is one atomic statement in either database.

export interface SqlDialect {
	table(name: string): string;
	param(index: number): string;
}

export const sqliteDialect: SqlDialect = { table: (name) => name, param: (index) => `?${index}` };

export interface AlertFateRow {
	alert_id: string;
	scope: string;
	accepted_at_ms: number | string;
	item: string;
	stage: FateStage;
	stage_at_ms: number | string;
	stage_process: string | null;
	outcome: string | null;
	attempts: number | string;
	recovery_reason: string | null;
}

export function toAlertFate(row: AlertFateRow): AlertFate {
	return {
		alertId: row.alert_id,
		scope: row.scope,
		acceptedAt: new Date(Number(row.accepted_at_ms)).toISOString(),
		stage: row.stage,
		stageAt: new Date(Number(row.stage_at_ms)).toISOString(),
		process: row.stage_process,
		outcome: row.outcome as AlertSettlement | 'lost' | null,
		attempts: Number(row.attempts),
	};
}

/** A new acceptance of an alert id starts its fate over (a redelivery, or a claim past its window). */
export function acceptFateSql(d: SqlDialect): string {
	return `INSERT INTO ${d.table('alert_fate')}
	(alert_id, scope, accepted_at_ms, item, stage, stage_at_ms, stage_process, outcome, attempts)
	VALUES (${d.param(1)}, ${d.param(2)}, ${d.param(3)}, ${d.param(4)}, 'accepted', ${d.param(3)}, ${d.param(5)}, NULL, 0)
	ON CONFLICT (alert_id) DO UPDATE SET scope = excluded.scope, accepted_at_ms = excluded.accepted_at_ms,
	item = excluded.item, stage = 'accepted', stage_at_ms = excluded.stage_at_ms,
	stage_process = excluded.stage_process, outcome = NULL, attempts = 0`;
}

/** An execution of the alert runs in this process now; a settled or lost alert stays so. */
export function startFateSql(d: SqlDialect): string {
	return `UPDATE ${d.table('alert_fate')} SET stage = 'started', stage_at_ms = ${d.param(2)}, stage_process = ${d.param(3)}
	WHERE alert_id = ${d.param(1)} AND stage IN ('accepted', 'recovering', 'started')`;
}

export function settleFateSql(d: SqlDialect): string {
	return `UPDATE ${d.table('alert_fate')} SET stage = 'settled', outcome = ${d.param(2)}, stage_at_ms = ${d.param(3)}
	WHERE alert_id = ${d.param(1)}`;
}

export function heartbeatSql(d: SqlDialect): string {
	return `INSERT INTO ${d.table('ledger_process')} (process_id, seen_at_ms) VALUES (${d.param(1)}, ${d.param(2)})
	ON CONFLICT (process_id) DO UPDATE SET seen_at_ms = excluded.seen_at_ms`;
}

/**
 * Parameters: 1 scope prefix, 2 its length, 3 now, 4 not-started cutoff, 5 stopped-process cutoff.
 * Due: never started since accepted or re-emitted before the cutoff, or started by a process
 * whose heartbeat is older than the cutoff.
 */
function dueCondition(d: SqlDialect): string {
	const fate = d.table('alert_fate');
	return `substr(${fate}.scope, 1, ${d.param(2)}) = ${d.param(1)}
	AND ((${fate}.stage IN ('accepted', 'recovering') AND ${fate}.stage_at_ms <= ${d.param(4)})
		OR (${fate}.stage = 'started' AND NOT EXISTS (
			SELECT 1 FROM ${d.table('ledger_process')} AS beat
			WHERE beat.process_id = ${fate}.stage_process AND beat.seen_at_ms > ${d.param(5)})))`;
}

/** Extra parameters: 6 give-up cutoff, 7 max attempts. */
export function giveUpFatesSql(d: SqlDialect): string {
	return `UPDATE ${d.table('alert_fate')} SET stage = 'lost', outcome = 'lost', stage_at_ms = ${d.param(3)}
	WHERE ${dueCondition(d)} AND (accepted_at_ms < ${d.param(6)} OR attempts >= ${d.param(7)})
	RETURNING *`;
}

/** Extra parameters: 6 give-up cutoff, 7 max attempts, 8 the recovering process. */
export function recoverFatesSql(d: SqlDialect): string {
	return `UPDATE ${d.table('alert_fate')} SET stage = 'recovering', stage_at_ms = ${d.param(3)},
	stage_process = ${d.param(8)}, attempts = attempts + 1,
	recovery_reason = CASE WHEN stage = 'started' THEN 'process_stopped' ELSE 'not_started' END
	WHERE ${dueCondition(d)} AND accepted_at_ms >= ${d.param(6)} AND attempts < ${d.param(7)}
	RETURNING *`;
}

/** The parameters of recoverFatesSql; giveUpFatesSql takes the first seven. */
export function recoveryParams(policy: RecoveryPolicy): Array<string | number> {
	const now = policy.now.getTime();
	return [
		policy.scopePrefix,
		policy.scopePrefix.length,
		now,
		now - policy.notStartedMs,
		now - policy.processStoppedMs,
		now - policy.giveUpMs,
		policy.maxAttempts,
		policy.process,
	];
}
