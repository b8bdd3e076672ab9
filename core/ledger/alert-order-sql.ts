import type { SqlDialect } from './alert-fate-sql';
import { passedNodeSql } from './alert-passage-sql';

// The alert_sequence statements, written once for both backends (see alert-fate-sql.ts). The
// sequence number is the table's own autoincrementing key: the order of acceptance.

/** Parameters: 1 alert id, 2 workflow, 3 symbol, 4 accepted at (ms). */
export function sequenceAlertSql(d: SqlDialect): string {
	return `INSERT INTO ${d.table('alert_sequence')} (alert_id, workflow, symbol, accepted_at_ms)
	VALUES (${d.param(1)}, ${d.param(2)}, ${d.param(3)}, ${d.param(4)})`;
}

const OPEN_STAGES = "('accepted', 'started', 'recovering')";

/** An alert's latest place in the order (a redelivered alert takes a new one). */
function latest(d: SqlDialect, row: string, alertId: string): string {
	return `${row}.seq = (SELECT MAX(seq) FROM ${d.table('alert_sequence')} WHERE alert_id = ${alertId})`;
}

function mine(d: SqlDialect): string {
	return latest(d, 'me', d.param(1));
}

/**
 * Parameters: 1 alert id, 2 held since (ms), and with `byNode` 3 the asking Broker Order node: an
 * earlier alert that already passed that node no longer holds it. Rows: alert_id, accepted_at_ms,
 * in acceptance order.
 */
export function alertsAheadSql(d: SqlDialect, byNode: boolean): string {
	const sequence = d.table('alert_sequence');
	return `SELECT ahead.alert_id, ahead.accepted_at_ms FROM ${sequence} AS me
	JOIN ${sequence} AS ahead ON ahead.workflow = me.workflow AND ahead.symbol = me.symbol AND ahead.seq < me.seq
	JOIN ${d.table('alert_fate')} AS fate ON fate.alert_id = ahead.alert_id
	WHERE ${mine(d)} AND ${latest(d, 'ahead', 'ahead.alert_id')} AND ahead.accepted_at_ms > ${d.param(2)}
	AND fate.stage IN ${OPEN_STAGES}${byNode ? ` AND NOT ${passedNodeSql(d, 'ahead', 3)}` : ''}
	ORDER BY ahead.seq`;
}

/**
 * Parameters: 1 alert id, and with `byNode` 2 the asking Broker Order node. Rows: alert_id of later
 * alerts for the symbol already ordered (by that node, or by the workflow without one).
 */
export function laterOrderedSql(d: SqlDialect, byNode: boolean): string {
	const sequence = d.table('alert_sequence');
	return `SELECT later.alert_id FROM ${sequence} AS me
	JOIN ${sequence} AS later ON later.workflow = me.workflow AND later.symbol = me.symbol AND later.seq > me.seq
	JOIN ${d.table('alert_fate')} AS fate ON fate.alert_id = later.alert_id
	WHERE ${mine(d)} AND ${latest(d, 'later', 'later.alert_id')} AND later.alert_id <> me.alert_id
	AND ${byNode ? passedNodeSql(d, 'later', 2, 'ordered') : "fate.stage = 'settled' AND fate.outcome = 'ordered'"}
	ORDER BY later.seq`;
}

/** Parameters: 1 alert id. One row when the alert has a place in the order. */
export function isSequencedSql(d: SqlDialect): string {
	return `SELECT 1 AS one FROM ${d.table('alert_sequence')} WHERE alert_id = ${d.param(1)} LIMIT 1`;
}
