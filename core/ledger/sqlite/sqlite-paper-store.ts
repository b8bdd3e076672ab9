import type { DatabaseSync, SQLInputValue } from 'node:sqlite';

import type { BrokerPosition } from '../../brokers/broker';
import type {
	PaperAccountSettings,
	PaperAccountState,
	PaperBook,
	PaperOrder,
	PaperStore,
} from '../paper-book';
import { paperOrderValues, toPaperAccount, toPaperOrder, toPosition, type AccountRow, type OrderRow, type PositionRow } from '../paper-rows';
import type { SqliteDatabase } from './sqlite-database';

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
		return toPaperAccount(row);
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
			...paperOrderValues(this.account, order),
		);
	}

	updateOrder(order: PaperOrder): void {
		this.run(
			`UPDATE paper_order
			SET status = ?, quantity = ?, stop_price = ?, filled_quantity = ?, average_fill_price = ?, stop_triggered = ?, updated_at = ?
			WHERE account = ? AND broker_order_id = ?`,
			order.status,
			order.quantity,
			order.stopPrice,
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

	listHeldOrders(symbol: string): PaperOrder[] {
		return this.all<OrderRow>(
			"SELECT * FROM paper_order WHERE account = ? AND status = 'new' AND symbol = ? ORDER BY rowid",
			this.account,
			symbol,
		).map(toPaperOrder);
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
