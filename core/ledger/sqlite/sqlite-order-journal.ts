import type { SQLInputValue } from 'node:sqlite';

import { orderEventValues, toStoredOrderEvent, type OrderEventRow } from '../order-event-rows';
import type { OrderEvent, OrderJournal, StoredOrderEvent } from '../order-journal';
import { ORDER_CLAIM_SCHEMA, SqliteOrderClaims } from './sqlite-order-claims';

export const ORDER_JOURNAL_SCHEMA = `
CREATE TABLE IF NOT EXISTS order_event (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	at TEXT NOT NULL,
	scope TEXT NOT NULL,
	broker TEXT NOT NULL,
	alert_id TEXT,
	client_order_id TEXT,
	kind TEXT NOT NULL,
	detail TEXT
);
CREATE INDEX IF NOT EXISTS order_event_alert ON order_event (alert_id);
CREATE INDEX IF NOT EXISTS order_event_client_order ON order_event (client_order_id);
${ORDER_CLAIM_SCHEMA}`;

/** The order journal and the order claims in the embedded SQLite ledger. */
export class SqliteOrderJournal extends SqliteOrderClaims implements OrderJournal {
	async record(event: OrderEvent): Promise<void> {
		await this.database.transaction((db) =>
			db
				.prepare(
					`INSERT INTO order_event (at, scope, broker, alert_id, client_order_id, kind, detail)
					VALUES (?, ?, ?, ?, ?, ?, ?)`,
				)
				.run(...orderEventValues(event)),
		);
	}

	async list(query: { alertId?: string; clientOrderId?: string } = {}): Promise<StoredOrderEvent[]> {
		const where: string[] = [];
		const params: SQLInputValue[] = [];
		if (query.alertId !== undefined) {
			where.push('alert_id = ?');
			params.push(query.alertId);
		}
		if (query.clientOrderId !== undefined) {
			where.push('client_order_id = ?');
			params.push(query.clientOrderId);
		}
		const rows = this.database.db
			.prepare(`SELECT * FROM order_event${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY id`)
			.all(...params) as unknown as OrderEventRow[];
		return rows.map(toStoredOrderEvent);
	}
}
