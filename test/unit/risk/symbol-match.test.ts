import { matchingPattern, symbolNames } from '../../../core/risk/symbol-match';

describe('symbol patterns', () => {
	it('match exact names, prefixes and any case', () => {
		const names = symbolNames('BTCUSDT', 'BINANCE');
		expect(names).toEqual(['BINANCE:BTCUSDT', 'BTCUSDT']);
		expect(matchingPattern(['binance:*'], names)).toBe('binance:*');
		expect(matchingPattern(['BTCUSDT'], names)).toBe('BTCUSDT');
		expect(matchingPattern(['*USDT'], names)).toBe('*USDT');
		expect(matchingPattern(['COINBASE:*', 'ETHUSDT'], names)).toBeNull();
		expect(matchingPattern(['BTC.USDT'], names)).toBeNull(); // a dot is a dot, not "any character"
	});

	it('a symbol that carries its exchange also matches by its bare name', () => {
		expect(symbolNames('NASDAQ:AAPL', null)).toEqual(['NASDAQ:AAPL', 'AAPL']);
	});
});
