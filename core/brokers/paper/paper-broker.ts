import { randomUUID } from 'node:crypto';

import type {
	Broker,
	BrokerAccount,
	BrokerCapabilities,
	BrokerOrder,
	BrokerPosition,
	OrderIntent,
	OrderPreview,
} from '../broker';
import { DuplicateClientOrderIdError, InvalidOrderError, OrderNotFoundError } from '../broker-errors';
import type { PaperBook, PaperOrder, PaperStore } from '../../ledger/paper-book';
import { equityOf, onlyReduces } from './paper-engine';
import { PAPER_DESCRIPTION } from './paper-description';
import { PAPER_ERROR_DETAILS } from './paper-error-details';
import { afterFill, dropHeldExits, exitClientOrderIds, hasBracket, heldExits, moveStopsToBreakeven } from './paper-exits';
import { applyMarkPrice, fillCrossedOrders, placeNewOrder } from './paper-fills';
import { assertClientOrderId, bracketPricesOf, newPaperOrder, referencePriceOf } from './paper-order-intent';

/*
 * The Paper broker: simulated fills against the last known price of each symbol (its mark).
 *
 * - Each call runs in one store transaction: all of its changes are kept, or none.
 * - A client order id is used once per account; placing it again throws
 *   DuplicateClientOrderIdError and the caller reads the order back.
 * - The intent's referencePrice (the alert's price) becomes the symbol's mark first and fills the
 *   open orders it crosses; markPrice does the same for any price.
 * - market fills at the mark; no mark known is an InvalidOrderError.
 * - limit: a buy fills when mark <= limit at min(mark, limit), a sell when mark >= limit at
 *   max(mark, limit). stop: a buy triggers when mark >= stop, a sell when mark <= stop; it fills
 *   at the mark. stop_limit: once its stop triggers it is a limit order, on this or a later price.
 * - Fills are always complete. An order not filled at placement stays open (day and gtc: paper
 *   has no session clock) until a price fills it or it is canceled; ioc and fok are canceled.
 *   opg and cls are UnsupportedError.
 * - Brackets (paper-exits.ts): an entry's takeProfitPrice becomes a limit order, its stopLossPrice
 *   a stop order, its trailingStop a stop order whose stop follows the best price since the fill
 *   (never back), all reduce-only and gtc, with client order ids <entry>/tp, <entry>/sl and
 *   <entry>/trail:<amount> or <entry>/trail:<percent>%. They are placed with the entry, held
 *   (status new, not in the open orders) until it fills, then work for the whole position on its
 *   side and replace older exits of the same role; canceled with an entry that will not fill.
 *   A take profit must be on the winning side of the entry's price (its limit or stop, the mark
 *   for a market order), a stop loss on the losing side. Exits fill by the rules above (a stop a
 *   price gaps through fills at that price, a take profit at the better of mark and limit). When
 *   one fills, its siblings are canceled (one-cancels-the-other); after any fill, a working exit
 *   larger than the position is lowered to it and one that no longer reduces it (flat, or the
 *   other side: an exit alert, a reversal) is canceled. moveStopsToBreakeven moves the working
 *   stop losses to the position's average price (never loosening one; refused while the mark is
 *   past it on the losing side).
 * - A buy costs quantity x price in cash, a sell brings it in; sells are always allowed (short
 *   selling, no margin). A buy beyond the cash throws InsufficientFundsError when placed and is
 *   rejected when a later price would fill it. A reduce-only order must be on the other side of
 *   the position and no larger; one that no longer is when a price reaches it is rejected.
 * - Positions are signed with a weighted average price; reducing realises P&L, crossing zero
 *   closes and opens the rest at the fill price, a flat position is removed. Money and
 *   quantities are rounded to 9 decimals, average prices to 15 significant digits.
 * - Equity is cash plus each position at its mark (its average price when no mark is known);
 *   buying power is the cash.
 */

export interface PaperBrokerOptions {
	account: string;
	startingCash: number;
	currency: string;
	now?: () => Date;
	newId?: () => string;
}

export class PaperBroker implements Broker {
	readonly name = PAPER_DESCRIPTION.id;
	readonly capabilities: BrokerCapabilities = PAPER_DESCRIPTION.capabilities;

	private readonly account: string;
	private readonly settings: { startingCash: number; currency: string };
	private readonly now: () => Date;
	private readonly newId: () => string;

	constructor(
		private readonly store: PaperStore,
		options: PaperBrokerOptions,
	) {
		if (options.account.trim() === '') throw new Error('the paper account needs a name');
		if (!Number.isFinite(options.startingCash) || options.startingCash < 0) {
			throw new Error('the paper account needs a starting cash of 0 or more');
		}
		if (options.currency.trim() === '') throw new Error('the paper account needs a currency');
		this.account = options.account;
		this.settings = { startingCash: options.startingCash, currency: options.currency };
		this.now = options.now ?? (() => new Date());
		this.newId = options.newId ?? randomUUID;
	}

	async previewOrder(intent: OrderIntent): Promise<OrderPreview> {
		assertClientOrderId(intent.clientOrderId);
		const order = newPaperOrder(intent, 'preview', this.timestamp());
		const bracket = bracketPricesOf(intent);
		return { method: 'PAPER', path: `paper/${this.account}`, body: hasBracket(bracket) ? { ...order, bracket } : order };
	}

	async placeOrder(intent: OrderIntent): Promise<BrokerOrder> {
		const at = this.timestamp();
		return await this.run((book) => {
			assertClientOrderId(intent.clientOrderId);
			if (book.findOrder(intent.clientOrderId)) {
				throw new DuplicateClientOrderIdError(
					`the paper account already has an order with client order id ${intent.clientOrderId}`,
					PAPER_ERROR_DETAILS,
				);
			}
			const order = newPaperOrder(intent, this.newId(), at);
			const referencePrice = referencePriceOf(intent);
			if (referencePrice !== null) applyMarkPrice(book, order.symbol, referencePrice, at);
			if (order.reduceOnly) assertReduces(book, order);
			const placed = placeNewOrder(book, order, at);
			const bracket = bracketPricesOf(intent);
			const exits = hasBracket(bracket) ? heldExits(placed, bracket, entryBasePrice(book, placed), this.newId) : [];
			book.insertOrder(placed);
			if (placed.status === 'open' || placed.status === 'filled') for (const exit of exits) book.insertOrder(exit);
			if (placed.status === 'filled') {
				afterFill(book, placed, at);
				fillCrossedOrders(book, placed.symbol, book.getMarkPrice(placed.symbol) ?? placed.averageFillPrice ?? 0, at);
			}
			return toBrokerOrder(placed);
		});
	}

	/** The exits placed with the entry (take profit, stop loss, trailing stop), as they stand. */
	async exitsOf(entry: OrderIntent): Promise<BrokerOrder[]> {
		const ids = exitClientOrderIds(entry.clientOrderId, bracketPricesOf(entry));
		return await this.run((book) => ids.flatMap((id) => {
			const exit = book.findOrder(id);
			return exit ? [toBrokerOrder(exit)] : [];
		}));
	}

	/** Paper only: records a price for the symbol and returns the open orders it filled. */
	async markPrice(symbol: string, price: number): Promise<BrokerOrder[]> {
		if (typeof symbol !== 'string' || symbol.trim() === '') {
			throw new InvalidOrderError('a mark price needs a symbol', PAPER_ERROR_DETAILS);
		}
		if (typeof price !== 'number' || !Number.isFinite(price) || price <= 0) {
			throw new InvalidOrderError(`a mark price must be greater than 0, not ${String(price)}`, PAPER_ERROR_DETAILS);
		}
		const at = this.timestamp();
		return await this.run((book) => applyMarkPrice(book, symbol, price, at).map(toBrokerOrder));
	}

	/** Moves the symbol's working stop losses to the position's average price (paper-exits.ts). */
	async moveStopsToBreakeven(symbol: string): Promise<BrokerOrder[]> {
		const at = this.timestamp();
		return await this.run((book) => moveStopsToBreakeven(book, symbol, at).map(toBrokerOrder));
	}

	async getOrderByClientId(clientOrderId: string): Promise<BrokerOrder | null> {
		return await this.run((book) => {
			const order = book.findOrder(clientOrderId);
			return order ? toBrokerOrder(order) : null;
		});
	}

	async cancelOrder(clientOrderId: string): Promise<BrokerOrder> {
		const at = this.timestamp();
		return await this.run((book) => {
			const order = book.findOrder(clientOrderId);
			if (!order) {
				throw new OrderNotFoundError(
					`the paper account has no order with client order id ${clientOrderId}`,
					PAPER_ERROR_DETAILS,
				);
			}
			if (order.status !== 'open' && order.status !== 'new') {
				throw new InvalidOrderError(
					`order ${clientOrderId} is ${order.status} and can no longer be canceled`,
					PAPER_ERROR_DETAILS,
				);
			}
			const canceled: PaperOrder = { ...order, status: 'canceled', updatedAt: at };
			book.updateOrder(canceled);
			dropHeldExits(book, canceled, at);
			return toBrokerOrder(canceled);
		});
	}

	async listOpenOrders(symbol?: string): Promise<BrokerOrder[]> {
		return await this.run((book) => book.listOpenOrders(symbol).map(toBrokerOrder));
	}

	async getPosition(symbol: string): Promise<BrokerPosition | null> {
		return await this.run((book) => book.getPosition(symbol));
	}

	async listPositions(): Promise<BrokerPosition[]> {
		return await this.run((book) => book.listPositions());
	}

	async getAccount(): Promise<BrokerAccount> {
		return await this.run((book) => {
			const account = book.getAccount();
			const holdings = book.listPositions().map((position) => ({
				quantity: position.quantity,
				price: book.getMarkPrice(position.symbol) ?? position.averagePrice,
			}));
			return {
				currency: account.currency,
				cash: account.cash,
				equity: equityOf(account.cash, holdings),
				buyingPower: account.cash,
				realisedPnl: account.realisedPnl,
			};
		});
	}

	private async run<T>(work: (book: PaperBook) => T): Promise<T> {
		return await this.store.run(this.account, this.settings, work);
	}

	private timestamp(): string {
		return this.now().toISOString();
	}
}

/** The price a new order's exits are judged against: its limit, else its stop, else the mark. */
function entryBasePrice(book: PaperBook, order: PaperOrder): number {
	const base = order.limitPrice ?? order.stopPrice ?? book.getMarkPrice(order.symbol) ?? order.averageFillPrice;
	if (base === null) {
		throw new InvalidOrderError(`the paper broker needs a price for ${order.symbol} to place take-profit and stop-loss exits`, PAPER_ERROR_DETAILS);
	}
	return base;
}

function assertReduces(book: PaperBook, order: PaperOrder): void {
	const held = book.getPosition(order.symbol)?.quantity ?? 0;
	if (!onlyReduces(held, order.side, order.quantity)) {
		throw new InvalidOrderError(
			`a reduce-only ${order.side} of ${order.quantity} ${order.symbol} would not only reduce the position of ${held}`,
			PAPER_ERROR_DETAILS,
		);
	}
}

function toBrokerOrder(order: PaperOrder): BrokerOrder {
	return {
		brokerOrderId: order.brokerOrderId,
		clientOrderId: order.clientOrderId,
		symbol: order.symbol,
		side: order.side,
		type: order.type,
		quantity: order.quantity,
		limitPrice: order.limitPrice,
		stopPrice: order.stopPrice,
		status: order.status,
		filledQuantity: order.filledQuantity,
		averageFillPrice: order.averageFillPrice,
		createdAt: order.createdAt,
	};
}
