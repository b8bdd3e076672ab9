import type { BrokerOrder, BrokerOrderType, OrderStatus } from '../broker';
import { UnsupportedError } from '../broker-errors';
import { parseDecimal } from './oanda-decimal';
import { isRecord, PayloadError, required } from '../base/payload';
import { OANDA_ERROR_DETAILS } from './oanda-description';

/*
 * OANDA orders and order transactions → BrokerOrder.
 *
 * - brokerOrderId is OANDA's order id (the id of the transaction that created it); clientOrderId
 *   is clientExtensions.id; symbol is OANDA's instrument (EUR_USD); side is the sign of units.
 * - MARKET → market, LIMIT → limit, STOP → stop, or stop_limit when it carries a priceBound (how
 *   this adapter sends a stop_limit; limitPrice = priceBound).
 * - Status: PENDING and TRIGGERED → open; FILLED → filled; CANCELLED → by the cancel reason:
 *   TIME_IN_FORCE_EXPIRED → expired; CLIENT_REQUEST(_REPLACED), LINKED_TRADE_CLOSED,
 *   INSUFFICIENT_LIQUIDITY (a FOK that found too little) and BOUNDS_VIOLATION (price bound
 *   passed) → canceled; every other reason (INSUFFICIENT_MARGIN, MARKET_HALTED, account locks,
 *   on-fill checks…) means OANDA refused to execute it → rejected. Such orders also carry
 *   `cancelReason`, OANDA's reason, the one field added to the BrokerOrder shape.
 * - A fill that leaves units over (an IOC partly filled, the rest cancelled) reports the filled
 *   units with the status of the cancellation.
 * - The fill price is the unit-weighted price of the trades the fill opened, reduced and closed
 *   (OANDA's official prices), else its fullVWAP, else its deprecated price.
 * - Times are ISO 8601 (OANDA's nanoseconds cut to milliseconds).
 */

export interface OandaBrokerOrder extends BrokerOrder {
	/** OANDA's reason, present only when OANDA cancelled the order (e.g. INSUFFICIENT_MARGIN). */
	cancelReason?: string;
}

type Json = Record<string, unknown>;

const CANCELED_REASONS = new Set([
	'CLIENT_REQUEST',
	'CLIENT_REQUEST_REPLACED',
	'LINKED_TRADE_CLOSED',
	'INSUFFICIENT_LIQUIDITY',
	'BOUNDS_VIOLATION',
]);

/** Order-creating transaction types this adapter places, and the order types they create. */
export const ORDER_CREATE_TRANSACTIONS = ['MARKET_ORDER', 'LIMIT_ORDER', 'STOP_ORDER'] as const;
const ENTRY_ORDER_TYPES = new Set(['MARKET', 'LIMIT', 'STOP']);

export function isEntryOrder(order: Json): boolean {
	return ENTRY_ORDER_TYPES.has(String(order.type));
}

/**
 * OANDA's answer as an object; {} for a body that is not one (a proxy's page, a cut-off answer),
 * so the problem reported is the field OANDA did not send, e.g. "no orderCreateTransaction".
 */
export function answerOf(body: unknown): Json {
	return isRecord(body) ? body : {};
}

export function clientIdOf(orderOrCreate: Json): string | null {
	const extensions = orderOrCreate.clientExtensions;
	return isRecord(extensions) && typeof extensions.id === 'string' && extensions.id !== '' ? extensions.id : null;
}

/**
 * A pending or historic Order object (GET orders/@id, pendingOrders), or the transaction that
 * created it (orderCreateTransaction, a MARKET_ORDER / LIMIT_ORDER / STOP_ORDER transaction):
 * {"id": "6372", "createTime": "2026-01-02T03:04:05.123456789Z", "state": "PENDING", "type": "LIMIT",
 *  "instrument": "EUR_USD", "units": "-100", "price": "1.08500", "timeInForce": "GTC",
 *  "positionFill": "DEFAULT", "clientExtensions": {"id": "tv-…"}}
 * A transaction has `time` instead of createTime and `LIMIT_ORDER` instead of LIMIT.
 */
export function orderFrom(source: Json): OandaBrokerOrder | null {
	const kind = String(source.type ?? '').replace(/_ORDER$/, '');
	const id = typeof source.id === 'string' ? source.id : null;
	if (id === null) return null;
	if (!ENTRY_ORDER_TYPES.has(kind)) {
		throw new UnsupportedError(`OANDA order ${id} is a ${String(source.type)} order, not one this adapter places`, OANDA_ERROR_DETAILS);
	}
	const units = parseDecimal(source.units);
	const instrument = typeof source.instrument === 'string' ? source.instrument : null;
	if (instrument === null || units === null || units === 0) return null;
	const bound = parseDecimal(source.priceBound);
	const atPrice = parseDecimal(source.price);
	const type: BrokerOrderType =
		kind === 'MARKET' ? 'market' : kind === 'LIMIT' ? 'limit' : bound !== null ? 'stop_limit' : 'stop';
	return {
		brokerOrderId: id,
		clientOrderId: clientIdOf(source) ?? '',
		symbol: instrument,
		side: units > 0 ? 'buy' : 'sell',
		type,
		quantity: Math.abs(units),
		limitPrice: type === 'limit' ? atPrice : type === 'stop_limit' ? bound : null,
		stopPrice: type === 'stop' || type === 'stop_limit' ? atPrice : null,
		status: statusOfState(source.state, kind),
		filledQuantity: 0,
		averageFillPrice: null,
		createdAt: isoTime(source.createTime ?? source.time),
	};
}

function statusOfState(state: unknown, kind: string): OrderStatus {
	switch (state) {
		case 'FILLED':
			return 'filled';
		case 'CANCELLED':
			return 'canceled';
		case 'PENDING':
		case 'TRIGGERED':
			return 'open';
		default:
			// A creating transaction has no state: a market order is in flight, others rest.
			return kind === 'MARKET' ? 'new' : 'open';
	}
}

/**
 * An ORDER_FILL transaction:
 * {"id": "6373", "type": "ORDER_FILL", "orderID": "6372", "clientOrderID": "tv-…",
 *  "instrument": "EUR_USD", "units": "100", "price": "1.08452", "fullVWAP": "1.08452",
 *  "reason": "MARKET_ORDER", "pl": "0.0000", "accountBalance": "10000.0000",
 *  "tradeOpened": {"tradeID": "6373", "units": "100", "price": "1.08452"},
 *  "tradeReduced": {"tradeID": "6300", "units": "-50", "price": "1.08452", "realizedPL": "1.2"},
 *  "tradesClosed": [{"tradeID": "6200", "units": "-20", "price": "1.08452", "realizedPL": "0.4"}]}
 */
export function withFill(order: OandaBrokerOrder, fill: Json): OandaBrokerOrder {
	const units = parseDecimal(fill.units);
	return {
		...order,
		status: 'filled',
		filledQuantity: units === null ? order.quantity : Math.abs(units),
		averageFillPrice: fillPrice(fill),
	};
}

export function fillPrice(fill: Json): number | null {
	const parts: unknown[] = [fill.tradeOpened, fill.tradeReduced, ...(Array.isArray(fill.tradesClosed) ? fill.tradesClosed : [])];
	let units = 0;
	let value = 0;
	for (const part of parts) {
		if (!isRecord(part)) continue;
		const partUnits = parseDecimal(part.units);
		const partPrice = parseDecimal(part.price);
		if (partUnits === null || partPrice === null) continue;
		units += Math.abs(partUnits);
		value += Math.abs(partUnits) * partPrice;
	}
	if (units > 0) return Number((value / units).toPrecision(15));
	return parseDecimal(fill.fullVWAP) ?? parseDecimal(fill.price);
}

/**
 * An ORDER_CANCEL transaction:
 * {"id": "6374", "type": "ORDER_CANCEL", "orderID": "6372", "clientOrderID": "tv-…",
 *  "reason": "INSUFFICIENT_MARGIN"}
 */
export function withCancel(order: OandaBrokerOrder, cancel: Json): OandaBrokerOrder {
	const reason = typeof cancel.reason === 'string' && cancel.reason !== '' ? cancel.reason : 'UNKNOWN';
	return { ...order, status: statusOfCancelReason(reason), cancelReason: reason };
}

export function statusOfCancelReason(reason: string): OrderStatus {
	if (reason === 'TIME_IN_FORCE_EXPIRED') return 'expired';
	return CANCELED_REASONS.has(reason) ? 'canceled' : 'rejected';
}

/**
 * The 201 answer to POST orders:
 * {"orderCreateTransaction": {"id": "6372", "type": "MARKET_ORDER", "instrument": "EUR_USD", "units": "100",
 *    "timeInForce": "FOK", "positionFill": "DEFAULT", "clientExtensions": {"id": "tv-…"}, "time": "…"},
 *  "orderFillTransaction": {…ORDER_FILL…},        (filled at once)
 *  "orderCancelTransaction": {…ORDER_CANCEL…},    (cancelled at once, e.g. a FOK that found no liquidity)
 *  "relatedTransactionIDs": ["6372", "6373"], "lastTransactionID": "6373"}
 * Returns null when the answer has no usable orderCreateTransaction.
 */
export function orderFromPlacement(body: Json): OandaBrokerOrder | null {
	const create = body.orderCreateTransaction;
	if (!isRecord(create)) return null;
	let order = orderFrom(create);
	if (order === null) return null;
	if (isRecord(body.orderFillTransaction)) order = withFill(order, body.orderFillTransaction);
	if (isRecord(body.orderCancelTransaction)) order = withCancel(order, body.orderCancelTransaction);
	return order;
}

/** The answer to POST orders as an order; PayloadError when it has no usable orderCreateTransaction. */
export function parsePlacement(body: unknown): OandaBrokerOrder {
	return required(orderFromPlacement(answerOf(body)), 'no orderCreateTransaction; the order may exist');
}

/**
 * GET orders/@{clientOrderId}: {"order": {…an Order, as above…}, "lastTransactionID": "6373"}.
 * The order, and the Order object it was read from (its fill or cancel is read from there).
 */
export function parseOrderAnswer(body: unknown): { order: OandaBrokerOrder; source: Json } {
	const source = answerOf(body).order;
	if (!isRecord(source)) throw new PayloadError('no order');
	return { order: required(orderFrom(source), 'no order'), source };
}

/**
 * GET pendingOrders: {"orders": [{…an Order…}], "lastTransactionID": "6373"}: the MARKET / LIMIT
 * / STOP orders that carry a client id, of the instrument when one is given. Orders OANDA attaches
 * to trades (take profit, stop loss, trailing stop) and orders without a client id are left out.
 */
export function parsePendingOrders(body: unknown, instrument: string | null): OandaBrokerOrder[] {
	const { orders } = answerOf(body);
	if (!Array.isArray(orders)) throw new PayloadError('no orders list');
	const pending: OandaBrokerOrder[] = [];
	for (const entry of orders) {
		if (!isRecord(entry) || !isEntryOrder(entry) || clientIdOf(entry) === null) continue;
		if (instrument !== null && entry.instrument !== instrument) continue;
		pending.push(required(orderFrom(entry), `pending order ${String(entry.id)} cannot be read`));
	}
	return pending;
}

/**
 * GET transactions/{id}:
 * {"transaction": {"id": "6373", "type": "ORDER_FILL", …}, "lastTransactionID": "6380"}
 * null when the answer holds none (the order is then reported without its fill or reason).
 */
export function parseTransaction(body: unknown): Json | null {
	const { transaction } = answerOf(body);
	return isRecord(transaction) ? transaction : null;
}

function isoTime(value: unknown): string {
	if (typeof value !== 'string') return '';
	const parsed = new Date(value);
	return Number.isNaN(parsed.getTime()) ? value : parsed.toISOString();
}
