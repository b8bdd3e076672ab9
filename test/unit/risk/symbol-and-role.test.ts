import { orderRole } from '../../../core/risk/order-role';
import { matchingPattern, symbolNames } from '../../../core/risk/symbol-match';
import { alertInput } from './risk-fixtures';

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

describe('orderRole', () => {
	it.each([
		[{ action: 'buy' }, 'entry'],
		[{ action: 'add' }, 'entry'],
		[{ action: 'exit' }, 'exit'],
		[{ action: 'cancel' }, 'exit'],
		[{ action: 'sell', sentiment: 'flat' }, 'exit'],
		[{ action: 'sell', strategy: { marketPosition: 'flat' } }, 'exit'],
		[{ action: 'sell', strategy: { targetPosition: 2, prevTargetPosition: 5 } }, 'exit'],
		[{ action: 'sell', strategy: { targetPosition: -3, prevTargetPosition: 5 } }, 'entry'],
		[{ action: 'buy', strategy: { targetPosition: 5, prevTargetPosition: 2 } }, 'entry'],
		[{ action: 'sell', strategy: { targetPosition: -2, prevTargetPosition: 0 } }, 'entry'],
	])('%j is an %s', (fields, role) => {
		expect(orderRole(alertInput(fields))).toBe(role);
	});
});
