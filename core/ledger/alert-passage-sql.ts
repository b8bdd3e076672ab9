import type { SqlDialect } from './alert-fate-sql';

// The alert_passage statements for both backends (see alert-fate-sql.ts). A passage belongs to
// the alert's current acceptance (its fate's accepted_at_ms): a redelivered alert starts over.

/** Parameters: 1 alert id, 2 node, 3 outcome, 4 at (ms). No row when the alert has no fate. */
export function passAlertSql(d: SqlDialect): string {
	const passage = d.table('alert_passage');
	return `INSERT INTO ${passage} (alert_id, node, accepted_at_ms, outcome, at_ms)
	SELECT alert_id, ${d.param(2)}, accepted_at_ms, ${d.param(3)}, ${d.param(4)} FROM ${d.table('alert_fate')} WHERE alert_id = ${d.param(1)}
	ON CONFLICT (alert_id, node, accepted_at_ms) DO UPDATE SET outcome = excluded.outcome, at_ms = excluded.at_ms`;
}

/** Parameters: 1 alert id. Rows: node, outcome of the current acceptance's passages. */
export function passagesSql(d: SqlDialect): string {
	return `SELECT passage.node, passage.outcome FROM ${d.table('alert_passage')} AS passage
	JOIN ${d.table('alert_fate')} AS fate ON fate.alert_id = passage.alert_id AND fate.accepted_at_ms = passage.accepted_at_ms
	WHERE passage.alert_id = ${d.param(1)}`;
}

/** Whether the alert (as `alias`) has passed the node given as parameter `nodeParam`. */
export function passedNodeSql(d: SqlDialect, alias: string, nodeParam: number, outcome?: string): string {
	return `EXISTS (SELECT 1 FROM ${d.table('alert_passage')} AS passed JOIN ${d.table('alert_fate')} AS passed_fate
	ON passed_fate.alert_id = passed.alert_id AND passed_fate.accepted_at_ms = passed.accepted_at_ms
	WHERE passed.alert_id = ${alias}.alert_id AND passed.node = ${d.param(nodeParam)}${outcome ? ` AND passed.outcome = '${outcome}'` : ''})`;
}
