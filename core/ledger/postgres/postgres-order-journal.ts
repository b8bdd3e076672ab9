import { orderEventValues, toStoredOrderEvent, type OrderEventRow } from '../order-event-rows';
import type { OrderEvent, OrderJournal, StoredOrderEvent } from '../order-journal';
import type { SqlValue } from './postgres-database';
import { PostgresOrderClaims } from './postgres-order-claims';

/** The order journal and the order claims in the shared PostgreSQL ledger. */
export class PostgresOrderJournal extends PostgresOrderClaims implements OrderJournal {
	async record(event: OrderEvent): Promise<void> {
		await this.database.query(
			`INSERT INTO ${this.database.table('order_event')} (at, scope, broker, alert_id, client_order_id, kind, detail)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			orderEventValues(event),
		);
	}

	async list(query: { alertId?: string; clientOrderId?: string } = {}): Promise<StoredOrderEvent[]> {
		const where: string[] = [];
		const params: SqlValue[] = [];
		if (query.alertId !== undefined) {
			params.push(query.alertId);
			where.push(`alert_id = $${params.length}`);
		}
		if (query.clientOrderId !== undefined) {
			params.push(query.clientOrderId);
			where.push(`client_order_id = $${params.length}`);
		}
		const { rows } = await this.database.query<OrderEventRow>(
			`SELECT * FROM ${this.database.table('order_event')}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY id`,
			params,
		);
		return rows.map(toStoredOrderEvent);
	}
}
