import type { BrokerDescription } from '../base/description';

// What the Binance broker is, spot and USD-M futures (through ccxt, which keeps the addresses:
// these are the ones ccxt's `binance` and `binanceusdm` send to, live and in sandbox mode).

export const BINANCE_BROKER_NAME = 'binance';

export const BINANCE_SPOT: BrokerDescription = Object.freeze({
	id: BINANCE_BROKER_NAME,
	label: 'Binance',
	urls: Object.freeze({ live: 'https://api.binance.com', sandbox: 'https://testnet.binance.vision' }),
	capabilities: Object.freeze({
		orderTypes: Object.freeze(['market', 'limit', 'stop', 'stop_limit'] as const),
		// Take profit and stop loss once the entry fills, as an OCO order list (binance-spot-exits.ts).
		brackets: true,
		trailingStops: true,
		// Our stop-loss exits replaced at the entry's price (binance-spot-exits.ts).
		breakevenStops: true,
		// A spot account holds coins: selling what it does not hold is refused.
		shortSelling: false,
		// Binance takes a reused newClientOrderId once the first order is no longer open.
		clientOrderIdUnique: 'while_open' as const,
		// No such flag on spot: a reduce-only sell is checked against the free balance before
		// sending, and a reduce-only buy refused (CcxtBroker, ccxt-spot-holdings.ts).
		reduceOnly: true,
		hedgeMode: false,
		// Coins, to the market's LOT_SIZE step.
		fractional: true,
	}),
});

export const BINANCE_USDM: BrokerDescription = Object.freeze({
	id: BINANCE_BROKER_NAME,
	label: 'Binance USD-M',
	urls: Object.freeze({ live: 'https://fapi.binance.com', sandbox: 'https://testnet.binancefuture.com' }),
	capabilities: Object.freeze({
		// Conditional entries go through the Algo Service only, not placed (binance-venue.ts).
		orderTypes: Object.freeze(['market', 'limit'] as const),
		// Take profit, stop loss and a trailing stop once the entry fills, as Algo Service orders.
		brackets: true,
		trailingStops: true,
		// Our STOP_MARKET exits replaced at the entry's price (binance-usdm-exits.ts).
		breakevenStops: true,
		shortSelling: true,
		clientOrderIdUnique: 'while_open' as const,
		// reduceOnly=true in one-way mode; in hedge mode checked against the leg it reduces (binance-hedge.ts).
		reduceOnly: true,
		// A hedge-mode account holds a long and a short leg per symbol: orders go to a leg
		// (positionSide); positions are reported net per symbol (binance-usdm-holdings.ts).
		hedgeMode: true,
		// Quantities in the base asset, to the market's LOT_SIZE step (0.001 BTC).
		fractional: true,
	}),
});
