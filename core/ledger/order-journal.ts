import type { OrderClaims } from './order-claims';

// Every order attempt and result, next to the alert that caused it: the trail that post-event
// investigation follows from a signal to what the broker did.

export type OrderEventKind =
	| 'attempt'
	| 'placed'
	| 'duplicate_resolved'
	| 'retry'
	| 'failed'
	| 'canceled'
	| 'dry_run';

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

/** The journal also holds the order claims, so whoever has a ledger's journal has its claims. */
export interface OrderJournal extends OrderClaims {
	record(event: OrderEvent): Promise<void>;
	list(query?: { alertId?: string; clientOrderId?: string }): Promise<StoredOrderEvent[]>;
}
