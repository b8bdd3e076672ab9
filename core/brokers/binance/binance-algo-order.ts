import type { BrokerOrder, BrokerOrderType, OrderStatus } from '../broker';
import { asFields, decimalField, type Fields, isoTime, optionalDecimalField, positiveOrNull, textField } from '../ccxt/ccxt-fields';
import { PayloadError } from '../base/payload';

/*
 * A USD-M conditional order as Binance's Algo Service answers it (POST/GET /fapi/v1/algoOrder,
 * GET /fapi/v1/openAlgoOrders), fields the adapter does not read left out:
 *
 * { "algoId": 3358, "clientAlgoId": "tv-…-sl", "algoType": "CONDITIONAL", "orderType": "STOP_MARKET",
 *   "symbol": "BTCUSDT", "side": "SELL", "positionSide": "BOTH", "quantity": "0.010",
 *   "algoStatus": "NEW", "triggerPrice": "58000.0", "price": "0", "reduceOnly": true,
 *   "callbackRate": "1.5" (TRAILING_STOP_MARKET), "createTime": 1763458576201, "updateTime": … }
 *
 * algoStatus: NEW (waiting for its trigger) → open; TRIGGERING → open; TRIGGERED, FINISHED (its
 * order was sent / done) → filled; CANCELED → canceled; EXPIRED → expired; REJECTED, FAILED →
 * rejected; any later one → new. The filled quantity is executedQty where Binance gives it, else
 * the whole quantity once triggered.
 */

const STATUS: ReadonlyMap<string, OrderStatus> = new Map<string, OrderStatus>([
	['NEW', 'open'],
	['TRIGGERING', 'open'],
	['TRIGGERED', 'filled'],
	['FINISHED', 'filled'],
	['CANCELED', 'canceled'],
	['EXPIRED', 'expired'],
	['REJECTED', 'rejected'],
	['FAILED', 'rejected'],
]);

const TYPES: ReadonlyMap<string, BrokerOrderType> = new Map<string, BrokerOrderType>([
	['STOP_MARKET', 'stop'],
	['TAKE_PROFIT_MARKET', 'stop'],
	['TRAILING_STOP_MARKET', 'stop'],
	['STOP', 'stop_limit'],
	['TAKE_PROFIT', 'stop_limit'],
]);

export function parseAlgoOrder(info: unknown): BrokerOrder {
	const fields = asFields(info, 'the algo order');
	const rawType = textField(fields, 'orderType');
	const type = TYPES.get(rawType);
	if (type === undefined) throw new PayloadError(`the algo order type is unknown: ${rawType.slice(0, 30)}`);
	const status = STATUS.get(textField(fields, 'algoStatus')) ?? 'new';
	const quantity = decimalField(fields, 'quantity');
	const executed = optionalDecimalField(fields, 'executedQty');
	return {
		brokerOrderId: textField(fields, 'algoId'),
		clientOrderId: textField(fields, 'clientAlgoId'),
		symbol: textField(fields, 'symbol'),
		side: sideOf(fields),
		type,
		quantity,
		limitPrice: type === 'stop_limit' ? positiveOrNull(fields, 'price') : null,
		stopPrice: positiveOrNull(fields, 'triggerPrice'),
		status,
		filledQuantity: executed ?? (status === 'filled' ? quantity : 0),
		averageFillPrice: positiveOrNull(fields, 'avgPrice'),
		createdAt: isoTime(fields, ['createTime', 'updateTime']),
	};
}

/** Whether the algo order is still waiting (NEW or TRIGGERING). */
export function algoOrderOpen(fields: Fields): boolean {
	return fields.algoStatus === 'NEW' || fields.algoStatus === 'TRIGGERING';
}

function sideOf(fields: Fields): 'buy' | 'sell' {
	const side = textField(fields, 'side');
	if (side === 'BUY') return 'buy';
	if (side === 'SELL') return 'sell';
	throw new PayloadError(`side is not BUY or SELL: ${side.slice(0, 20)}`);
}
