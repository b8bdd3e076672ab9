import type { BrokerOrder, BrokerPosition, BrokerTimeInForce } from '../brokers/broker';

// What the Paper broker keeps per account. The book is synchronous on purpose: a backend runs a
// whole broker call on it inside one transaction (SQLite: the write lock; PostgreSQL: a snapshot
// loaded under a row lock), so no other call can see or change the account half-way.

export interface PaperAccountSettings {
	startingCash: number;
	currency: string;
}

export interface PaperAccountState {
	currency: string;
	startingCash: number;
	cash: number;
	realisedPnl: number;
}

/** An order as the Paper broker keeps it: what the Broker sees, plus what its fill rules need. */
export interface PaperOrder extends BrokerOrder {
	timeInForce: BrokerTimeInForce;
	reduceOnly: boolean;
	/** A stop_limit order whose stop has been reached: from then on it is a limit order. */
	stopTriggered: boolean;
	alertId: string | null;
	updatedAt: string;
}

/** One paper account inside one transaction. Times are ISO strings. */
export interface PaperBook {
	/** The stored account, or a fresh one at the starting cash when nothing is stored yet. */
	getAccount(): PaperAccountState;
	/** Stores the account; the first save creates it. */
	saveAccount(account: PaperAccountState, at: string): void;

	getPosition(symbol: string): BrokerPosition | null;
	listPositions(): BrokerPosition[];
	savePosition(position: BrokerPosition, at: string): void;
	deletePosition(symbol: string): void;

	/** The last price recorded for the symbol (its mark price), or null when none is known. */
	getMarkPrice(symbol: string): number | null;
	setMarkPrice(symbol: string, price: number, at: string): void;

	findOrder(clientOrderId: string): PaperOrder | null;
	insertOrder(order: PaperOrder): void;
	/** Stores the order's status, quantity, stop price, fill, stop trigger and update time. */
	updateOrder(order: PaperOrder): void;
	/** Orders still `open`, oldest first, which is the order they fill in. */
	listOpenOrders(symbol?: string): PaperOrder[];
	/** Orders of the symbol in status `new`: bracket exits held until their entry fills, oldest first. */
	listHeldOrders(symbol: string): PaperOrder[];
}

export interface PaperStore {
	/** Runs `work` on the account's book atomically: all of its changes are kept, or none. */
	run<T>(account: string, settings: PaperAccountSettings, work: (book: PaperBook) => T): Promise<T>;
}
