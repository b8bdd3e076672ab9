import type { CcxtExchange, CcxtTicker } from './ccxt-types';

/*
 * The current price of spot markets, from the exchange's tickers: one fetchTickers for all the
 * symbols where ccxt has it (Binance: GET /api/v3/ticker/24hr?symbols=[…]), else one fetchTicker
 * per symbol. A ticker's price is its last trade, else its close, else the middle of bid and ask.
 * A symbol whose ticker is missing or carries none of these is left out of the answer: the
 * caller names what it could not value.
 */

export async function marketPrices(exchange: CcxtExchange, symbols: readonly string[]): Promise<Map<string, number>> {
	const wanted = [...new Set(symbols)];
	const prices = new Map<string, number>();
	if (wanted.length === 0) return prices;
	const tickers: Record<string, CcxtTicker | undefined> = {};
	if (exchange.has.fetchTickers === true) {
		Object.assign(tickers, await exchange.fetchTickers(wanted));
	} else {
		for (const symbol of wanted) tickers[symbol] = await exchange.fetchTicker(symbol);
	}
	for (const symbol of wanted) {
		const price = priceOf(tickers[symbol]);
		if (price !== null) prices.set(symbol, price);
	}
	return prices;
}

function priceOf(ticker: CcxtTicker | undefined): number | null {
	if (ticker === undefined || ticker === null || typeof ticker !== 'object') return null;
	const last = positive(ticker.last) ?? positive(ticker.close);
	if (last !== null) return last;
	const bid = positive(ticker.bid);
	const ask = positive(ticker.ask);
	return bid !== null && ask !== null ? (bid + ask) / 2 : null;
}

function positive(value: unknown): number | null {
	return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}
