import { BROKER_ORDER_TYPES, BROKER_TIME_IN_FORCE, type BrokerOrderType, type BrokerTimeInForce, type OrderIntent } from '../broker';
import { InvalidOrderError, UnsupportedError } from '../broker-errors';
import type { OrderSide } from '../../signal/normalised-alert';
import { positiveDecimalText } from '../base/decimal-text';
import { ALPACA_CLIENT_ORDER_ID_MAX, ALPACA_DECIMAL_TEXT, ALPACA_CRYPTO_TIME_IN_FORCE, ALPACA_ERROR_DETAILS } from './alpaca-description';
import { alpacaTickPrice } from './alpaca-price-tick';
import { alpacaSymbol } from './alpaca-symbols';

/*
 * The JSON body of POST /v2/orders, built from an intent, or a refusal before anything is sent:
 *
 * {
 *   "symbol": "AAPL",                 (crypto as BASE/QUOTE: "BTC/USD")
 *   "qty": "10",                      (decimal string, at most 9 decimals, no exponent)
 *   "side": "buy",
 *   "type": "stop_limit",
 *   "time_in_force": "day",
 *   "limit_price": "187.5",           (limit and stop_limit only)
 *   "stop_price": "186",              (stop and stop_limit only)
 *   "client_order_id": "tv-0123456789abcdef0123456789ab",
 *   "order_class": "bracket",         (both exits; "oto" with one; absent with none)
 *   "take_profit": { "limit_price": "195" },
 *   "stop_loss": { "stop_price": "180" }
 * }
 *
 * Refused with InvalidOrderError: a missing or over-long client order id, an unknown side, type
 * or time in force, a quantity or a price that is not a number above 0, a limit or stop order
 * without its price, a crypto order with a time in force other than gtc or ioc.
 * Refused with UnsupportedError: crypto with bracket exits or a trailing stop, a crypto stop
 * order (Alpaca takes market, limit and stop_limit for crypto), a trailing stop together with a
 * take profit (Alpaca takes a trailing stop only as an order of its own, and a take profit working
 * beside it would hold the same shares). The take-profit and stop-loss prices are rounded to the
 * cent (to 1/100 cent below $1: alpaca-price-tick.ts). A trailing stop is not part of this body: it
 * is placed once the entry has filled (alpaca-trailing-stop.ts). reduceOnly is not part of the body: Alpaca has no
 * such flag, the adapter checks it against the position before sending.
 */

export interface AlpacaOrderBody {
	symbol: string;
	qty: string;
	side: OrderSide;
	type: BrokerOrderType;
	time_in_force: BrokerTimeInForce;
	client_order_id: string;
	limit_price?: string;
	stop_price?: string;
	order_class?: 'bracket' | 'oto';
	take_profit?: { limit_price: string };
	stop_loss?: { stop_price: string };
}

export function alpacaOrderBody(intent: OrderIntent): AlpacaOrderBody {
	const clientOrderId = checkedClientOrderId(intent.clientOrderId);
	if (typeof intent.symbol !== 'string' || intent.symbol.trim() === '') invalid('the order needs a symbol');
	const symbol = alpacaSymbol(intent.symbol);
	if (intent.side !== 'buy' && intent.side !== 'sell') invalid(`side must be buy or sell, not ${String(intent.side)}`);
	if (!BROKER_ORDER_TYPES.includes(intent.type)) invalid(`unknown order type ${String(intent.type)}`);
	if (!BROKER_TIME_IN_FORCE.includes(intent.timeInForce)) invalid(`unknown time in force ${String(intent.timeInForce)}`);
	const qty = positiveDecimalText(intent.quantity, ALPACA_DECIMAL_TEXT);
	if (qty === null) invalid(`quantity must be a number greater than 0, not ${String(intent.quantity)}`);

	const body: AlpacaOrderBody = {
		symbol: symbol.order,
		qty,
		side: intent.side,
		type: intent.type,
		time_in_force: intent.timeInForce,
		client_order_id: clientOrderId,
	};
	if (intent.type === 'limit' || intent.type === 'stop_limit') body.limit_price = price(intent.limitPrice, `a ${intent.type} order's limit price`);
	if (intent.type === 'stop' || intent.type === 'stop_limit') body.stop_price = price(intent.stopPrice, `a ${intent.type} order's stop price`);

	const takeProfit = present(intent.takeProfitPrice) ? exitPrice(intent.takeProfitPrice, 'the take-profit price') : null;
	const stopLoss = present(intent.stopLossPrice) ? exitPrice(intent.stopLossPrice, 'the stop-loss price') : null;
	const trailing = present(intent.trailingStop);

	if (symbol.crypto) {
		if (!ALPACA_CRYPTO_TIME_IN_FORCE.includes(intent.timeInForce)) {
			invalid(`Alpaca takes crypto orders only with time in force ${ALPACA_CRYPTO_TIME_IN_FORCE.join(' or ')}, not ${intent.timeInForce}`);
		}
		if (intent.type === 'stop') unsupported('Alpaca does not take stop orders for crypto: use stop_limit');
		if (takeProfit !== null || stopLoss !== null) unsupported('Alpaca does not take bracket (take-profit or stop-loss) orders for crypto');
		if (trailing) unsupported('Alpaca does not take trailing stop orders for crypto');
	}
	if (trailing && takeProfit !== null) {
		unsupported('Alpaca takes a trailing stop only as an order of its own, not together with a take profit (both would hold the same shares): send the trailing stop without a take profit, or a stop-loss price with it');
	}
	if (takeProfit !== null || stopLoss !== null) {
		body.order_class = takeProfit !== null && stopLoss !== null ? 'bracket' : 'oto';
		if (takeProfit !== null) body.take_profit = { limit_price: takeProfit };
		if (stopLoss !== null) body.stop_loss = { stop_price: stopLoss };
	}
	return body;
}

export function checkedClientOrderId(clientOrderId: unknown): string {
	if (typeof clientOrderId !== 'string' || clientOrderId.trim() === '') invalid('the order needs a client order id');
	if (clientOrderId.length > ALPACA_CLIENT_ORDER_ID_MAX) {
		invalid(`Alpaca takes client order ids of at most ${ALPACA_CLIENT_ORDER_ID_MAX} characters, not ${clientOrderId.length}`);
	}
	return clientOrderId;
}

function price(value: number | null, what: string): string {
	const text = value === null ? null : positiveDecimalText(value, ALPACA_DECIMAL_TEXT);
	if (text === null) invalid(`${what} must be a number greater than 0, not ${String(value)}`);
	return text;
}

/** An exit price, rounded to the increment Alpaca accepts (a positive price stays positive). */
function exitPrice(value: number | null, what: string): string {
	if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) price(value, what);
	return price(alpacaTickPrice(value as number), what);
}

function present(value: unknown): boolean {
	return value !== null && value !== undefined;
}

function invalid(message: string): never {
	throw new InvalidOrderError(message, ALPACA_ERROR_DETAILS);
}

function unsupported(message: string): never {
	throw new UnsupportedError(message, ALPACA_ERROR_DETAILS);
}
