import type { BrokerDescription } from '../base/description';

// What the OKX broker is: USDT perpetual swaps (v5, instType SWAP) through ccxt's `okx`. Demo
// trading (ccxt's sandbox mode) is the same host, told apart by a header.

export const OKX: BrokerDescription = Object.freeze({
	id: 'okx',
	label: 'OKX',
	urls: Object.freeze({ live: 'https://www.okx.com', sandbox: 'https://www.okx.com' }),
	capabilities: Object.freeze({
		// Conditional entries are algo orders, kept apart from the order book: not placed (perpetual-venue.ts).
		orderTypes: Object.freeze(['market', 'limit'] as const),
		// attachAlgoOrds with the entry (ccxt's unified takeProfit / stopLoss).
		brackets: true,
		trailingStops: false,
		breakevenStops: false,
		shortSelling: true,
		clientOrderIdUnique: 'while_open' as const,
		// reduceOnly in one-way (net) mode; in hedge mode the order closes its own leg (posSide).
		reduceOnly: true,
		// As the credential says: in hedge mode orders go to a leg (posSide long or short).
		hedgeMode: true,
		// Quantities in the base asset, sent as contracts of ctVal (0.01 BTC).
		fractional: true,
	}),
});
