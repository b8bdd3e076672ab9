import type { BrokerPosition } from '../../brokers/broker';
import type { PaperAccountSettings, PaperAccountState, PaperBook, PaperOrder } from '../paper-book';

/** One account as loaded at the start of a transaction. */
export interface PaperSnapshot {
	account: PaperAccountState | null;
	positions: BrokerPosition[];
	marks: Array<{ symbol: string; price: number }>;
	/** Every open or held (`new`) order, and every other order looked up so far, with its placement number. */
	orders: Array<{ rowid: number; order: PaperOrder }>;
	/** Client order ids looked up and known not to exist. */
	absentClientOrderIds: Set<string>;
}

/**
 * The book asked about an order that is neither open nor loaded yet. The store loads it and runs
 * the work again on a fresh book: nothing was written, and work only ever touches the book.
 */
export class OrderNotLoaded extends Error {
	constructor(readonly clientOrderId: string) {
		super(`paper order ${clientOrderId} is not loaded`);
	}
}

type OrderFields = Pick<PaperOrder, 'status' | 'quantity' | 'stopPrice' | 'filledQuantity' | 'averageFillPrice' | 'stopTriggered' | 'updatedAt'>;

/** What a run changed, for the store to write back in the same transaction. */
export interface PaperChanges {
	account: { state: PaperAccountState; createdAt: string; updatedAt: string } | null;
	/** null: the position was deleted. */
	positions: Map<string, { position: BrokerPosition; at: string } | null>;
	marks: Map<string, { price: number; at: string }>;
	/** New orders in placement order, as they stand at the end of the run. */
	insertedOrders: PaperOrder[];
	/** Updates to orders that existed before the run, by broker order id. */
	updatedOrders: Map<string, OrderFields>;
}

/**
 * A PaperBook over an in-memory copy of one account, recording every change. It answers exactly
 * as the SQLite book would inside its transaction: saves are read back, the first account save
 * creates it with the given currency and starting cash, and later ones change only cash and P&L.
 */
export class SnapshotPaperBook implements PaperBook {
	private account: PaperAccountState | null;
	private readonly positions = new Map<string, BrokerPosition>();
	private readonly marks = new Map<string, number>();
	private readonly orders = new Map<string, { rowid: number; order: PaperOrder }>();
	private readonly byClientOrderId = new Map<string, string>();
	private readonly absent: Set<string>;
	private nextRowid: number;
	private readonly changed: PaperChanges = {
		account: null,
		positions: new Map(),
		marks: new Map(),
		insertedOrders: [],
		updatedOrders: new Map(),
	};
	private readonly inserted = new Set<string>();

	constructor(
		snapshot: PaperSnapshot,
		private readonly settings: PaperAccountSettings,
	) {
		this.account = snapshot.account === null ? null : { ...snapshot.account };
		for (const position of snapshot.positions) this.positions.set(position.symbol, { ...position });
		for (const mark of snapshot.marks) this.marks.set(mark.symbol, mark.price);
		let highest = 0;
		for (const { rowid, order } of snapshot.orders) {
			this.orders.set(order.brokerOrderId, { rowid, order: { ...order } });
			this.byClientOrderId.set(order.clientOrderId, order.brokerOrderId);
			highest = Math.max(highest, rowid);
		}
		this.absent = new Set(snapshot.absentClientOrderIds);
		this.nextRowid = highest + 1;
	}

	changes(): PaperChanges {
		return {
			...this.changed,
			insertedOrders: this.changed.insertedOrders.map((order) => ({ ...this.orders.get(order.brokerOrderId)!.order })),
		};
	}

	getAccount(): PaperAccountState {
		if (this.account === null) {
			return {
				currency: this.settings.currency,
				startingCash: this.settings.startingCash,
				cash: this.settings.startingCash,
				realisedPnl: 0,
			};
		}
		return { ...this.account };
	}

	saveAccount(account: PaperAccountState, at: string): void {
		const createdAt = this.changed.account?.createdAt ?? at;
		this.account =
			this.account === null
				? { currency: account.currency, startingCash: account.startingCash, cash: account.cash, realisedPnl: account.realisedPnl }
				: { ...this.account, cash: account.cash, realisedPnl: account.realisedPnl };
		this.changed.account = { state: { ...this.account }, createdAt, updatedAt: at };
	}

	getPosition(symbol: string): BrokerPosition | null {
		const position = this.positions.get(symbol);
		return position ? { ...position } : null;
	}

	listPositions(): BrokerPosition[] {
		// Byte order, as SQLite's ORDER BY symbol.
		const symbols = [...this.positions.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
		return symbols.map((symbol) => ({ ...this.positions.get(symbol)! }));
	}

	savePosition(position: BrokerPosition, at: string): void {
		const stored = { symbol: position.symbol, quantity: position.quantity, averagePrice: position.averagePrice };
		this.positions.set(position.symbol, stored);
		this.changed.positions.set(position.symbol, { position: { ...stored }, at });
	}

	deletePosition(symbol: string): void {
		this.positions.delete(symbol);
		this.changed.positions.set(symbol, null);
	}

	getMarkPrice(symbol: string): number | null {
		return this.marks.get(symbol) ?? null;
	}

	setMarkPrice(symbol: string, price: number, at: string): void {
		this.marks.set(symbol, price);
		this.changed.marks.set(symbol, { price, at });
	}

	findOrder(clientOrderId: string): PaperOrder | null {
		const brokerOrderId = this.byClientOrderId.get(clientOrderId);
		if (brokerOrderId !== undefined) return { ...this.orders.get(brokerOrderId)!.order };
		if (this.absent.has(clientOrderId)) return null;
		throw new OrderNotLoaded(clientOrderId);
	}

	insertOrder(order: PaperOrder): void {
		if (this.byClientOrderId.has(order.clientOrderId) || this.orders.has(order.brokerOrderId)) {
			throw new Error(`the paper account already has order ${order.clientOrderId} (${order.brokerOrderId})`);
		}
		if (!this.absent.has(order.clientOrderId)) throw new OrderNotLoaded(order.clientOrderId);
		this.absent.delete(order.clientOrderId);
		this.orders.set(order.brokerOrderId, { rowid: this.nextRowid++, order: { ...order } });
		this.byClientOrderId.set(order.clientOrderId, order.brokerOrderId);
		this.inserted.add(order.brokerOrderId);
		this.changed.insertedOrders.push({ ...order });
	}

	updateOrder(order: PaperOrder): void {
		const fields: OrderFields = {
			status: order.status,
			quantity: order.quantity,
			stopPrice: order.stopPrice,
			filledQuantity: order.filledQuantity,
			averageFillPrice: order.averageFillPrice,
			stopTriggered: order.stopTriggered,
			updatedAt: order.updatedAt,
		};
		const entry = this.orders.get(order.brokerOrderId);
		if (entry) entry.order = { ...entry.order, ...fields };
		// An order of this account that was not loaded is updated in the table all the same.
		if (!this.inserted.has(order.brokerOrderId)) this.changed.updatedOrders.set(order.brokerOrderId, fields);
	}

	listOpenOrders(symbol?: string): PaperOrder[] {
		return this.ordersIn('open', symbol);
	}

	listHeldOrders(symbol: string): PaperOrder[] {
		return this.ordersIn('new', symbol);
	}

	private ordersIn(status: PaperOrder['status'], symbol?: string): PaperOrder[] {
		return [...this.orders.values()]
			.filter(({ order }) => order.status === status && (symbol === undefined || order.symbol === symbol))
			.sort((a, b) => a.rowid - b.rowid)
			.map(({ order }) => ({ ...order }));
	}
}
