import '../binance/ccxt-under-jest';

// the first test of a file loads ccxt, which takes seconds on a busy machine
jest.setTimeout(30_000);

import {
	AuthenticationError,
	BrokerUnavailableError,
	DuplicateClientOrderIdError,
	InvalidOrderError,
	UnsupportedError,
} from '../../../core/brokers/broker-errors';
import { placeOnce } from '../../../core/order/place-once';
import { rejection } from '../../support/rejection';
import { placeContext } from '../binance/binance-fixture';
import { NO_ANSWER } from '../harness/stub-http';
import { API_KEY, bybitBroker, CLIENT_ID, expectNoCredential, intent, startBybitStub } from './bybit-fixture';
import { type BybitStub, failure } from './bybit-stub';

describe('Bybit USDT perpetuals (V5, category linear) through the Broker interface', () => {
	let stub: BybitStub;

	beforeEach(async () => {
		stub = await startBybitStub();
	});

	afterEach(async () => {
		await stub.close();
	});

	it('places a market order signed as Bybit checks it: looks the orderLinkId up first, reads the order back after', async () => {
		const broker = bybitBroker(stub);

		const order = await broker.placeOrder(intent());

		expect(order).toEqual({
			brokerOrderId: '1000001',
			clientOrderId: CLIENT_ID,
			symbol: 'BTC/USDT:USDT',
			side: 'buy',
			type: 'market',
			quantity: 0.01,
			limitPrice: null,
			stopPrice: null,
			status: 'filled',
			filledQuantity: 0.01,
			averageFillPrice: 60000,
			createdAt: expect.any(String),
		});
		expect(stub.calls()).toEqual([
			'GET /v5/market/instruments-info',
			'GET /v5/market/instruments-info',
			'GET /v5/order/realtime',
			'GET /v5/order/history',
			'POST /v5/order/create',
			'GET /v5/order/realtime',
		]);
		expect(stub.orderBodies()).toEqual([
			{ category: 'linear', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Market', qty: '0.01', orderLinkId: CLIENT_ID, positionIdx: 0 },
		]);
		expect(stub.requests[2].query).toEqual({ category: 'linear', symbol: 'BTCUSDT', orderLinkId: CLIENT_ID });
		expect(stub.requests[4].headers['x-bapi-api-key']).toBe(API_KEY);
	});

	it.each(['BYBIT:BTCUSDT.P', 'BTCUSDT.P', 'BTCUSDT', 'BTC/USDT:USDT'])('finds the BTCUSDT perpetual from %s', async (symbol) => {
		await bybitBroker(stub).placeOrder(intent({ symbol }));

		expect(stub.orderBodies()[0].symbol).toBe('BTCUSDT');
	});

	it('a limit order rests and is read back by client order id; cancelled by it', async () => {
		const broker = bybitBroker(stub);
		await broker.placeOrder(intent({ type: 'limit', limitPrice: 50000.04, timeInForce: 'gtc' }));

		expect(stub.orderBodies()[0]).toEqual(expect.objectContaining({ orderType: 'Limit', price: '50000', timeInForce: 'GTC' }));
		expect(await broker.getOrderByClientId(CLIENT_ID)).toEqual(expect.objectContaining({ status: 'open', limitPrice: 50000, quantity: 0.01, filledQuantity: 0 }));
		expect(await broker.cancelOrder(CLIENT_ID)).toEqual(expect.objectContaining({ status: 'canceled' }));
		expect(await broker.getOrderByClientId(CLIENT_ID)).toEqual(expect.objectContaining({ status: 'canceled' }));
	});

	it('an order of another broker instance is found with its symbol from the journal, else refused as unknown', async () => {
		await bybitBroker(stub).placeOrder(intent());

		const fresh = await import('../../../core/brokers/bybit/bybit-broker');
		const withJournal = fresh.createBybitBroker(
			{ apiKey: API_KEY, secret: 'test-only-bybit-secret-not-real', environment: 'testnet', positionMode: 'one-way', baseUrl: stub.baseUrl },
			{ orderSymbol: () => 'BYBIT:BTCUSDT.P' },
		);
		expect(await withJournal.getOrderByClientId(CLIENT_ID)).toEqual(expect.objectContaining({ status: 'filled', brokerOrderId: '1000001' }));
		expect(await withJournal.getOrderByClientId('tv-ffffffffffffffffffffffffffff')).toBeNull();
		expect(await rejection(bybitBroker(stub).getOrderByClientId(CLIENT_ID))).toBeInstanceOf(UnsupportedError);
	});

	it('a resent order (alert delivered twice) is read back, never placed twice', async () => {
		const first = await bybitBroker(stub).placeOrder(intent());

		const placed = await placeOnce(intent(), placeContext(bybitBroker(stub)));

		expect(placed).toEqual({ order: first, alreadyPlaced: true, attempts: 1 });
		expect(stub.orderBodies()).toHaveLength(1);
	});

	it("Bybit's own duplicate answer (110072 OrderLinkedID is duplicate) is DuplicateClientOrderIdError, resolved by a read-back", async () => {
		const broker = bybitBroker(stub);
		const first = await broker.placeOrder(intent({ type: 'limit', limitPrice: 50000 }));
		// the look-ups before the order miss it (as in a race with another sender)
		const none = { status: 200, body: { retCode: 0, retMsg: 'OK', result: { category: 'linear', list: [], nextPageCursor: '' }, retExtInfo: {}, time: 1 } };
		stub.http.failNext(1, none, { path: '/v5/order/realtime' });
		stub.http.failNext(1, none, { path: '/v5/order/history' });

		const error = await rejection(broker.placeOrder(intent({ type: 'limit', limitPrice: 50000 })));

		expect(error).toBeInstanceOf(DuplicateClientOrderIdError);
		expect(error.message).toBe('OrderLinkedID is duplicate');
		expect((error as DuplicateClientOrderIdError).details).toEqual({ broker: 'bybit', brokerCode: 110072, httpStatus: 200 });
		stub.http.failNext(1, none, { path: '/v5/order/realtime' });
		stub.http.failNext(1, none, { path: '/v5/order/history' });
		expect(await placeOnce(intent({ type: 'limit', limitPrice: 50000 }), placeContext(broker))).toEqual({ order: first, alreadyPlaced: true, attempts: 1 });
		expect(stub.book.orders.size).toBe(1);
	});

	it('a 503 once is retried with the same orderLinkId after a read-back: one order', async () => {
		stub.http.failNext(1, { status: 503, body: 'Service Unavailable' }, { method: 'POST', path: '/v5/order/create' });

		const placed = await placeOnce(intent(), placeContext(bybitBroker(stub)));

		expect(placed.alreadyPlaced).toBe(false);
		expect(placed.attempts).toBe(2);
		expect(stub.orderBodies().map((body) => body.orderLinkId)).toEqual([CLIENT_ID, CLIENT_ID]);
		expect(stub.book.orders.size).toBe(1);
	});

	it('an order taken whose answer is lost is found by the read-back, not sent again', async () => {
		stub.http.loseNextAnswer({ method: 'POST', path: '/v5/order/create' }, NO_ANSWER);

		const placed = await placeOnce(intent(), placeContext(bybitBroker(stub)));

		expect(placed.order).toEqual(expect.objectContaining({ clientOrderId: CLIENT_ID, brokerOrderId: '1000001', status: 'filled' }));
		expect(placed.attempts).toBe(1);
		expect(stub.orderBodies()).toHaveLength(1);
		expect(stub.book.orders.size).toBe(1);
	});

	it('a reduce-only sell closes the long (reduceOnly, positionIdx 0); with nothing to reduce it is refused with 110017', async () => {
		stub.book.setPosition('BTCUSDT', 'net', 0.02);
		const broker = bybitBroker(stub);

		await broker.placeOrder(intent({ side: 'sell', quantity: 0.02, reduceOnly: true }));

		expect(stub.orderBodies()[0]).toEqual(expect.objectContaining({ side: 'Sell', reduceOnly: true, positionIdx: 0, qty: '0.02' }));
		expect(await broker.getPosition('BTCUSDT.P')).toBeNull();
		const error = await rejection(broker.placeOrder(intent({ clientOrderId: 'tv-1111111111111111111111111111', side: 'sell', reduceOnly: true })));
		expect(error).toBeInstanceOf(InvalidOrderError);
		expect((error as InvalidOrderError).details).toEqual({ broker: 'bybit', brokerCode: 110017, httpStatus: 200 });
	});

	it('hedge mode: entries on positionIdx 1 (buy) and 2 (sell), a reduce-only sell on the long leg; a one-way order is refused there', async () => {
		stub.book.hedgeMode = true;
		const broker = bybitBroker(stub, { positionMode: 'hedge' });

		await broker.placeOrder(intent({ clientOrderId: 'tv-1000000000000000000000000001' }));
		await broker.placeOrder(intent({ clientOrderId: 'tv-1000000000000000000000000002', side: 'sell' }));
		await broker.placeOrder(intent({ clientOrderId: 'tv-1000000000000000000000000003', side: 'sell', reduceOnly: true }));

		expect(stub.orderBodies().map((body) => [body.side, body.positionIdx, body.reduceOnly])).toEqual([
			['Buy', 1, undefined],
			['Sell', 2, undefined],
			['Sell', 1, true],
		]);
		expect(stub.book.openPositions().map((position) => [position.leg, position.size])).toEqual([['short', -0.01]]);
		const oneWay = await rejection(bybitBroker(stub).placeOrder(intent({ clientOrderId: 'tv-1000000000000000000000000004' })));
		expect(oneWay).toBeInstanceOf(InvalidOrderError);
		expect(oneWay.message).toBe('position idx not match position mode');
	});

	it('sets the leverage once per symbol before its first order; "not modified" (110043) is no error', async () => {
		stub.book.leverage.set('ETHUSDT', '5');
		const broker = bybitBroker(stub, { leverage: 5 });

		await broker.placeOrder(intent({ clientOrderId: 'tv-1000000000000000000000000001' }));
		await broker.placeOrder(intent({ clientOrderId: 'tv-1000000000000000000000000002' }));
		await broker.placeOrder(intent({ clientOrderId: 'tv-1000000000000000000000000003', symbol: 'ETHUSDT.P', quantity: 0.1 }));
		await broker.previewOrder(intent({ clientOrderId: 'tv-1000000000000000000000000004', symbol: 'BTCUSDT.P' }));

		const settings = stub.requests.filter((request) => request.path === '/v5/position/set-leverage').map((request) => request.json);
		expect(settings).toEqual([
			{ category: 'linear', symbol: 'BTCUSDT', buyLeverage: '5', sellLeverage: '5' },
			{ category: 'linear', symbol: 'ETHUSDT', buyLeverage: '5', sellLeverage: '5' },
		]);
		expect(stub.book.leverage.get('BTCUSDT')).toBe('5');
		expect(stub.book.orders.size).toBe(3);
	});

	it('a take profit and stop loss travel with the entry (takeProfit / stopLoss, rounded to the tick); on the wrong side Bybit refuses it', async () => {
		const broker = bybitBroker(stub);

		await broker.placeOrder(intent({ takeProfitPrice: 66000.06, stopLossPrice: 57000 }));

		expect(stub.orderBodies()[0]).toEqual(expect.objectContaining({ takeProfit: '66000.1', stopLoss: '57000' }));
		expect(stub.book.orders.get(CLIENT_ID)).toEqual(expect.objectContaining({ takeProfit: '66000.1', stopLoss: '57000' }));
		const error = await rejection(broker.placeOrder(intent({ clientOrderId: 'tv-1111111111111111111111111111', takeProfitPrice: 50000 })));
		expect(error).toBeInstanceOf(InvalidOrderError);
		expect(error.message).toContain('TakeProfit:50000 set for Buy position should be higher than base_price:60000');
	});

	it('stop entries and trailing stops are refused before anything is sent', async () => {
		const broker = bybitBroker(stub);

		expect(await rejection(broker.placeOrder(intent({ type: 'stop', stopPrice: 61000 })))).toBeInstanceOf(UnsupportedError);
		expect(await rejection(broker.placeOrder(intent({ trailingStop: { amount: null, percent: 1 } })))).toBeInstanceOf(UnsupportedError);
		expect(stub.orderBodies()).toEqual([]);
	});

	it('a wrong secret is AuthenticationError (10004), and the echoed signing text does not carry the API key into the message', async () => {
		const error = await rejection(bybitBroker(stub, { secret: 'test-only-wrong-secret' }).placeOrder(intent()));

		expect(error).toBeInstanceOf(AuthenticationError);
		expect((error as AuthenticationError).details).toEqual({ broker: 'bybit', brokerCode: 10004, httpStatus: 200 });
		expect(error.message).toMatch(/^error sign! origin_string\[/);
		expectNoCredential(error);
		expect(error.message).not.toContain('test-only-wrong-secret');
	});

	it('maps rate limits and server trouble: 10006 RateLimited, 10016 BrokerUnavailable', async () => {
		const broker = bybitBroker(stub);
		await broker.getAccount();
		stub.http.failNext(1, failure(10006, 'Too many visits!'), { path: '/v5/account/wallet-balance' });
		stub.http.failNext(1, failure(10016, 'Server error.'), { path: '/v5/account/wallet-balance' });

		expect((await rejection(broker.getAccount())).constructor.name).toBe('RateLimitedError');
		expect(await rejection(broker.getAccount())).toBeInstanceOf(BrokerUnavailableError);
	});

	it('reports the position signed and in coins, the account in USDT', async () => {
		stub.book.setPosition('BTCUSDT', 'net', -0.03, 61000);
		const broker = bybitBroker(stub);

		expect(await broker.getPosition('BYBIT:BTCUSDT.P')).toEqual({ symbol: 'BTC/USDT:USDT', quantity: -0.03, averagePrice: 61000 });
		expect(await broker.listPositions()).toEqual([{ symbol: 'BTC/USDT:USDT', quantity: -0.03, averagePrice: 61000 }]);
		expect(await broker.getAccount()).toEqual({ currency: 'USDT', cash: 10000, equity: 10000, buyingPower: 10000, realisedPnl: null });
	});
});
