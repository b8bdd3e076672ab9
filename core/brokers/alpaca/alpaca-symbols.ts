/*
 * Which symbols are crypto, and how Alpaca spells them.
 *
 * The rule: a symbol (trimmed, upper-cased) is crypto when
 * - it contains '/', e.g. BTC/USD, ETH/USDT (sent as it is), or
 * - it ends with USD, USDT or USDC and what comes before is one of ALPACA_CRYPTO_BASES, e.g.
 *   BTCUSD, ETHUSDT, SOLUSDC (sent as BASE/QUOTE: BTC/USD).
 * Everything else is a stock or ETF and is sent as it is. A coin not on the list is reached by
 * writing it with the slash (PEPE/USD).
 *
 * Orders spell crypto BASE/QUOTE; positions spell it BASEQUOTE (BTCUSD), and a position is looked
 * up that way, since a '/' cannot stand in a URL path segment.
 */

export const ALPACA_CRYPTO_BASES: readonly string[] = Object.freeze([
	'BTC',
	'ETH',
	'SOL',
	'LTC',
	'BCH',
	'DOGE',
	'AVAX',
	'LINK',
	'UNI',
	'AAVE',
	'DOT',
	'MATIC',
	'SHIB',
	'XRP',
]);

export const ALPACA_CRYPTO_QUOTES: readonly string[] = Object.freeze(['USDT', 'USDC', 'USD']);

export interface AlpacaSymbol {
	/** As orders carry it: AAPL, BTC/USD. */
	order: string;
	/** As positions carry it: AAPL, BTCUSD. */
	position: string;
	crypto: boolean;
}

export function alpacaSymbol(symbol: string): AlpacaSymbol {
	const upper = symbol.trim().toUpperCase();
	if (upper.includes('/')) return { order: upper, position: upper.replace('/', ''), crypto: true };
	for (const quote of ALPACA_CRYPTO_QUOTES) {
		const base = upper.slice(0, upper.length - quote.length);
		if (upper.endsWith(quote) && ALPACA_CRYPTO_BASES.includes(base)) {
			return { order: `${base}/${quote}`, position: upper, crypto: true };
		}
	}
	return { order: upper, position: upper, crypto: false };
}
