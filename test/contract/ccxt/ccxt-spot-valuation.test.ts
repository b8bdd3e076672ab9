import '../binance/ccxt-under-jest';

import { BrokerUnavailableError, InvalidOrderError, UnsupportedError } from '../../../core/brokers/broker-errors';
import type { BinanceStub } from '../binance/binance-stub';
import { binanceBroker, calls, intent, orderParams, startStub } from '../binance/binance-fixture';
import { rejection } from '../../support/rejection';
import { BTC_USDT, ETH_USDT, fakeExchange, genericBroker, USDT_TRY } from './ccxt-fake-exchange';

/** Gross exposure as a risk rule measures it: each position at marketPrice, else averagePrice. */
function grossExposure(positions: { quantity: number; averagePrice: number; marketPrice?: number | null }[]): number {
	return positions.reduce((sum, position) => sum + Math.abs(position.quantity) * (position.marketPrice ?? position.averagePrice), 0);
}

describe('spot holdings valued at the exchange price (any ccxt exchange)', () => {
	it('values 10 BTC at the ticker: positions carry marketPrice and equity counts the coins, so a 10,000 exposure limit sees 300,000', async () => {
		const { exchange, calls: log } = fakeExchange({ free: { USDT: 1000, BTC: 10 }, tickers: { 'BTC/USDT': { last: 30000 } } });
		const broker = genericBroker(exchange);

		const positions = await broker.listPositions();
		const account = await broker.getAccount();

		expect(positions).toEqual([{ symbol: 'BTC/USDT', quantity: 10, averagePrice: 0, marketPrice: 30000 }]);
		expect(grossExposure(positions)).toBe(300000);
		expect(grossExposure(positions) > 10000).toBe(true);
		expect(account).toEqual({ currency: 'USDT', cash: 1000, equity: 301000, buyingPower: 1000, realisedPnl: null });
		expect(log).toEqual(['fetchBalance', 'fetchTickers BTC/USDT', 'fetchBalance', 'fetchTickers BTC/USDT']);
	});

	it('a 50% BTC drop halves the coins in equity (what a daily loss limit compares)', async () => {
		const { exchange, tickers } = fakeExchange({ free: { USDT: 1000, BTC: 10 }, tickers: { 'BTC/USDT': { last: 30000 } } });
		const broker = genericBroker(exchange);
		const before = (await broker.getAccount()).equity;

		tickers['BTC/USDT'] = { last: 15000 };
		const after = (await broker.getAccount()).equity;

		expect(before).toBe(301000);
		expect(after).toBe(151000);
		expect((before - after) / before).toBeCloseTo(0.498, 3);
	});

	it('counts locked coins, values an asset through the quote market in it (USDT/TRY: 1 / price), and leaves out dust below one step', async () => {
		const { exchange } = fakeExchange({
			markets: [BTC_USDT, ETH_USDT, USDT_TRY],
			free: { USDT: 500, BTC: 1, ETH: 0.0004, TRY: 3400 },
			used: { USDT: 500, BTC: 1 },
			tickers: { 'BTC/USDT': { last: 30000 }, 'USDT/TRY': { last: 34 }, 'ETH/USDT': { last: 2000 } },
		});

		const account = await genericBroker(exchange).getAccount();

		// 1000 USDT + 2 BTC × 30000 + 3400 TRY / 34; 0.0004 ETH is less than its step of 0.001
		expect(account).toEqual({ currency: 'USDT', cash: 500, equity: 61100, buyingPower: 500, realisedPnl: null });
	});

	it('reads a price from close, or the middle of bid and ask, where there is no last trade; one fetchTicker per market without fetchTickers', async () => {
		const { exchange, calls: log } = fakeExchange({
			has: { fetchOpenOrders: true, fetchClosedOrders: true },
			free: { USDT: 0, BTC: 1, ETH: 1 },
			tickers: { 'BTC/USDT': { last: null, close: 30000 }, 'ETH/USDT': { bid: 1999, ask: 2001 } },
		});

		const positions = await genericBroker(exchange).listPositions();

		expect(positions.map((position) => position.marketPrice)).toEqual([30000, 2000]);
		expect(log).toEqual(['fetchBalance', 'fetchTicker BTC/USDT', 'fetchTicker ETH/USDT']);
	});

	it('never counts a coin as worth 0: no price is BrokerUnavailableError naming the coin and market', async () => {
		const { exchange } = fakeExchange({ free: { USDT: 1000, BTC: 0.5, ETH: 2 }, tickers: { 'BTC/USDT': { last: 30000 }, 'ETH/USDT': { last: 0, bid: 0, ask: 0 } } });
		const broker = genericBroker(exchange);

		const account = await rejection(broker.getAccount());
		const positions = await rejection(broker.listPositions());
		const position = await rejection(broker.getPosition('ETH/USDT'));

		for (const error of [account, positions, position]) {
			expect(error).toBeInstanceOf(BrokerUnavailableError);
			expect(error.message).toBe('OKX gave no price for ETH/USDT, so the 2 ETH held cannot be valued in USDT');
		}
	});

	it('a coin with no market to value it makes equity an UnsupportedError naming it (it is still no position)', async () => {
		const { exchange } = fakeExchange({ free: { USDT: 1000, BTC: 0.5, XRP: 100 }, tickers: { 'BTC/USDT': { last: 30000 } } });
		const broker = genericBroker(exchange);

		const error = await rejection(broker.getAccount());

		expect(error).toBeInstanceOf(UnsupportedError);
		expect(error.message).toBe("OKX has no market to value 100 XRP in USDT, so the account's equity cannot be measured: keep such coins in another (sub-)account");
		expect(await broker.listPositions()).toEqual([{ symbol: 'BTC/USDT', quantity: 0.5, averagePrice: 0, marketPrice: 30000 }]);
	});
});

describe('a reduce-only spot sell (any ccxt exchange)', () => {
	it("sells exactly the intent's quantity, never the whole balance, after reading only the balance", async () => {
		const { exchange, created, calls: log } = fakeExchange({ free: { USDT: 0, BTC: 10 } });

		await genericBroker(exchange).placeOrder(intent({ symbol: 'BTC/USDT', side: 'sell', quantity: 0.5, reduceOnly: true }));

		expect(created).toEqual([expect.objectContaining({ symbol: 'BTC/USDT', side: 'sell', amount: 0.5 })]);
		expect(created[0].params).not.toHaveProperty('reduceOnly');
		expect(log.filter((call) => call.startsWith('fetchTicker'))).toEqual([]);
		expect(log).toContain('fetchBalance');
	});

	it('refuses a sell of more than the free balance (coins locked in open orders count as held, not as free)', async () => {
		const { exchange, created } = fakeExchange({ free: { BTC: 5 }, used: { BTC: 5 }, tickers: { 'BTC/USDT': { last: 30000 } } });
		const broker = genericBroker(exchange);

		const error = await rejection(broker.placeOrder(intent({ symbol: 'BTC/USDT', side: 'sell', quantity: 6, reduceOnly: true })));
		const buy = await rejection(broker.placeOrder(intent({ symbol: 'BTC/USDT', side: 'buy', quantity: 1, reduceOnly: true })));

		expect(error).toBeInstanceOf(InvalidOrderError);
		expect(error.message).toBe('a reduce-only sell of 6 BTC/USDT is more than the 5 BTC free on OKX (coins locked in open orders cannot be sold)');
		expect(buy).toBeInstanceOf(InvalidOrderError);
		expect(buy.message).toBe('a reduce-only buy of 1 BTC/USDT cannot reduce the OKX spot holding: only a sell can');
		expect(created).toEqual([]);
		expect((await broker.getPosition('BTC/USDT'))?.quantity).toBe(10);
	});
});

describe('Binance spot holdings valued at GET /api/v3/ticker/24hr (stub)', () => {
	let stub: BinanceStub;

	beforeEach(async () => {
		stub = await startStub({ balances: { USDT: '1000', BTC: '10', ETH: '0.00001' } });
	});

	afterEach(async () => {
		await stub.close();
	});

	it('values the coins held at the ticker in one request, dust left out', async () => {
		const broker = binanceBroker(stub);

		expect(await broker.getAccount()).toEqual({ currency: 'USDT', cash: 1000, equity: 301000, buyingPower: 1000, realisedPnl: null });
		expect(await broker.listPositions()).toEqual([{ symbol: 'BTCUSDT', quantity: 10, averagePrice: 0, marketPrice: 30000 }]);
		const tickers = stub.requests.filter((request) => request.path === '/api/v3/ticker/24hr');
		expect(tickers.map((request) => request.params.symbols)).toEqual(['["BTCUSDT"]', '["BTCUSDT"]']);
	});

	it('a 50% drop in BTC shows in equity', async () => {
		const broker = binanceBroker(stub);
		const before = (await broker.getAccount()).equity;

		stub.spot.setPrice('BTCUSDT', '15000');

		expect(before).toBe(301000);
		expect((await broker.getAccount()).equity).toBe(151000);
	});

	it('a reduce-only sell goes for exactly its quantity, cancels the open sells locking the coins it needs, and is refused beyond the holding, without reading a price', async () => {
		const broker = binanceBroker(stub);
		await broker.placeOrder(intent({ clientOrderId: 'tv-lock', side: 'sell', quantity: 4, type: 'limit', limitPrice: 40000 }));

		await broker.placeOrder(intent({ clientOrderId: 'tv-close-1', side: 'sell', quantity: 6.5, reduceOnly: true }));
		const tooMuch = await rejection(broker.placeOrder(intent({ clientOrderId: 'tv-close-2', side: 'sell', quantity: 4, reduceOnly: true })));

		expect(tooMuch).toBeInstanceOf(InvalidOrderError);
		expect(tooMuch.message).toBe('a reduce-only sell of 4 BTCUSDT is more than the 3.5 BTC free on Binance (coins locked in open orders cannot be sold)');
		expect(orderParams(stub).map((params) => [params.side, params.type, params.quantity])).toEqual([
			['SELL', 'LIMIT', '4'],
			['SELL', 'MARKET', '6.5'],
		]);
		expect(stub.spot.findByClientId('BTCUSDT', 'tv-lock')?.status).toBe('CANCELED');
		expect(stub.spot.free.get('BTC')).toBe(350_000_000n);
		expect(calls(stub)).not.toContain('GET /api/v3/ticker/24hr');
	});
});
