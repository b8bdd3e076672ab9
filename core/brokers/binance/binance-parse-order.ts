import type { BrokerOrder, BrokerOrderType, OrderStatus } from '../broker';
import { asFields, decimalField, type Fields, isoTime, optionalDecimalField, positiveOrNull, textField } from '../ccxt/ccxt-fields';
import { PayloadError } from '../base/payload';

/*
 * An order as Binance answers it (ccxt's `order.info`): POST /api/v3/order (newOrderRespType
 * FULL), GET /api/v3/order, GET /api/v3/openOrders; for USD-M the same under /fapi/v1 (RESULT).
 * Fields the adapter does not read left out:
 *
 * {
 *   "symbol": "BTCUSDT",
 *   "orderId": 28,
 *   "clientOrderId": "tv-0123456789abcdef0123456789ab",
 *   "transactTime": 1507725176595,         (POST; GET answers "time", USD-M "updateTime")
 *   "price": "0.00000000",                 (0 for market orders)
 *   "origQty": "10.00000000",
 *   "executedQty": "10.00000000",
 *   "cummulativeQuoteQty": "10.00000000",  (spot; USD-M answers "avgPrice" instead)
 *   "status": "FILLED",
 *   "type": "MARKET",
 *   "side": "SELL",
 *   "stopPrice": "0.00000000"
 * }
 *
 * Read from Binance's own fields, not ccxt's unified ones: they are exact, and a cancel answer's
 * clientOrderId is the cancel request's id (origClientOrderId is the order's), which the unified
 * order would blur. The average fill price is cummulativeQuoteQty / executedQty (spot) or avgPrice.
 */

const STATUS: ReadonlyMap<string, OrderStatus> = new Map<string, OrderStatus>([
	['PENDING_NEW', 'new'],
	['NEW', 'open'],
	['PENDING_CANCEL', 'open'],
	['PARTIALLY_FILLED', 'partially_filled'],
	['FILLED', 'filled'],
	['CANCELED', 'canceled'],
	['REJECTED', 'rejected'],
	['EXPIRED', 'expired'],
	['EXPIRED_IN_MATCH', 'expired'],
]);

/** Spot and USD-M spell some types alike with different meanings: TAKE_PROFIT is a market-on-trigger on spot, a limit on USD-M. */
const SPOT_TYPES: ReadonlyMap<string, BrokerOrderType> = new Map<string, BrokerOrderType>([
	['MARKET', 'market'],
	['LIMIT', 'limit'],
	['LIMIT_MAKER', 'limit'],
	['STOP_LOSS', 'stop'],
	['TAKE_PROFIT', 'stop'],
	['STOP_LOSS_LIMIT', 'stop_limit'],
	['TAKE_PROFIT_LIMIT', 'stop_limit'],
]);
const USDM_TYPES: ReadonlyMap<string, BrokerOrderType> = new Map<string, BrokerOrderType>([
	['MARKET', 'market'],
	['LIMIT', 'limit'],
	['STOP_MARKET', 'stop'],
	['TAKE_PROFIT_MARKET', 'stop'],
	['TRAILING_STOP_MARKET', 'stop'],
	['STOP', 'stop_limit'],
	['TAKE_PROFIT', 'stop_limit'],
]);

export function parseBinanceOrder(info: unknown, contracts: boolean): BrokerOrder {
	const fields = asFields(info, 'the order');
	const type = typeOf(fields, contracts);
	const quantity = decimalField(fields, 'origQty');
	const filledQuantity = decimalField(fields, 'executedQty');
	const limitPrice = type === 'limit' || type === 'stop_limit' ? positiveOrNull(fields, 'price') : null;
	return {
		brokerOrderId: textField(fields, 'orderId'),
		clientOrderId: textField(fields, 'clientOrderId'),
		symbol: textField(fields, 'symbol'),
		side: sideOf(fields),
		type,
		quantity,
		limitPrice,
		stopPrice: positiveOrNull(fields, 'stopPrice'),
		status: statusOf(fields),
		filledQuantity,
		averageFillPrice: averageOf(fields, filledQuantity),
		createdAt: isoTime(fields, ['time', 'transactTime', 'updateTime']),
	};
}

function typeOf(fields: Fields, contracts: boolean): BrokerOrderType {
	const raw = textField(fields, contracts && typeof fields.origType === 'string' ? 'origType' : 'type');
	const type = (contracts ? USDM_TYPES : SPOT_TYPES).get(raw);
	if (type === undefined) throw new PayloadError(`the order type is unknown: ${raw.slice(0, 30)}`);
	return type;
}

function sideOf(fields: Fields): 'buy' | 'sell' {
	const side = textField(fields, 'side');
	if (side === 'BUY') return 'buy';
	if (side === 'SELL') return 'sell';
	throw new PayloadError(`side is not BUY or SELL: ${side.slice(0, 20)}`);
}

/** A status Binance adds later is taken as new: alive, progress unknown. */
function statusOf(fields: Fields): OrderStatus {
	return STATUS.get(textField(fields, 'status')) ?? 'new';
}

function averageOf(fields: Fields, filledQuantity: number): number | null {
	if (filledQuantity <= 0) return null;
	const average = positiveOrNull(fields, 'avgPrice');
	if (average !== null) return average;
	const quote = optionalDecimalField(fields, 'cummulativeQuoteQty');
	if (quote === null || quote <= 0) return null;
	return Number((quote / filledQuantity).toPrecision(12));
}
