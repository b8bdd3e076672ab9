/** `NASDAQ:AAPL`, `aapl`, `BTC/USD` and `BTC-USD` all compare as the broker's bare symbol. */
export function comparableSymbol(symbol: string): string {
	const bare = symbol.includes(':') ? symbol.slice(symbol.indexOf(':') + 1) : symbol;
	return bare.replace(/[^a-z0-9]/gi, '').toUpperCase();
}
