import { InsufficientFundsError, InvalidOrderError } from '../broker-errors';
import type { PaperBook, PaperOrder } from '../../ledger/paper-book';
import { applyFill, cashChange, evaluateOrder, onlyReduces, roundAmount } from './paper-engine';
import { PAPER_ERROR_DETAILS } from './paper-error-details';
import { afterFill, dropHeldExits, trailStops } from './paper-exits';

// What orders do to one paper account's book. Synchronous: each runs inside the caller's
// transaction.

/** Why a fill cannot happen now, or null when it can. */
function fillRefusal(book: PaperBook, order: PaperOrder, price: number): InsufficientFundsError | InvalidOrderError | null {
	const held = book.getPosition(order.symbol)?.quantity ?? 0;
	if (order.reduceOnly && !onlyReduces(held, order.side, order.quantity)) {
		return new InvalidOrderError(
			`reduce-only order ${order.clientOrderId} would not only reduce the ${order.symbol} position of ${held}`,
			PAPER_ERROR_DETAILS,
		);
	}
	if (order.side === 'buy') {
		const cost = -cashChange('buy', order.quantity, price);
		const { cash, currency } = book.getAccount();
		if (cost > cash) {
			return new InsufficientFundsError(
				`buying ${order.quantity} ${order.symbol} at ${price} costs ${cost} ${currency}; the paper account has ${cash}`,
				PAPER_ERROR_DETAILS,
			);
		}
	}
	return null;
}

/** Fills the whole order at `price`: cash, realised P&L and position change with it. */
function fill(book: PaperBook, order: PaperOrder, price: number, at: string): PaperOrder {
	const account = book.getAccount();
	const effect = applyFill(book.getPosition(order.symbol), order.side, order.quantity, price);
	book.saveAccount(
		{
			...account,
			cash: roundAmount(account.cash + cashChange(order.side, order.quantity, price)),
			realisedPnl: roundAmount(account.realisedPnl + effect.realisedPnl),
		},
		at,
	);
	if (effect.position === null) book.deletePosition(order.symbol);
	else book.savePosition({ symbol: order.symbol, ...effect.position }, at);
	return { ...order, status: 'filled', filledQuantity: order.quantity, averageFillPrice: price, updatedAt: at };
}

/**
 * A new order, as it stands after placement: filled if the mark lets it, else open, or canceled
 * for ioc and fok. A fill it cannot make (no cash) throws, so nothing of the call is kept.
 */
export function placeNewOrder(book: PaperBook, order: PaperOrder, at: string): PaperOrder {
	const mark = book.getMarkPrice(order.symbol);
	if (order.type === 'market' && mark === null) {
		throw new InvalidOrderError(
			`the paper broker needs a price to fill a market order: send price in the alert (no price is known for ${order.symbol})`,
			PAPER_ERROR_DETAILS,
		);
	}
	const atMark = mark === null ? { stopTriggered: false, fillPrice: null } : evaluateOrder(order, mark);
	if (atMark.fillPrice !== null) {
		const refusal = fillRefusal(book, order, atMark.fillPrice);
		if (refusal) throw refusal;
		return fill(book, { ...order, stopTriggered: atMark.stopTriggered }, atMark.fillPrice, at);
	}
	const waits = order.timeInForce !== 'ioc' && order.timeInForce !== 'fok';
	return { ...order, stopTriggered: atMark.stopTriggered, status: waits ? 'open' : 'canceled', updatedAt: at };
}

/**
 * Records the symbol's price, moves the trailing stops after it, and fills every open order of
 * the symbol the price crosses, oldest first. An order that crosses but cannot fill (no cash, or
 * reduce-only no longer reducing) is rejected. Returns the orders it filled.
 */
export function applyMarkPrice(book: PaperBook, symbol: string, price: number, at: string): PaperOrder[] {
	book.setMarkPrice(symbol, price, at);
	trailStops(book, symbol, price, at);
	return fillCrossedOrders(book, symbol, price, at);
}

/**
 * Fills the open orders of the symbol that `price` crosses, oldest first. A fill can open orders
 * (an entry's exits) or cancel them (one-cancels-the-other): the open orders are read again after
 * each one, and each is looked at once.
 */
export function fillCrossedOrders(book: PaperBook, symbol: string, price: number, at: string): PaperOrder[] {
	const filled: PaperOrder[] = [];
	const seen = new Set<string>();
	for (;;) {
		const order = book.listOpenOrders(symbol).find((open) => !seen.has(open.brokerOrderId));
		if (order === undefined) return filled;
		seen.add(order.brokerOrderId);
		const atMark = evaluateOrder(order, price);
		if (atMark.fillPrice === null) {
			if (atMark.stopTriggered !== order.stopTriggered) {
				book.updateOrder({ ...order, stopTriggered: atMark.stopTriggered, updatedAt: at });
			}
			continue;
		}
		const triggered = { ...order, stopTriggered: atMark.stopTriggered };
		if (fillRefusal(book, triggered, atMark.fillPrice)) {
			book.updateOrder({ ...triggered, status: 'rejected', updatedAt: at });
			dropHeldExits(book, triggered, at);
			continue;
		}
		const done = fill(book, triggered, atMark.fillPrice, at);
		book.updateOrder(done);
		afterFill(book, done, at);
		filled.push(done);
	}
}
