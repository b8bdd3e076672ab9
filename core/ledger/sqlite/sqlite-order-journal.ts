import type { AlertFateRow } from '../alert-fate-sql';
import { sqliteDialect } from '../alert-fate-sql';
import { orderEventWhere } from '../order-event-query';
import { orderEventValues, toStoredOrderEvent, type OrderEventRow } from '../order-event-rows';
import type { OrderEvent, OrderEventQuery, OrderJournal, StoredOrderEvent } from '../order-journal';
import type { UnorderedAlert, UnorderedAlertQuery } from '../unordered-alerts';
import { toUnorderedAlert, unorderedAlertsParams, unorderedAlertsSql } from '../unordered-alerts-sql';
import { SqliteOrderClaims } from './sqlite-order-claims';

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

	async list(query: OrderEventQuery = {}): Promise<StoredOrderEvent[]> {
		const { where, params } = orderEventWhere(query, sqliteDialect.param);
		const rows = this.database.db.prepare(`SELECT * FROM order_event${where} ORDER BY id`).all(...params) as unknown as OrderEventRow[];
		return rows.map(toStoredOrderEvent);
	}

	async listUnorderedAlerts(query: UnorderedAlertQuery): Promise<UnorderedAlert[]> {
		const rows = this.database.db.prepare(unorderedAlertsSql(sqliteDialect)).all(...unorderedAlertsParams(query)) as unknown as AlertFateRow[];
		return rows.map(toUnorderedAlert);
	}
}
