import type { OrderIntent } from '../../core/brokers/broker';

/** A market buy of 10 AAPL, gtc, with no extras; callers spread what they need over it. */
export function marketOrderIntent(overrides: Partial<OrderIntent> = {}): OrderIntent {
	return {
		clientOrderId: 'tv-0123456789abcdef0123456789ab',
		symbol: 'AAPL',
		side: 'buy',
		quantity: 10,
		type: 'market',
		limitPrice: null,
		stopPrice: null,
		timeInForce: 'gtc',
		takeProfitPrice: null,
		stopLossPrice: null,
		reduceOnly: false,
		referencePrice: null,
		alertId: 'alert-1',
		...overrides,
	};
}
