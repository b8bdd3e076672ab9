import './ccxt-under-jest';

import type { BinanceStub } from './binance-stub';
import { binanceBroker, calls, intent, startStub } from './binance-fixture';

describe('Binance spot holdings as positions, and the account', () => {
	let stub: BinanceStub;

	beforeEach(async () => {
		stub = await startStub({ balances: { USDT: '10000', BTC: '0.5', ETH: '2.00009', BNB: '0.000000001', XRP: '100' } });
	});

	afterEach(async () => {
		await stub.close();
	});

	it('reports each coin held as a long position in its USDT market, rounded down to the step; dust and coins without a market are left out', async () => {
		const positions = await binanceBroker(stub).listPositions();

		expect(positions).toEqual([
			{ symbol: 'BTCUSDT', quantity: 0.5, averagePrice: 0, marketPrice: 30000 },
			{ symbol: 'ETHUSDT', quantity: 2, averagePrice: 0, marketPrice: 2000 },
		]);
		expect(calls(stub)).toEqual(['GET /api/v3/exchangeInfo', 'GET /api/v3/account', 'GET /api/v3/ticker/24hr']);
	});

	it('getPosition is the base asset held, for any spelling of the symbol; none is null', async () => {
		const broker = binanceBroker(stub);

		expect(await broker.getPosition('BTCUSDT')).toEqual({ symbol: 'BTCUSDT', quantity: 0.5, averagePrice: 0, marketPrice: 30000 });
		expect(await broker.getPosition('ETH/BTC')).toEqual({ symbol: 'ETHBTC', quantity: 2, averagePrice: 0, marketPrice: 0.05 });
		stub.spot.setBalance('BTC', '0');
		expect(await broker.getPosition('BTCUSDT')).toBeNull();
	});

	it('counts coins locked in open orders as held', async () => {
		const broker = binanceBroker(stub);
		await broker.placeOrder(intent({ side: 'sell', quantity: 0.2, type: 'limit', limitPrice: 40000 }));

		expect(await broker.getPosition('BTCUSDT')).toEqual({ symbol: 'BTCUSDT', quantity: 0.5, averagePrice: 0, marketPrice: 30000 });
	});

	it('reports the account in USDT: free as cash and buying power, free + locked + coins at their price as equity', async () => {
		for (const asset of ['XRP', 'BNB']) stub.spot.setBalance(asset, '0');
		const broker = binanceBroker(stub);
		await broker.placeOrder(intent({ quantity: 0.01, type: 'limit', limitPrice: 20000 }));

		// 10000 USDT + 0.5 BTC × 30000 + 2.00009 ETH × 2000
		expect(await broker.getAccount()).toEqual({ currency: 'USDT', cash: 9800, equity: 29000.18, buyingPower: 9800, realisedPnl: null });
	});

	it('takes another quote asset when configured', async () => {
		for (const asset of ['USDT', 'BTC', 'ETH', 'XRP', 'BNB']) stub.spot.setBalance(asset, '0');
		stub.spot.setBalance('USDC', '250.5');
		const account = await binanceBroker(stub, { quoteAsset: 'USDC' }).getAccount();

		expect(account).toEqual({ currency: 'USDC', cash: 250.5, equity: 250.5, buyingPower: 250.5, realisedPnl: null });
	});

	it('a market buy moves the holding and the cash', async () => {
		for (const asset of ['XRP', 'BNB']) stub.spot.setBalance(asset, '0');
		const broker = binanceBroker(stub);
		await broker.placeOrder(intent({ quantity: 0.1 }));

		expect(await broker.getPosition('BTCUSDT')).toEqual({ symbol: 'BTCUSDT', quantity: 0.6, averagePrice: 0, marketPrice: 30000 });
		expect((await broker.getAccount()).cash).toBe(7000);
	});
});
