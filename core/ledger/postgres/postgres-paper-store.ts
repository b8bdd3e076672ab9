import type { PaperAccountSettings, PaperBook, PaperOrder, PaperStore } from '../paper-book';
import { paperOrderValues, toPaperAccount, toPaperOrder, toPosition, type AccountRow, type OrderRow, type PositionRow } from '../paper-rows';
import type { PostgresDatabase, SqlRunner } from './postgres-database';
import { OrderNotLoaded, SnapshotPaperBook, type PaperChanges, type PaperSnapshot } from './snapshot-paper-book';

type LoadedOrderRow = OrderRow & { rowid: string };

/**
 * The Paper broker's accounts in the shared PostgreSQL ledger. The book is synchronous, so each
 * call takes the account's advisory lock, loads the account into memory, runs the work on it and
 * writes back what changed, all in one transaction: calls on one account, from any connection or
 * process, run one after the other, and a call that throws leaves nothing behind.
 */
export class PostgresPaperStore implements PaperStore {
	constructor(readonly database: PostgresDatabase) {}

	async run<T>(account: string, settings: PaperAccountSettings, work: (book: PaperBook) => T): Promise<T> {
		return await this.database.transaction(async (client) => {
			await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [this.database.lockKey('paper', account)]);
			const snapshot = await this.load(client, account);
			for (;;) {
				const book = new SnapshotPaperBook(snapshot, settings);
				const outcome = attempt(work, book);
				if ('missing' in outcome) {
					await this.loadOrder(client, account, snapshot, outcome.missing);
					continue;
				}
				await this.write(client, account, book.changes());
				return outcome.result;
			}
		});
	}

	private async load(client: SqlRunner, account: string): Promise<PaperSnapshot> {
		const table = (name: string): string => this.database.table(name);
		const accounts = await client.query<AccountRow>(
			`SELECT currency, starting_cash, cash, realised_pnl FROM ${table('paper_account')} WHERE account = $1`,
			[account],
		);
		const positions = await client.query<PositionRow>(
			`SELECT symbol, quantity, average_price FROM ${table('paper_position')} WHERE account = $1`,
			[account],
		);
		const marks = await client.query<{ symbol: string; price: number }>(
			`SELECT symbol, price FROM ${table('paper_mark')} WHERE account = $1`,
			[account],
		);
		const orders = await client.query<LoadedOrderRow>(
			`SELECT * FROM ${table('paper_order')} WHERE account = $1 AND status IN ('open', 'new') ORDER BY rowid`,
			[account],
		);
		const row = accounts.rows[0];
		return {
			account: row ? toPaperAccount(row) : null,
			positions: positions.rows.map(toPosition),
			marks: marks.rows.map((mark) => ({ symbol: mark.symbol, price: Number(mark.price) })),
			orders: orders.rows.map(toLoadedOrder),
			absentClientOrderIds: new Set(),
		};
	}

	private async loadOrder(client: SqlRunner, account: string, snapshot: PaperSnapshot, clientOrderId: string): Promise<void> {
		const { rows } = await client.query<LoadedOrderRow>(
			`SELECT * FROM ${this.database.table('paper_order')} WHERE account = $1 AND client_order_id = $2`,
			[account, clientOrderId],
		);
		if (rows.length === 0) snapshot.absentClientOrderIds.add(clientOrderId);
		else snapshot.orders.push(toLoadedOrder(rows[0]));
	}

	private async write(client: SqlRunner, account: string, changes: PaperChanges): Promise<void> {
		const table = (name: string): string => this.database.table(name);
		if (changes.account) {
			const { state, createdAt, updatedAt } = changes.account;
			await client.query(
				`INSERT INTO ${table('paper_account')} (account, currency, starting_cash, cash, realised_pnl, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7)
				ON CONFLICT (account) DO UPDATE
				SET cash = excluded.cash, realised_pnl = excluded.realised_pnl, updated_at = excluded.updated_at`,
				[account, state.currency, state.startingCash, state.cash, state.realisedPnl, createdAt, updatedAt],
			);
		}
		for (const [symbol, change] of changes.positions) {
			if (change === null) {
				await client.query(`DELETE FROM ${table('paper_position')} WHERE account = $1 AND symbol = $2`, [account, symbol]);
				continue;
			}
			await client.query(
				`INSERT INTO ${table('paper_position')} (account, symbol, quantity, average_price, updated_at)
				VALUES ($1, $2, $3, $4, $5)
				ON CONFLICT (account, symbol) DO UPDATE
				SET quantity = excluded.quantity, average_price = excluded.average_price, updated_at = excluded.updated_at`,
				[account, symbol, change.position.quantity, change.position.averagePrice, change.at],
			);
		}
		for (const [symbol, mark] of changes.marks) {
			await client.query(
				`INSERT INTO ${table('paper_mark')} (account, symbol, price, at) VALUES ($1, $2, $3, $4)
				ON CONFLICT (account, symbol) DO UPDATE SET price = excluded.price, at = excluded.at`,
				[account, symbol, mark.price, mark.at],
			);
		}
		for (const order of changes.insertedOrders) await this.insertOrder(client, account, order);
		for (const [brokerOrderId, fields] of changes.updatedOrders) {
			await client.query(
				`UPDATE ${table('paper_order')}
				SET status = $1, filled_quantity = $2, average_fill_price = $3, stop_triggered = $4, updated_at = $5,
				quantity = $8, stop_price = $9
				WHERE account = $6 AND broker_order_id = $7`,
				[
					fields.status,
					fields.filledQuantity,
					fields.averageFillPrice,
					fields.stopTriggered ? 1 : 0,
					fields.updatedAt,
					account,
					brokerOrderId,
					fields.quantity,
					fields.stopPrice,
				],
			);
		}
	}

	private async insertOrder(client: SqlRunner, account: string, order: PaperOrder): Promise<void> {
		await client.query(
			`INSERT INTO ${this.database.table('paper_order')}
			(broker_order_id, account, client_order_id, symbol, side, type, quantity, limit_price, stop_price,
			time_in_force, reduce_only, stop_triggered, status, filled_quantity, average_fill_price, alert_id,
			created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
			paperOrderValues(account, order),
		);
	}
}

function attempt<T>(work: (book: PaperBook) => T, book: PaperBook): { result: T } | { missing: string } {
	try {
		return { result: work(book) };
	} catch (error) {
		if (error instanceof OrderNotLoaded) return { missing: error.clientOrderId };
		throw error;
	}
}

function toLoadedOrder(row: LoadedOrderRow): { rowid: number; order: PaperOrder } {
	return { rowid: Number(row.rowid), order: toPaperOrder(row) };
}
