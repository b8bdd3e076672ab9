import type { BrokerOrder, BrokerTimeInForce, OrderIntent, TrailingStop } from '../broker';
import { InvalidOrderError } from '../broker-errors';
import type { OrderSide } from '../../signal/normalised-alert';
import { positiveDecimalText } from '../base/decimal-text';
import { ALPACA_CLIENT_ORDER_ID_MAX, ALPACA_DECIMAL_TEXT, ALPACA_ERROR_DETAILS } from './alpaca-description';
import { alpacaSymbol } from './alpaca-symbols';

/*
 * Alpaca takes a trailing stop only as an order of its own (type trailing_stop, with trail_price
 * in dollars or trail_percent), never as a leg of a bracket or OTO. So the entry is sent alone and,
 * once it has filled, the trailing stop is placed for the filled quantity on the other side:
 *
 * { "symbol": "AAPL", "qty": "10", "side": "sell", "type": "trailing_stop",
 *   "time_in_force": "gtc", "trail_price": "2.5", "client_order_id": "tv-…-trail" }
 *
 * Its client order id is the entry's with "-trail" appended, so a second attempt for the same
 * entry (a resent alert, a retry) finds it instead of placing another. time_in_force is day for a
 * day entry, else gtc (Alpaca takes only day or gtc for trailing stops).
 */

export const TRAILING_SUFFIX = '-trail';

export interface AlpacaTrailingStopBody {
	symbol: string;
	qty: string;
	side: OrderSide;
	type: 'trailing_stop';
	time_in_force: 'day' | 'gtc';
	client_order_id: string;
	trail_price?: string;
	trail_percent?: string;
}

export function trailingStopClientId(entryClientOrderId: string): string {
	const id = `${entryClientOrderId}${TRAILING_SUFFIX}`;
	if (id.length > ALPACA_CLIENT_ORDER_ID_MAX) invalid(`the trailing stop's client order id ${id} is longer than Alpaca's ${ALPACA_CLIENT_ORDER_ID_MAX} characters`);
	return id;
}

export function trailingStopBody(intent: OrderIntent, entry: BrokerOrder, trailing: TrailingStop): AlpacaTrailingStopBody {
	const qty = positiveDecimalText(entry.filledQuantity, ALPACA_DECIMAL_TEXT);
	if (qty === null) invalid(`the entry ${entry.clientOrderId} has no filled quantity to protect with a trailing stop`);
	const body: AlpacaTrailingStopBody = {
		symbol: alpacaSymbol(intent.symbol).order,
		qty,
		side: intent.side === 'buy' ? 'sell' : 'buy',
		type: 'trailing_stop',
		time_in_force: dayOrGtc(intent.timeInForce),
		client_order_id: trailingStopClientId(intent.clientOrderId),
	};
	if (trailing.amount !== null) body.trail_price = trail(Number(trailing.amount.toFixed(2)), 'trailing stop amount');
	else body.trail_percent = trail(trailing.percent, 'trailing stop percent');
	return body;
}

function dayOrGtc(timeInForce: BrokerTimeInForce): 'day' | 'gtc' {
	return timeInForce === 'day' ? 'day' : 'gtc';
}

function trail(value: number | null, what: string): string {
	const text = value === null ? null : positiveDecimalText(value, ALPACA_DECIMAL_TEXT);
	if (text === null) invalid(`the ${what} must be a number greater than 0 (at Alpaca's precision), not ${String(value)}`);
	return text;
}

function invalid(message: string): never {
	throw new InvalidOrderError(message, ALPACA_ERROR_DETAILS);
}
