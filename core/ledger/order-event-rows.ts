import type { OrderEvent, StoredOrderEvent } from './order-journal';

// Row shape and mapping shared by the SQLite and PostgreSQL order journals (same table, same columns).

export interface OrderEventRow {
	id: number | string;
	at: string;
	scope: string;
	broker: string;
	alert_id: string | null;
	client_order_id: string | null;
	kind: OrderEvent['kind'];
	detail: string | null;
}

export function toStoredOrderEvent(row: OrderEventRow): StoredOrderEvent {
	return {
		id: Number(row.id),
		at: row.at,
		scope: row.scope,
		broker: row.broker,
		alertId: row.alert_id,
		clientOrderId: row.client_order_id,
		kind: row.kind,
		detail: row.detail === null ? null : JSON.parse(row.detail),
	};
}

/** Values for (at, scope, broker, alert_id, client_order_id, kind, detail). */
export function orderEventValues(event: OrderEvent): Array<string | null> {
	return [
		event.at.toISOString(),
		event.scope,
		event.broker,
		event.alertId,
		event.clientOrderId,
		event.kind,
		event.detail === undefined ? null : JSON.stringify(event.detail),
	];
}
