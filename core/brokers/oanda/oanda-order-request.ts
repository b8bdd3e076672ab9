import { ORDER_SIDES } from '../../signal/normalised-alert';
import { BROKER_ORDER_TYPES, type BrokerTimeInForce, hasExits, type OrderIntent } from '../broker';
import { InvalidOrderError, UnsupportedError } from '../broker-errors';
import { decimalText } from '../base/decimal-text';
import { exitPriceText, trailingDistanceText } from './oanda-exit-prices';
import type { OandaInstrumentDetails } from './oanda-instrument-details';
import { toOandaInstrument } from './oanda-instruments';
import { OANDA_CLIENT_ID_MAX_LENGTH, OANDA_ERROR_DETAILS } from './oanda-description';

/*
 * OrderIntent → the body of POST /v3/accounts/{accountId}/orders.
 *
 * {"order": {"type": "LIMIT", "instrument": "EUR_USD", "units": "-100", "timeInForce": "GTC",
 *   "price": "1.0850", "positionFill": "DEFAULT", "clientExtensions": {"id": "tv-…"},
 *   "takeProfitOnFill": {"price": "1.0800"}, "stopLossOnFill": {"price": "1.0900"}}}
 *
 * - units is a decimal string, negative for a sell; prices are decimal strings.
 * - market → MARKET. OANDA allows only FOK or IOC on a market order: gtc and day become FOK (fill
 *   now, entirely, or not at all, which is what a market order means); ioc and fok are sent as
 *   they are.
 * - limit → LIMIT at limitPrice; stop → STOP at stopPrice. gtc → GTC, day → GFD, ioc → IOC,
 *   fok → FOK.
 * - stop_limit → STOP at stopPrice with priceBound = limitPrice. OANDA has no stop-limit order:
 *   once triggered a bounded STOP fills at the market but never worse than priceBound, and if the
 *   market has gapped past the bound OANDA cancels it (reason BOUNDS_VIOLATION) rather than leave
 *   a resting limit order as a stop-limit elsewhere would.
 * - opg and cls have no OANDA equivalent: UnsupportedError.
 * - reduceOnly → positionFill REDUCE_ONLY, else DEFAULT.
 * - clientExtensions.id = clientOrderId (OANDA allows 128 characters), the key every read-back
 *   uses. (OANDA forbids clientExtensions on accounts linked to MT4; those accounts cannot use
 *   this adapter.)
 * - takeProfitPrice / stopLossPrice → takeProfitOnFill / stopLossOnFill, OANDA's defaults (GTC),
 *   rounded to the instrument's displayPrecision; trailingStop → trailingStopLossOnFill with its
 *   distance (oanda-exit-prices.ts). An order with exits needs the instrument's details.
 * The entry's own prices are not rounded: OANDA rejects an over-precise price
 * (…_PRECISION_EXCEEDED), which surfaces as an InvalidOrderError instead of a silently moved price.
 */

export type OandaOrderType = 'MARKET' | 'LIMIT' | 'STOP';
export type OandaTimeInForce = 'FOK' | 'IOC' | 'GTC' | 'GFD';

export interface OandaOrderRequest {
	type: OandaOrderType;
	instrument: string;
	units: string;
	timeInForce: OandaTimeInForce;
	price?: string;
	priceBound?: string;
	positionFill: 'DEFAULT' | 'REDUCE_ONLY';
	clientExtensions: { id: string };
	takeProfitOnFill?: { price: string };
	stopLossOnFill?: { price: string };
	trailingStopLossOnFill?: { distance: string };
}

const MARKET_TIME_IN_FORCE: Partial<Record<BrokerTimeInForce, OandaTimeInForce>> = {
	gtc: 'FOK',
	day: 'FOK',
	ioc: 'IOC',
	fok: 'FOK',
};
const RESTING_TIME_IN_FORCE: Partial<Record<BrokerTimeInForce, OandaTimeInForce>> = {
	gtc: 'GTC',
	day: 'GFD',
	ioc: 'IOC',
	fok: 'FOK',
};

export function buildOrderRequest(intent: OrderIntent, details: OandaInstrumentDetails | null = null): { order: OandaOrderRequest } {
	assertClientOrderId(intent.clientOrderId);
	if (!ORDER_SIDES.includes(intent.side)) invalid(`side must be buy or sell, not ${String(intent.side)}`);
	if (!BROKER_ORDER_TYPES.includes(intent.type)) invalid(`unknown order type ${String(intent.type)}`);
	if (!isPositive(intent.quantity)) invalid(`quantity must be a number greater than 0, not ${String(intent.quantity)}`);
	const instrument = toOandaInstrument(intent.symbol);
	const market = intent.type === 'market';
	const timeInForce = (market ? MARKET_TIME_IN_FORCE : RESTING_TIME_IN_FORCE)[intent.timeInForce];
	if (timeInForce === undefined) {
		throw new UnsupportedError(`OANDA does not support time in force ${String(intent.timeInForce)}`, OANDA_ERROR_DETAILS);
	}
	const units = decimalText(intent.quantity);
	const order: OandaOrderRequest = {
		type: market ? 'MARKET' : intent.type === 'limit' ? 'LIMIT' : 'STOP',
		instrument,
		units: intent.side === 'sell' ? `-${units}` : units,
		timeInForce,
		positionFill: intent.reduceOnly === true ? 'REDUCE_ONLY' : 'DEFAULT',
		clientExtensions: { id: intent.clientOrderId },
	};
	if (intent.type === 'limit') order.price = price(intent.limitPrice, 'limit price');
	if (intent.type === 'stop' || intent.type === 'stop_limit') order.price = price(intent.stopPrice, 'stop price');
	if (intent.type === 'stop_limit') order.priceBound = price(intent.limitPrice, 'limit price');
	if (!hasExits(intent)) return { order };
	if (details === null || details.name !== instrument) invalid(`an order with exits needs ${instrument}'s price precision`);
	if (intent.takeProfitPrice !== null && intent.takeProfitPrice !== undefined) {
		price(intent.takeProfitPrice, 'take-profit price');
		order.takeProfitOnFill = { price: exitPriceText(intent.takeProfitPrice, details.displayPrecision, 'take-profit price') };
	}
	if (intent.stopLossPrice !== null && intent.stopLossPrice !== undefined) {
		price(intent.stopLossPrice, 'stop-loss price');
		order.stopLossOnFill = { price: exitPriceText(intent.stopLossPrice, details.displayPrecision, 'stop-loss price') };
	}
	if (intent.trailingStop) {
		if (order.stopLossOnFill) invalid('an order takes a stop loss or a trailing stop, not both');
		order.trailingStopLossOnFill = { distance: trailingDistanceText(intent, intent.trailingStop, details) };
	}
	return { order };
}

export function assertClientOrderId(clientOrderId: unknown): asserts clientOrderId is string {
	if (typeof clientOrderId !== 'string' || clientOrderId.trim() === '') invalid('the order needs a client order id');
	if (clientOrderId.length > OANDA_CLIENT_ID_MAX_LENGTH) {
		invalid(`OANDA client order ids are at most ${OANDA_CLIENT_ID_MAX_LENGTH} characters, not ${clientOrderId.length}`);
	}
}

function price(value: number | null, what: string): string {
	if (!isPositive(value)) invalid(`the ${what} must be a number greater than 0, not ${String(value)}`);
	return decimalText(value);
}

const isPositive = (value: unknown): value is number =>
	typeof value === 'number' && Number.isFinite(value) && value > 0;

function invalid(message: string): never {
	throw new InvalidOrderError(message, OANDA_ERROR_DETAILS);
}
