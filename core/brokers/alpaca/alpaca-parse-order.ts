import type { BrokerOrder, BrokerOrderType } from '../broker';
import type { OrderSide } from '../../signal/normalised-alert';
import { PayloadError, asFields, asList, type Fields, optionalDecimalField, textField } from '../base/payload';
import { orderStatusOf } from './alpaca-order-status';

/*
 * An order as Alpaca answers POST /v2/orders, GET /v2/orders/{id} and
 * GET /v2/orders:by_client_order_id (fields the adapter does not read left out):
 *
 * {
 *   "id": "0b3e5a6c-1d2f-4c8e-9a7b-5f6e4d3c2b1a",
 *   "client_order_id": "tv-0123456789abcdef0123456789ab",
 *   "created_at": "2026-01-02T15:04:05.123456Z",
 *   "symbol": "AAPL",              (crypto: "BTC/USD")
 *   "asset_class": "us_equity",    (crypto: "crypto")
 *   "qty": "10",                   (null for an order sized by notional)
 *   "notional": null,
 *   "filled_qty": "10",
 *   "filled_avg_price": "187.42",  (null until something fills)
 *   "order_class": "",             ("simple", "bracket", "oto", "oco")
 *   "type": "market",              ("limit", "stop", "stop_limit", "trailing_stop")
 *   "side": "buy",
 *   "time_in_force": "day",
 *   "limit_price": null,
 *   "stop_price": null,
 *   "status": "filled",
 *   "legs": null
 * }
 *
 * A trailing_stop order (placed outside this node) is reported as a stop order.
 */

const ORDER_TYPES: ReadonlyMap<string, BrokerOrderType> = new Map<string, BrokerOrderType>([
	['market', 'market'],
	['limit', 'limit'],
	['stop', 'stop'],
	['stop_limit', 'stop_limit'],
	['trailing_stop', 'stop'],
]);

export function parseAlpacaOrder(body: unknown): BrokerOrder {
	const fields = asFields(body, 'the order');
	const filledQuantity = optionalDecimalField(fields, 'filled_qty') ?? 0;
	const quantity = optionalDecimalField(fields, 'qty') ?? filledQuantity;
	return {
		brokerOrderId: textField(fields, 'id'),
		clientOrderId: textField(fields, 'client_order_id'),
		symbol: textField(fields, 'symbol'),
		side: sideOf(fields),
		type: typeOf(fields),
		quantity,
		limitPrice: optionalDecimalField(fields, 'limit_price'),
		stopPrice: optionalDecimalField(fields, 'stop_price'),
		status: orderStatusOf(textField(fields, 'status'), quantity, filledQuantity),
		filledQuantity,
		averageFillPrice: optionalDecimalField(fields, 'filled_avg_price'),
		createdAt: textField(fields, 'created_at'),
	};
}

/** The legs of a bracket or OTO order (its take profit and stop loss), each an order of its own. */
export function parseAlpacaLegs(body: unknown): BrokerOrder[] {
	const legs = asFields(body, 'the order').legs;
	return legs === null || legs === undefined ? [] : asList(legs, 'the legs').map(parseAlpacaOrder);
}

/** GET /v2/orders answers a JSON array of the orders above. */
export function parseAlpacaOrders(body: unknown): BrokerOrder[] {
	return asList(body, 'the order list').map(parseAlpacaOrder);
}

function sideOf(fields: Fields): OrderSide {
	const side = textField(fields, 'side');
	if (side !== 'buy' && side !== 'sell') throw new PayloadError(`side is not buy or sell: ${side.slice(0, 20)}`);
	return side;
}

function typeOf(fields: Fields): BrokerOrderType {
	const name = typeof fields.type === 'string' && fields.type !== '' ? 'type' : 'order_type';
	const type = ORDER_TYPES.get(textField(fields, name));
	if (type === undefined) throw new PayloadError(`the order type is unknown: ${String(fields[name]).slice(0, 20)}`);
	return type;
}

