import type { OrderSide } from '../../signal/normalised-alert';
import type { TrailingStop } from '../broker';
import { InvalidOrderError } from '../broker-errors';
import type { PaperBook, PaperOrder } from '../../ledger/paper-book';
import { roundPrice } from './paper-engine';
import { PAPER_ERROR_DETAILS } from './paper-error-details';

// The Paper broker's bracket exits: the take-profit and stop-loss orders an entry carries. Rules
// are listed at the top of paper-broker.ts. No table of their own: an exit is an ordinary paper
// order, reduce-only, whose client order id is its entry's plus a suffix that names its role:
//
//   <entry>/tp               take profit, a limit order
//   <entry>/sl               stop loss, a stop order
//   <entry>/trail:<n>        trailing stop loss by <n> price units, a stop order whose stop moves
//   <entry>/trail:<n>%       trailing stop loss by <n> percent
//
// so the same entry always gets the same exit ids, and an exit's entry and siblings are found
// from its id. A trailing stop's state is its stop price: it only ever moves toward the price.

export type ExitRole = 'take_profit' | 'stop_loss';

export interface ExitOf {
	entryClientOrderId: string;
	role: ExitRole;
	trail: TrailingStop | null;
}

const EXIT_ID = /^(.+)\/(tp|sl|trail:([0-9.e+-]+)(%?))$/;

/** Whether a client order id has the form of a bracket exit's (only the Paper broker makes those). */
export function isExitClientOrderId(clientOrderId: string): boolean {
	return EXIT_ID.test(clientOrderId);
}

/** What an order is as a bracket exit, or null for any other order. */
export function exitOf(order: Pick<PaperOrder, 'clientOrderId' | 'reduceOnly'>): ExitOf | null {
	if (!order.reduceOnly) return null;
	const match = EXIT_ID.exec(order.clientOrderId);
	if (!match) return null;
	const [, entryClientOrderId, suffix, distance, percent] = match;
	if (suffix === 'tp') return { entryClientOrderId, role: 'take_profit', trail: null };
	if (suffix === 'sl') return { entryClientOrderId, role: 'stop_loss', trail: null };
	const value = Number(distance);
	if (!Number.isFinite(value) || value <= 0) return null;
	return { entryClientOrderId, role: 'stop_loss', trail: percent ? { amount: null, percent: value } : { amount: value, percent: null } };
}

export interface BracketPrices {
	takeProfitPrice: number | null;
	stopLossPrice: number | null;
	trailingStop: TrailingStop | null;
}

export function hasBracket(prices: BracketPrices): boolean {
	return prices.takeProfitPrice !== null || prices.stopLossPrice !== null || prices.trailingStop !== null;
}

const against = (side: OrderSide): OrderSide => (side === 'buy' ? 'sell' : 'buy');

/** A trailing stop `trail` away from `price`, on the losing side of a position the exit `side` closes. */
export function trailingStopPrice(side: OrderSide, trail: TrailingStop, price: number): number {
	const distance = trail.amount ?? (price * (trail.percent ?? 0)) / 100;
	return roundPrice(side === 'sell' ? price - distance : price + distance);
}

/**
 * The exits of `entry`, held (status `new`) until it fills. `base` is the price the entry is
 * judged at (the mark for a market order, else its limit or stop): a take profit must be on the
 * winning side of it and a stop loss on the losing side, or the exit would fill at once.
 */
export function heldExits(entry: PaperOrder, prices: BracketPrices, base: number, newId: () => string): PaperOrder[] {
	const long = entry.side === 'buy';
	const { takeProfitPrice, stopLossPrice, trailingStop } = prices;
	if (takeProfitPrice !== null && (long ? takeProfitPrice <= base : takeProfitPrice >= base)) {
		invalid(`the take-profit price ${takeProfitPrice} of a ${entry.side} must be ${long ? 'above' : 'below'} its entry price ${base}`);
	}
	if (stopLossPrice !== null && (long ? stopLossPrice >= base : stopLossPrice <= base)) {
		invalid(`the stop-loss price ${stopLossPrice} of a ${entry.side} must be ${long ? 'below' : 'above'} its entry price ${base}`);
	}
	const side = against(entry.side);
	const exit = (suffix: string, type: 'limit' | 'stop', limitPrice: number | null, stopPrice: number | null): PaperOrder => ({
		...entry,
		brokerOrderId: newId(),
		clientOrderId: `${entry.clientOrderId}/${suffix}`,
		side,
		type,
		limitPrice,
		stopPrice,
		timeInForce: 'gtc',
		reduceOnly: true,
		stopTriggered: false,
		status: 'new',
		filledQuantity: 0,
		averageFillPrice: null,
	});
	const exits: PaperOrder[] = [];
	if (takeProfitPrice !== null) exits.push(exit('tp', 'limit', takeProfitPrice, null));
	if (stopLossPrice !== null) exits.push(exit('sl', 'stop', null, stopLossPrice));
	if (trailingStop !== null) {
		const stop = trailingStopPrice(side, trailingStop, base);
		if (!(stop > 0)) invalid(`a trailing stop of ${describeTrail(trailingStop)} from ${base} would be at ${stop}`);
		exits.push(exit(trailSuffix(trailingStop), 'stop', null, stop));
	}
	return exits;
}

const trailSuffix = (trail: TrailingStop): string => `trail:${trail.amount ?? `${trail.percent}%`}`;

/** The client order ids heldExits gives the exits of the entry `entryClientOrderId`. */
export function exitClientOrderIds(entryClientOrderId: string, prices: BracketPrices): string[] {
	const suffixes = [prices.takeProfitPrice !== null ? 'tp' : null, prices.stopLossPrice !== null ? 'sl' : null, prices.trailingStop !== null ? trailSuffix(prices.trailingStop) : null];
	return suffixes.flatMap((suffix) => (suffix === null ? [] : [`${entryClientOrderId}/${suffix}`]));
}

export function describeTrail(trail: TrailingStop): string {
	return trail.amount !== null ? String(trail.amount) : `${trail.percent} %`;
}

/** The open and held exits of the symbol, each with what it is. */
function exitsOfSymbol(book: PaperBook, symbol: string): Array<{ order: PaperOrder; exit: ExitOf }> {
	return [...book.listOpenOrders(symbol), ...book.listHeldOrders(symbol)].flatMap((order) => {
		const exit = exitOf(order);
		return exit ? [{ order, exit }] : [];
	});
}

function cancel(book: PaperBook, order: PaperOrder, at: string): void {
	book.updateOrder({ ...order, status: 'canceled', updatedAt: at });
}

/** An entry that will never fill (canceled, rejected): its held exits go with it. */
export function dropHeldExits(book: PaperBook, entry: PaperOrder, at: string): void {
	for (const order of book.listHeldOrders(entry.symbol)) {
		if (exitOf(order)?.entryClientOrderId === entry.clientOrderId) cancel(book, order, at);
	}
}

/**
 * What a fill does to the exits of its symbol:
 * - an entry's fill makes its held exits work, for the whole position on the entry's side, at
 *   once replacing older exits of the same role (a new take profit replaces the old one); a
 *   trailing stop starts from the fill price;
 * - an exit's fill cancels its siblings (one cancels the other);
 * - then every working exit is fitted to the position: one larger than it is lowered to it, and
 *   one that would no longer only reduce it (flat, or the other side) is canceled.
 */
export function afterFill(book: PaperBook, filled: PaperOrder, at: string): void {
	const filledExit = exitOf(filled);
	if (filledExit) {
		for (const { order, exit } of exitsOfSymbol(book, filled.symbol)) {
			if (exit.entryClientOrderId === filledExit.entryClientOrderId && order.brokerOrderId !== filled.brokerOrderId) {
				cancel(book, order, at);
			}
		}
	} else {
		activateExits(book, filled, at);
	}
	fitExitsToPosition(book, filled.symbol, at);
}

function activateExits(book: PaperBook, entry: PaperOrder, at: string): void {
	const held = book.listHeldOrders(entry.symbol).filter((order) => exitOf(order)?.entryClientOrderId === entry.clientOrderId);
	if (held.length === 0) return;
	const position = book.getPosition(entry.symbol)?.quantity ?? 0;
	if (position === 0 || (position > 0) !== (entry.side === 'buy')) {
		for (const order of held) cancel(book, order, at);
		return;
	}
	const roles = new Set(held.map((order) => exitOf(order)?.role));
	for (const order of book.listOpenOrders(entry.symbol)) {
		const exit = exitOf(order);
		if (exit && roles.has(exit.role)) cancel(book, order, at);
	}
	const fillPrice = entry.averageFillPrice ?? 0;
	for (const order of held) {
		const trail = exitOf(order)?.trail ?? null;
		book.updateOrder({
			...order,
			status: 'open',
			quantity: Math.abs(position),
			stopPrice: trail ? trailingStopPrice(order.side, trail, fillPrice) : order.stopPrice,
			updatedAt: at,
		});
	}
}

function fitExitsToPosition(book: PaperBook, symbol: string, at: string): void {
	const position = book.getPosition(symbol)?.quantity ?? 0;
	for (const order of book.listOpenOrders(symbol)) {
		if (!exitOf(order)) continue;
		const reduces = position !== 0 && order.side === (position > 0 ? 'sell' : 'buy');
		if (!reduces) cancel(book, order, at);
		else if (order.quantity > Math.abs(position)) book.updateOrder({ ...order, quantity: Math.abs(position), updatedAt: at });
	}
}

/** Moves each working trailing stop of the symbol toward `price`, never away from it. */
export function trailStops(book: PaperBook, symbol: string, price: number, at: string): void {
	for (const order of book.listOpenOrders(symbol)) {
		const trail = exitOf(order)?.trail;
		if (!trail || order.stopPrice === null) continue;
		const candidate = trailingStopPrice(order.side, trail, price);
		const moved = order.side === 'sell' ? Math.max(order.stopPrice, candidate) : Math.min(order.stopPrice, candidate);
		if (moved !== order.stopPrice) book.updateOrder({ ...order, stopPrice: moved, updatedAt: at });
	}
}

/**
 * Moves every working stop loss of the symbol's position (trailing ones included: they go on
 * trailing from there) to the position's average price, never loosening one. Refused while the
 * price is beyond that average on the losing side: the stop would fill at once, at a loss. Returns the stop
 * losses as they now stand; none without a position or a stop loss.
 */
export function moveStopsToBreakeven(book: PaperBook, symbol: string, at: string): PaperOrder[] {
	const position = book.getPosition(symbol);
	if (position === null) return [];
	const stops = book.listOpenOrders(symbol).filter((order) => exitOf(order)?.role === 'stop_loss' && order.stopPrice !== null);
	if (stops.length === 0) return [];
	const breakeven = position.averagePrice;
	const long = position.quantity > 0;
	const mark = book.getMarkPrice(symbol);
	if (mark !== null && (long ? mark < breakeven : mark > breakeven)) {
		invalid(`the ${symbol} price ${mark} is ${long ? 'below' : 'above'} the position's average price ${breakeven}: a stop loss at break-even would take the loss at once`);
	}
	return stops.map((order) => {
		const stop = order.stopPrice as number;
		const moved = long ? Math.max(stop, breakeven) : Math.min(stop, breakeven);
		if (moved === stop) return order;
		const updated = { ...order, stopPrice: moved, updatedAt: at };
		book.updateOrder(updated);
		return updated;
	});
}

function invalid(message: string): never {
	throw new InvalidOrderError(message, PAPER_ERROR_DETAILS);
}
