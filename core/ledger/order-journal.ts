import type { OrderClaims } from './order-claims';
import type { UnorderedAlerts } from './unordered-alerts';

// Every order attempt and result, next to the alert that caused it: the trail that post-event
// investigation follows from a signal to what the broker did.

export type OrderEventKind =
	| 'attempt'
	| 'placed'
	| 'duplicate_resolved'
	| 'retry'
	| 'failed'
	| 'canceled'
	| 'dry_run'
	/** The order as the broker reported it later (Reconcile reads back orders that were still open). */
	| 'read_back';

export interface OrderEvent {
	at: Date;
	/** `<workflowId>/<nodeId>` of the Broker Order node. */
	scope: string;
	broker: string;
	alertId: string | null;
	clientOrderId: string | null;
	kind: OrderEventKind;
	/** Request, response or error summary; never a credential. */
	detail: unknown;
}

export interface StoredOrderEvent extends Omit<OrderEvent, 'at'> {
	id: number;
	at: string;
}

export interface OrderEventQuery {
	alertId?: string;
	clientOrderId?: string;
	/** The broker's name (`paper`, `alpaca`, `oanda`, `binance`, a ccxt exchange). */
	broker?: string;
	/** Only these kinds of event. */
	kinds?: readonly OrderEventKind[];
}

/**
 * The journal also holds the order claims, so whoever has a ledger's journal has its claims; and
 * it answers which accepted alerts it has no trace of (unordered-alerts.ts).
 */
export interface OrderJournal extends OrderClaims, UnorderedAlerts {
	record(event: OrderEvent): Promise<void>;
	/** Events in the order they were recorded, matching every field given. */
	list(query?: OrderEventQuery): Promise<StoredOrderEvent[]>;
}
