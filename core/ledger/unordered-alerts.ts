import type { AlertFate } from './alert-fate';

// Accepted alerts the order journal has no trace of: the trigger answered `accepted`, and no
// Broker Order ever journaled an order for them nor settled them, and no Risk Check rejected or
// passed them on purpose. A silently lost execution shows up here.

export interface UnorderedAlertQuery {
	/** Alerts accepted at or after this. */
	acceptedFrom: Date;
	/** …and at or before this (leave the alerts still being handled out). */
	acceptedUntil: Date;
	/** Only alerts accepted by triggers whose scope starts with this (`<workflowId>/`). */
	scopePrefix?: string;
	limit?: number;
}

export interface UnorderedAlert extends AlertFate {
	/** The trigger's item, as it was accepted. */
	item: Record<string, unknown>;
}

export interface UnorderedAlerts {
	/**
	 * Accepted alerts (alert_fate) in the window that have no order journal entry and were not
	 * settled (by Broker Order: ordered, no_order, refused, failed; by Risk Check: rejected,
	 * passed). Lost alerts (recovery gave up) are included. Oldest first.
	 */
	listUnorderedAlerts(query: UnorderedAlertQuery): Promise<UnorderedAlert[]>;
}
