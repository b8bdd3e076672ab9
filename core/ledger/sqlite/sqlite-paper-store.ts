import type { DatabaseSync, SQLInputValue } from 'node:sqlite';

import type { BrokerOrderType, BrokerPosition, BrokerTimeInForce, OrderStatus } from '../../brokers/broker';
import type {
	PaperAccountSettings,
	PaperAccountState,
	PaperBook,
	PaperOrder,
	PaperStore,
} from '../../brokers/paper/paper-book';
import type { OrderSide } from '../../signal/normalised-alert';
import type { SqliteDatabase } from './sqlite-database';

interface AccountRow {
	currency: string;
	starting_cash: number;
	cash: number;
	realised_pnl: number;
}

interface PositionRow {
	symbol: string;
	quantity: number;
	average_price: number;
}

interface OrderRow {
	broker_order_id: string;
	client_order_id: string;
	symbol: string;
	side: OrderSide;
	type: BrokerOrderType;
	quantity: number;
	limit_price: number | null;
	stop_price: number | null;
	time_in_force: BrokerTimeInForce;
	reduce_only: number;
	stop_triggered: number;
	status: OrderStatus;
	filled_quantity: number;
	average_fill_price: number | null;
	alert_id: string | null;
	created_at: string;
	updated_at: string;
}

/** The Paper broker's accounts, positions, marks and orders, in the embedded SQLite ledger. */
export class SqlitePaperStore implements PaperStore {
	constructor(readonly database: SqliteDatabase) {}

	async run<T>(account: string, settings: PaperAccountSettings, work: (book: PaperBook) => T): Promise<T> {
		return await this.database.transaction((db) => work(new SqlitePaperBook(db, account, settings)));
	}
}

class SqlitePaperBook implements PaperBook {
	constructor(
		private readonly db: DatabaseSync,
		private readonly account: string,
		private readonly settings: PaperAccountSettings,
	) {}

	getAccount(): PaperAccountState {
		const row = this.get<AccountRow>(
			'SELECT currency, starting_cash, cash, realised_pnl FROM paper_account WHERE account = ?',
			this.account,
		);
		if (!row) {
			return {
				currency: this.settings.currency,
				startingCash: this.settings.startingCash,
				cash: this.settings.startingCash,
				realisedPnl: 0,
			};
		}
		return {
			currency: row.currency,
			startingCash: Number(row.starting_cash),
			cash: Number(row.cash),
			realisedPnl: Number(row.realised_pnl),
		};
	}

	saveAccount(account: PaperAccountState, at: string): void {
		this.run(
			`INSERT INTO paper_account (account, currency, starting_cash, cash, realised_pnl, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (account) DO UPDATE
			SET cash = excluded.cash, realised_pnl = excluded.realised_pnl, updated_at = excluded.updated_at`,
			this.account,
			account.currency,
			account.startingCash,
			account.cash,
			account.realisedPnl,
			at,
			at,
		);
	}

	getPosition(symbol: string): BrokerPosition | null {
		const row = this.get<PositionRow>(
			'SELECT symbol, quantity, average_price FROM paper_position WHERE account = ? AND symbol = ?',
			this.account,
			symbol,
		);
		return row ? toPosition(row) : null;
	}

	listPositions(): BrokerPosition[] {
		return this.all<PositionRow>(
			'SELECT symbol, quantity, average_price FROM paper_position WHERE account = ? ORDER BY symbol',
			this.account,
		).map(toPosition);
	}

	savePosition(position: BrokerPosition, at: string): void {
		this.run(
			`INSERT INTO paper_position (account, symbol, quantity, average_price, updated_at)
			VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (account, symbol) DO UPDATE
			SET quantity = excluded.quantity, average_price = excluded.average_price, updated_at = excluded.updated_at`,
			this.account,
			position.symbol,
			position.quantity,
			position.averagePrice,
			at,
		);
	}

	deletePosition(symbol: string): void {
		this.run('DELETE FROM paper_position WHERE account = ? AND symbol = ?', this.account, symbol);
	}

	getMarkPrice(symbol: string): number | null {
		const row = this.get<{ price: number }>(
			'SELECT price FROM paper_mark WHERE account = ? AND symbol = ?',
			this.account,
			symbol,
		);
		return row ? Number(row.price) : null;
	}

	setMarkPrice(symbol: string, price: number, at: string): void {
		this.run(
			`INSERT INTO paper_mark (account, symbol, price, at) VALUES (?, ?, ?, ?)
			ON CONFLICT (account, symbol) DO UPDATE SET price = excluded.price, at = excluded.at`,
			this.account,
			symbol,
			price,
			at,
		);
	}

	findOrder(clientOrderId: string): PaperOrder | null {
		const row = this.get<OrderRow>(
			'SELECT * FROM paper_order WHERE account = ? AND client_order_id = ?',
			this.account,
			clientOrderId,
		);
		return row ? toPaperOrder(row) : null;
	}

	insertOrder(order: PaperOrder): void {
		this.run(
			`INSERT INTO paper_order
			(broker_order_id, account, client_order_id, symbol, side, type, quantity, limit_price, stop_price,
			time_in_force, reduce_only, stop_triggered, status, filled_quantity, average_fill_price, alert_id,
			created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			order.brokerOrderId,
			this.account,
			order.clientOrderId,
			order.symbol,
			order.side,
			order.type,
			order.quantity,
			order.limitPrice,
			order.stopPrice,
			order.timeInForce,
			order.reduceOnly ? 1 : 0,
			order.stopTriggered ? 1 : 0,
			order.status,
			order.filledQuantity,
			order.averageFillPrice,
			order.alertId,
			order.createdAt,
			order.updatedAt,
		);
	}

	updateOrder(order: PaperOrder): void {
		this.run(
			`UPDATE paper_order
			SET status = ?, filled_quantity = ?, average_fill_price = ?, stop_triggered = ?, updated_at = ?
			WHERE account = ? AND broker_order_id = ?`,
			order.status,
			order.filledQuantity,
			order.averageFillPrice,
			order.stopTriggered ? 1 : 0,
			order.updatedAt,
			this.account,
			order.brokerOrderId,
		);
	}

	listOpenOrders(symbol?: string): PaperOrder[] {
		// rowid follows insertion, which is placement order even when the clock does not.
		const rows =
			symbol === undefined
				? this.all<OrderRow>(
						"SELECT * FROM paper_order WHERE account = ? AND status = 'open' ORDER BY rowid",
						this.account,
					)
				: this.all<OrderRow>(
						"SELECT * FROM paper_order WHERE account = ? AND status = 'open' AND symbol = ? ORDER BY rowid",
						this.account,
						symbol,
					);
		return rows.map(toPaperOrder);
	}

	private get<R>(sql: string, ...params: SQLInputValue[]): R | undefined {
		return this.db.prepare(sql).get(...params) as R | undefined;
	}

	private all<R>(sql: string, ...params: SQLInputValue[]): R[] {
		return this.db.prepare(sql).all(...params) as unknown as R[];
	}

	private run(sql: string, ...params: SQLInputValue[]): void {
		this.db.prepare(sql).run(...params);
	}
}

function toPosition(row: PositionRow): BrokerPosition {
	return { symbol: row.symbol, quantity: Number(row.quantity), averagePrice: Number(row.average_price) };
}

function toPaperOrder(row: OrderRow): PaperOrder {
	return {
		brokerOrderId: row.broker_order_id,
		clientOrderId: row.client_order_id,
		symbol: row.symbol,
		side: row.side,
		type: row.type,
		quantity: Number(row.quantity),
		limitPrice: row.limit_price === null ? null : Number(row.limit_price),
		stopPrice: row.stop_price === null ? null : Number(row.stop_price),
		status: row.status,
		filledQuantity: Number(row.filled_quantity),
		averageFillPrice: row.average_fill_price === null ? null : Number(row.average_fill_price),
		createdAt: row.created_at,
		timeInForce: row.time_in_force,
		reduceOnly: Number(row.reduce_only) === 1,
		stopTriggered: Number(row.stop_triggered) === 1,
		alertId: row.alert_id,
		updatedAt: row.updated_at,
	};
}
