// The order in which a workflow's triggers accepted alerts, per symbol: Broker Order sends an
// alert's orders only after the alerts for the same symbol accepted before it have finished, or
// have held the symbol for the longest wait allowed (docs/design/alert-order.md).

/** An alert accepted before the one asking, for the same symbol, whose handling is not finished. */
export interface AlertAhead {
	alertId: string;
	acceptedAt: string;
}

export interface AlertOrderStore {
	/** Whether the alert has a place in the order (a symbol, accepted by a trigger on this ledger). */
	isSequenced(alertId: string): Promise<boolean>;
	/**
	 * Unfinished alerts accepted before `alertId` for the same symbol that still hold it: accepted
	 * after `heldSince` (now minus the longest wait) and, when `node` is given, not yet passed by
	 * that Broker Order node. In acceptance order.
	 */
	alertsAhead(alertId: string, heldSince: Date, node: string | null): Promise<AlertAhead[]>;
	/** Alerts accepted after `alertId` for the same symbol already ordered (by `node`, when given). */
	laterOrdered(alertId: string, node: string | null): Promise<string[]>;
}

/** The workflow part of a trigger's scope (`<workflowId>/<nodeId>`). */
function workflowOfScope(scope: string): string {
	const slash = scope.indexOf('/');
	return slash < 0 ? scope : scope.slice(0, slash);
}

/**
 * The parameters of alert-order-sql.ts's sequenceAlertSql for an accepted alert: alert id,
 * workflow, symbol (as the trigger normalised it), accepted at. Null for an alert without a
 * symbol, which has no place in the order.
 */
export function sequenceParams(entry: { alertId: string; scope: string; receivedAt: Date; item?: Record<string, unknown> }): [string, string, string, number] | null {
	const symbol = entry.item?.symbol;
	if (typeof symbol !== 'string' || symbol.length === 0) return null;
	return [entry.alertId, workflowOfScope(entry.scope), symbol, entry.receivedAt.getTime()];
}

export function toAlertsAhead(rows: Array<{ alert_id: string; accepted_at_ms: number | string }>): AlertAhead[] {
	return rows.map((row) => ({ alertId: row.alert_id, acceptedAt: new Date(Number(row.accepted_at_ms)).toISOString() }));
}

export function toAlertIds(rows: Array<{ alert_id: string }>): string[] {
	return [...new Set(rows.map((row) => row.alert_id))];
}
