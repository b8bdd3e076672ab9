import type { AlertFateRow } from '../alert-fate-sql';
import { orderEventWhere } from '../order-event-query';
import { orderEventValues, toStoredOrderEvent, type OrderEventRow } from '../order-event-rows';
import type { OrderEvent, OrderEventQuery, OrderJournal, StoredOrderEvent } from '../order-journal';
import type { UnorderedAlert, UnorderedAlertQuery } from '../unordered-alerts';
import { toUnorderedAlert, unorderedAlertsParams, unorderedAlertsSql } from '../unordered-alerts-sql';
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

	async list(query: OrderEventQuery = {}): Promise<StoredOrderEvent[]> {
		const { where, params } = orderEventWhere(query, (index) => `$${index}`);
		const { rows } = await this.database.query<OrderEventRow>(`SELECT * FROM ${this.database.table('order_event')}${where} ORDER BY id`, params);
		return rows.map(toStoredOrderEvent);
	}

	async listUnorderedAlerts(query: UnorderedAlertQuery): Promise<UnorderedAlert[]> {
		const { rows } = await this.database.query<AlertFateRow>(unorderedAlertsSql(this.database.dialect), unorderedAlertsParams(query));
		return rows.map(toUnorderedAlert);
	}
}
