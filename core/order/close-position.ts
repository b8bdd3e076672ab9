import type { OrderIntent } from '../brokers/broker';
import { clientOrderIdFor } from './client-order-id';
import { type PlacedOrder, type PlaceOnceContext, placeOnce } from './place-once';

export interface ClosedPosition {
	symbol: string;
	closedQuantity: number;
	placed: PlacedOrder | null;
}

/**
 * Closes the broker's position in `symbol` with a reduce-only market order whose client order id
 * comes from `requestId`, so the same request never closes (or flips) twice.
 */
export async function closePosition(
	symbol: string,
	requestId: string,
	context: PlaceOnceContext,
	timeInForce: OrderIntent['timeInForce'] = 'gtc',
): Promise<ClosedPosition> {
	const position = (await context.broker.getPosition(symbol))?.quantity ?? 0;
	if (position === 0) return { symbol, closedQuantity: 0, placed: null };
	const intent: OrderIntent = {
		clientOrderId: clientOrderIdFor(context.scope, requestId, `close:${symbol}`),
		symbol,
		side: position > 0 ? 'sell' : 'buy',
		quantity: Math.abs(position),
		type: 'market',
		limitPrice: null,
		stopPrice: null,
		timeInForce,
		takeProfitPrice: null,
		stopLossPrice: null,
		reduceOnly: true,
		referencePrice: null,
		alertId: requestId,
	};
	return { symbol, closedQuantity: Math.abs(position), placed: await placeOnce(intent, context) };
}
