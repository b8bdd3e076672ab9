import type { BrokerDescription } from '../base/description';

// What the Bybit broker is: USDT perpetuals (V5, category linear) through ccxt's `bybit`, whose
// addresses these are (live, and testnet as ccxt's sandbox mode).

export const BYBIT: BrokerDescription = Object.freeze({
	id: 'bybit',
	label: 'Bybit',
	urls: Object.freeze({ live: 'https://api.bybit.com', sandbox: 'https://api-testnet.bybit.com' }),
	capabilities: Object.freeze({
		// Conditional entries are kept apart from the order book: not placed (perpetual-venue.ts).
		orderTypes: Object.freeze(['market', 'limit'] as const),
		// takeProfit / stopLoss with the entry (ccxt's unified params).
		brackets: true,
		trailingStops: false,
		breakevenStops: false,
		shortSelling: true,
		clientOrderIdUnique: 'while_open' as const,
		// reduceOnly=true, in one-way and hedge mode.
		reduceOnly: true,
		// As the credential says: in hedge mode orders go to a leg (positionIdx 1 long, 2 short).
		hedgeMode: true,
		// Quantities in the base asset, to the market's step (0.001 BTC).
		fractional: true,
	}),
});
