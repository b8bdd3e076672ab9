import type { BrokerOrder, BrokerPosition } from '../broker';
import type { RestClient } from '../base/rest-client';
import { asFields, asList } from '../base/payload';
import { isDone } from './alpaca-held-orders';
import { parseAlpacaOrder } from './alpaca-parse-order';
import { alpacaTickPrice } from './alpaca-price-tick';
import { ALPACA_PATHS, openOrdersQuery } from './alpaca-requests';
import { type AlpacaSymbol, alpacaSymbol } from './alpaca-symbols';

/*
 * Moves a position's working stop losses to break-even: its average entry price, rounded to the
 * cent (1/100 cent below $1), never loosening one. The stops are the symbol's open stop orders on
 * the closing side (a sell stop protects a long), bracket and OTO stop-loss legs included (listed
 * with their entry in `legs`). Each stop short of break-even is replaced in place:
 *
 *   PATCH /v2/orders/{id}  {"stop_price": "187.42"}
 *
 * Alpaca answers with the new order (a new id; the old one becomes "replaced"), which keeps the
 * old one's place in its bracket. A stop already at or past break-even is left as it is, and so is
 * a trailing_stop order (it trails by its own distance; Alpaca replaces only its trail). Returns
 * the stops as they now stand, moved or not.
 */

interface StopOrder {
	id: string;
	stopPrice: number;
	type: string;
	/** The order as it stands, read. */
	order: BrokerOrder;
}

export async function moveAlpacaStopsToBreakeven(client: RestClient, symbol: AlpacaSymbol, position: BrokerPosition | null): Promise<BrokerOrder[]> {
	if (position === null || position.quantity === 0 || !(position.averagePrice > 0)) return [];
	const closingSide = position.quantity > 0 ? 'sell' : 'buy';
	const response = await client.send('GET', ALPACA_PATHS.orders, { query: { ...openOrdersQuery(symbol), nested: true } });
	const stops = client.read(response, response.what, (body) => workingStops(body, symbol, closingSide));
	const breakeven = alpacaTickPrice(position.averagePrice);
	const result: BrokerOrder[] = [];
	for (const stop of stops) {
		const tighter = closingSide === 'sell' ? breakeven > stop.stopPrice : breakeven < stop.stopPrice;
		if (stop.type === 'trailing_stop' || !tighter) {
			result.push(stop.order);
			continue;
		}
		result.push(await client.request('PATCH', ALPACA_PATHS.order(stop.id), parseAlpacaOrder, { body: { stop_price: String(breakeven) } }));
	}
	return result;
}

/** The open stop, stop_limit and trailing_stop orders of the symbol on the closing side, legs included. */
function workingStops(body: unknown, symbol: AlpacaSymbol, side: 'buy' | 'sell'): StopOrder[] {
	const stops = new Map<string, StopOrder>();
	const visit = (value: unknown): void => {
		const fields = asFields(value, 'an order');
		const type = String(fields.type ?? fields.order_type ?? '');
		const id = typeof fields.id === 'string' ? fields.id : '';
		const stopPrice = Number(fields.stop_price);
		const sameSymbol = typeof fields.symbol === 'string' && alpacaSymbol(fields.symbol).position === symbol.position;
		const isStop = type === 'stop' || type === 'stop_limit' || type === 'trailing_stop';
		if (id !== '' && sameSymbol && isStop && fields.side === side && !isDone(String(fields.status ?? '')) && Number.isFinite(stopPrice)) {
			stops.set(id, { id, stopPrice, type, order: parseAlpacaOrder(fields) });
		}
		if (Array.isArray(fields.legs)) for (const leg of fields.legs) visit(leg);
	};
	for (const order of asList(body, 'the order list')) visit(order);
	return [...stops.values()];
}
