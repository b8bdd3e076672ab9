import { signBinanceQuery } from '../../../core/brokers/binance/binance-signature';

describe('signBinanceQuery', () => {
	it('matches the example in Binance documentation (HMAC-SHA256, hex)', () => {
		expect(
			signBinanceQuery(
				'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559',
				'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j',
			),
		).toBe('c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71');
	});

	it('depends on every character of the query and of the secret', () => {
		const query = 'symbol=BTCUSDT&timestamp=1';
		expect(signBinanceQuery(query, 'a')).toMatch(/^[0-9a-f]{64}$/);
		expect(signBinanceQuery(query, 'a')).not.toBe(signBinanceQuery(query, 'b'));
		expect(signBinanceQuery(query, 'a')).not.toBe(signBinanceQuery(`${query}0`, 'a'));
	});
});
