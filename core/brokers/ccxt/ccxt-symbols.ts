import type { CcxtMarket } from './ccxt-types';

/*
 * Our symbol → one of the exchange's loaded markets (only those the venue trades: spot, or
 * USD-M linear contracts). Tried in this order, the first that gives exactly one market wins:
 *
 *   1. ccxt's unified symbol as written or upper-cased: BTC/USDT, BTC/USDT:USDT;
 *   2. for contracts, a BASE/QUOTE symbol settled in its quote: BTC/USDT → BTC/USDT:USDT;
 *   3. the exchange's own market id as written, upper-cased or lower-cased: BTCUSDT;
 *   4. base and quote run together, as TradingView writes them: BTCUSDT → BTC/USDT
 *      (for exchanges whose ids differ, e.g. Kraken's XBTUSDT).
 *
 * A TradingView exchange prefix (BINANCE:BTCUSDT) is dropped, and so is the perpetual suffix .P
 * (BTCUSDT.P) when the venue trades contracts. No market, or two that fit equally: null.
 */

export interface MarketIndex {
	markets: Record<string, CcxtMarket>;
	byId: Record<string, CcxtMarket[]>;
	accepts: (market: CcxtMarket) => boolean;
	contracts: boolean;
}

export function findMarket(index: MarketIndex, symbol: string): CcxtMarket | null {
	const text = withoutPrefix(symbol.trim());
	const candidates = [text];
	if (index.contracts && /\.P$/i.test(text)) candidates.push(text.slice(0, -2));
	for (const candidate of candidates) {
		const found = findExact(index, candidate);
		if (found !== null) return found;
	}
	return null;
}

function findExact(index: MarketIndex, text: string): CcxtMarket | null {
	const upper = text.toUpperCase();
	const attempts: (() => CcxtMarket[])[] = [
		() => [index.markets[text], index.markets[upper]].filter(Boolean),
		() => (index.contracts && upper.includes('/') && !upper.includes(':') ? [index.markets[`${upper}:${upper.split('/')[1]}`]] : []),
		() => [...(index.byId[text] ?? []), ...(index.byId[upper] ?? []), ...(index.byId[text.toLowerCase()] ?? [])],
		() => Object.values(index.markets).filter((market) => `${market.base}${market.quote}`.toUpperCase() === upper),
	];
	for (const attempt of attempts) {
		const found = unique(attempt().filter((market) => market !== undefined && index.accepts(market)));
		if (found.length === 1) return found[0];
		if (found.length > 1) return null;
	}
	return null;
}

function unique(markets: CcxtMarket[]): CcxtMarket[] {
	return [...new Set(markets)];
}

/** BINANCE:BTCUSDT → BTCUSDT; a unified BTC/USDT:USDT keeps its settle part. */
function withoutPrefix(symbol: string): string {
	const match = /^([A-Za-z0-9_.-]+):(.+)$/.exec(symbol);
	return match !== null && !match[1].includes('/') ? match[2] : symbol;
}
