// Symbol patterns: `AAPL`, `BINANCE:BTCUSDT`, or with `*` standing for any text (`BINANCE:*`,
// `*USDT`). Matching ignores case and tries both `EXCHANGE:SYMBOL` and the bare symbol.

function patternToRegExp(pattern: string): RegExp {
	const escaped = pattern
		.trim()
		.split('*')
		.map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
		.join('.*');
	return new RegExp(`^${escaped}$`, 'i');
}

/** The names an alert's symbol goes by: `EXCHANGE:SYMBOL` (when known) and `SYMBOL`. */
export function symbolNames(symbol: string, exchange: string | null): string[] {
	const names = [symbol];
	if (!symbol.includes(':') && exchange) names.unshift(`${exchange}:${symbol}`);
	if (symbol.includes(':')) names.push(symbol.slice(symbol.indexOf(':') + 1));
	return names;
}

/** The first pattern that matches any of the names, or null. */
export function matchingPattern(patterns: readonly string[], names: readonly string[]): string | null {
	for (const pattern of patterns) {
		const regExp = patternToRegExp(pattern);
		if (names.some((name) => regExp.test(name))) return pattern;
	}
	return null;
}
