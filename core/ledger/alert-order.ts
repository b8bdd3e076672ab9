// The order in which a workflow's triggers accepted alerts, per symbol: Broker Order sends an
// alert's orders only after the alerts for the same symbol accepted before it have finished, or
// have held the symbol for the longest wait allowed (docs/design/alert-order.md).

/** An alert accepted before the one asking, for the same symbol, whose handling is not finished. */
export interface AlertAhead {
	alertId: string;
	acceptedAt: string;
}

export interface AlertOrderView {
	/** False when the alert has no place in the order (no symbol, or accepted by another ledger). */
	sequenced: boolean;
	/** Unfinished alerts accepted before it that still hold the symbol. */
	ahead: AlertAhead[];
	/** Alerts accepted after it whose handling already ended with an order. */
	laterOrdered: string[];
}

export interface AlertOrderStore {
	/**
	 * Where `alertId` stands among its workflow's alerts for the same symbol. An unfinished alert
	 * holds the symbol until `heldSince` (now minus the longest wait) passes its acceptance.
	 */
	alertOrder(alertId: string, heldSince: Date): Promise<AlertOrderView>;
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

/** The view from the rows of alert-order-sql.ts's queries (both backends). */
export function toAlertOrderView(
	sequenced: boolean,
	ahead: Array<{ alert_id: string; accepted_at_ms: number | string }>,
	later: Array<{ alert_id: string }>,
): AlertOrderView {
	return {
		sequenced,
		ahead: ahead.map((row) => ({ alertId: row.alert_id, acceptedAt: new Date(Number(row.accepted_at_ms)).toISOString() })),
		laterOrdered: [...new Set(later.map((row) => row.alert_id))],
	};
}
