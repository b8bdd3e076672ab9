import type { OrderSide } from '../../signal/normalised-alert';
import type { BrokerOrderType } from '../broker';

// The Paper broker's arithmetic: when an order fills, at what price, and what a fill does to cash
// and to a position. Plain values in and out; the rules are listed at the top of paper-broker.ts.

/**
 * Money and quantities to 9 decimals, so that 0.1 + 0.2 leaves no residue. toFixed rounds the
 * exact binary value, which stays right where `x * 1e9` would pass 2^53 (cash above ~9 million).
 */
export function roundAmount(value: number): number {
	return Number(value.toFixed(9)) + 0; // + 0 turns -0 into 0
}

/**
 * Prices (averages) to 15 significant digits: what a double holds reliably. Rounding them to
 * 9 decimals instead would put up to 0.5e-9 per unit into every later P&L.
 */
export function roundPrice(value: number): number {
	return Number(value.toPrecision(15)) + 0;
}

export interface OrderTerms {
	side: OrderSide;
	type: BrokerOrderType;
	limitPrice: number | null;
	stopPrice: number | null;
	stopTriggered: boolean;
}

export interface OrderAtPrice {
	stopTriggered: boolean;
	/** Null when the order does not fill at this price. */
	fillPrice: number | null;
}

/** What an order does when the market is at `mark`. */
export function evaluateOrder(order: OrderTerms, mark: number): OrderAtPrice {
	switch (order.type) {
		case 'market':
			return { stopTriggered: false, fillPrice: mark };
		case 'limit':
			return { stopTriggered: false, fillPrice: limitFillPrice(order.side, order.limitPrice, mark) };
		case 'stop': {
			const triggered = stopReached(order.side, order.stopPrice, mark);
			return { stopTriggered: triggered, fillPrice: triggered ? mark : null };
		}
		case 'stop_limit': {
			const triggered = order.stopTriggered || stopReached(order.side, order.stopPrice, mark);
			return {
				stopTriggered: triggered,
				fillPrice: triggered ? limitFillPrice(order.side, order.limitPrice, mark) : null,
			};
		}
	}
}

/** A buy limit fills at or below its limit, a sell at or above, at the better of the two prices. */
export function limitFillPrice(side: OrderSide, limitPrice: number | null, mark: number): number | null {
	if (limitPrice === null) return null;
	if (side === 'buy') return mark <= limitPrice ? Math.min(mark, limitPrice) : null;
	return mark >= limitPrice ? Math.max(mark, limitPrice) : null;
}

/** A buy stop triggers at or above its stop, a sell stop at or below. */
export function stopReached(side: OrderSide, stopPrice: number | null, mark: number): boolean {
	if (stopPrice === null) return false;
	return side === 'buy' ? mark >= stopPrice : mark <= stopPrice;
}

/** Cash paid for a buy (negative) or received for a sell (positive). */
export function cashChange(side: OrderSide, quantity: number, price: number): number {
	const amount = roundAmount(quantity * price);
	return side === 'buy' ? -amount : amount;
}

export interface PositionTerms {
	/** Signed: long > 0, short < 0. */
	quantity: number;
	averagePrice: number;
}

export interface FillEffect {
	/** Null when the fill leaves the position flat. */
	position: PositionTerms | null;
	realisedPnl: number;
}

/**
 * A fill that adds to a position moves its average price to the weighted average; one that
 * reduces it realises P&L on the closed quantity; one that crosses zero closes the position and
 * opens the rest at the fill price.
 */
export function applyFill(
	position: PositionTerms | null,
	side: OrderSide,
	quantity: number,
	price: number,
): FillEffect {
	const held = position?.quantity ?? 0;
	const averagePrice = position?.averagePrice ?? 0;
	const change = side === 'buy' ? quantity : -quantity;
	const after = roundAmount(held + change);
	if (held === 0 || Math.sign(held) === Math.sign(change)) {
		const cost = Math.abs(held) * averagePrice + quantity * price;
		return {
			position: { quantity: after, averagePrice: roundPrice(cost / Math.abs(after)) },
			realisedPnl: 0,
		};
	}
	const closed = Math.min(quantity, Math.abs(held));
	const gainPerUnit = held > 0 ? price - averagePrice : averagePrice - price;
	const realisedPnl = roundAmount(gainPerUnit * closed);
	if (after === 0) return { position: null, realisedPnl };
	if (Math.sign(after) === Math.sign(held)) return { position: { quantity: after, averagePrice }, realisedPnl };
	return { position: { quantity: after, averagePrice: price }, realisedPnl };
}

/** Whether a fill only reduces the position: opposite side, no larger than what is held. */
export function onlyReduces(heldQuantity: number, side: OrderSide, quantity: number): boolean {
	if (side === 'buy') return heldQuantity < 0 && quantity <= -heldQuantity;
	return heldQuantity > 0 && quantity <= heldQuantity;
}

/** Cash plus every position at its price. */
export function equityOf(cash: number, holdings: ReadonlyArray<{ quantity: number; price: number }>): number {
	return holdings.reduce((total, holding) => roundAmount(total + roundAmount(holding.quantity * holding.price)), cash);
}
