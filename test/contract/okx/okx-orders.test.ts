import '../binance/ccxt-under-jest';

// the first test of a file loads ccxt, which takes seconds on a busy machine
jest.setTimeout(30_000);

import {
	AuthenticationError,
	BrokerUnavailableError,
	DuplicateClientOrderIdError,
	InvalidOrderError,
	RateLimitedError,
	UnsupportedError,
} from '../../../core/brokers/broker-errors';
import { placeOnce } from '../../../core/order/place-once';
import { rejection } from '../../support/rejection';
import { placeContext } from '../binance/binance-fixture';
import { NO_ANSWER } from '../harness/stub-http';
import { API_KEY, CL_ORD_ID, CLIENT_ID, expectNoCredential, intent, okxBroker, PASSPHRASE, startOkxStub } from './okx-fixture';
import { itemFailure, type OkxStub, refused } from './okx-stub';

describe('OKX USDT perpetual swaps (v5, instType SWAP) through the Broker interface', () => {
	let stub: OkxStub;

	beforeEach(async () => {
		stub = await startOkxStub();
	});

	afterEach(async () => {
		await stub.close();
	});

	it('places a market order signed as OKX checks it, on demo trading; the quantity in BTC is sent as contracts and read back in BTC', async () => {
		const broker = okxBroker(stub);

		const order = await broker.placeOrder(intent({ quantity: 0.05 }));

		expect(order).toEqual({
			brokerOrderId: '1000001',
			clientOrderId: CLIENT_ID,
			symbol: 'BTC/USDT:USDT',
			side: 'buy',
			type: 'market',
			quantity: 0.05,
			limitPrice: null,
			stopPrice: null,
			status: 'filled',
			filledQuantity: 0.05,
			averageFillPrice: 60000,
			createdAt: expect.any(String),
		});
		expect(stub.calls()).toEqual(['GET /api/v5/public/instruments', 'GET /api/v5/trade/order', 'POST /api/v5/trade/order', 'GET /api/v5/trade/order']);
		expect(stub.requests[0].query).toEqual({ instType: 'SWAP' });
		expect(stub.requests[1].query).toEqual({ instId: 'BTC-USDT-SWAP', clOrdId: CL_ORD_ID });
		expect(stub.orderBodies()).toEqual([{ instId: 'BTC-USDT-SWAP', side: 'buy', ordType: 'market', sz: '5', posSide: 'net', tdMode: 'cross', clOrdId: CL_ORD_ID }]);
		expect(stub.requests[2].headers).toEqual(expect.objectContaining({ 'ok-access-key': API_KEY, 'ok-access-passphrase': PASSPHRASE, 'x-simulated-trading': '1' }));
	});

	it('live trading sends no demo header (the demo stub refuses it with 50101)', async () => {
		const error = await rejection(okxBroker(stub, { environment: 'live' }).placeOrder(intent()));

		expect(error).toBeInstanceOf(AuthenticationError);
		expect(error.message).toBe('APIKey does not match current environment.');
		expect(stub.requests.at(-1)?.headers['x-simulated-trading']).toBeUndefined();
	});

	it.each(['OKX:BTCUSDT.P', 'BTCUSDT.P', 'BTC-USDT-SWAP', 'BTC/USDT:USDT'])('finds BTC-USDT-SWAP from %s', async (symbol) => {
		await okxBroker(stub).placeOrder(intent({ symbol }));

		expect(stub.orderBodies()[0].instId).toBe('BTC-USDT-SWAP');
	});

	it('a quantity that is not a whole lot is rounded down to it; below one lot it is refused before sending', async () => {
		const broker = okxBroker(stub);

		await broker.placeOrder(intent({ quantity: 0.01234 }));
		const error = await rejection(broker.placeOrder(intent({ clientOrderId: 'tv-1111111111111111111111111111', quantity: 0.00005 })));

		expect(stub.orderBodies()[0].sz).toBe('1.23');
		expect(error).toBeInstanceOf(InvalidOrderError);
		expect(error.message).toBe('quantity 0.00005 (0.005 contracts of 0.01 BTC) rounds down to 0 at the OKX amount precision 0.01 for BTC/USDT:USDT');
		expect(stub.orderBodies()).toHaveLength(1);
	});

	it('a limit order rests, is read back by clOrdId and cancelled by it', async () => {
		const broker = okxBroker(stub);
		await broker.placeOrder(intent({ type: 'limit', limitPrice: 50000.04 }));

		expect(stub.orderBodies()[0]).toEqual(expect.objectContaining({ ordType: 'limit', px: '50000' }));
		expect(await broker.getOrderByClientId(CLIENT_ID)).toEqual(expect.objectContaining({ status: 'open', limitPrice: 50000, quantity: 0.01 }));
		expect(await broker.cancelOrder(CLIENT_ID)).toEqual(expect.objectContaining({ status: 'canceled' }));
		// a second cancel (51400) finds it cancelled already
		expect(await broker.cancelOrder(CLIENT_ID)).toEqual(expect.objectContaining({ status: 'canceled' }));
	});

	it('a resent order (alert delivered twice) is read back, never placed twice', async () => {
		const first = await okxBroker(stub).placeOrder(intent());

		const placed = await placeOnce(intent(), placeContext(okxBroker(stub)));

		expect(placed).toEqual({ order: first, alreadyPlaced: true, attempts: 1 });
		expect(stub.orderBodies()).toHaveLength(1);
	});

	it("OKX's own duplicate answer (sCode 51016 Duplicated clOrdId) is DuplicateClientOrderIdError, resolved by a read-back", async () => {
		const broker = okxBroker(stub);
		const first = await broker.placeOrder(intent({ type: 'limit', limitPrice: 50000 }));
		const missing = refused(51603, 'Order does not exist', 200);
		stub.http.failNext(1, missing, { method: 'GET', path: '/api/v5/trade/order' });

		const error = await rejection(broker.placeOrder(intent({ type: 'limit', limitPrice: 50000 })));

		expect(error).toBeInstanceOf(DuplicateClientOrderIdError);
		expect(error.message).toBe('Duplicated clOrdId');
		expect((error as DuplicateClientOrderIdError).details).toEqual({ broker: 'okx', brokerCode: '51016', httpStatus: 200 });
		stub.http.failNext(1, missing, { method: 'GET', path: '/api/v5/trade/order' });
		expect(await placeOnce(intent({ type: 'limit', limitPrice: 50000 }), placeContext(broker))).toEqual({ order: first, alreadyPlaced: true, attempts: 1 });
		expect(stub.book.orders.size).toBe(1);
	});

	it('a 503 once is retried with the same clOrdId after a read-back: one order', async () => {
		stub.http.failNext(1, { status: 503, body: 'Service Unavailable' }, { method: 'POST', path: '/api/v5/trade/order' });

		const placed = await placeOnce(intent(), placeContext(okxBroker(stub)));

		expect(placed.attempts).toBe(2);
		expect(stub.orderBodies().map((body) => body.clOrdId)).toEqual([CL_ORD_ID, CL_ORD_ID]);
		expect(stub.book.orders.size).toBe(1);
	});

	it('an order taken whose answer is lost is found by the read-back, not sent again', async () => {
		stub.http.loseNextAnswer({ method: 'POST', path: '/api/v5/trade/order' }, NO_ANSWER);

		const placed = await placeOnce(intent(), placeContext(okxBroker(stub)));

		expect(placed.order).toEqual(expect.objectContaining({ clientOrderId: CLIENT_ID, brokerOrderId: '1000001', status: 'filled' }));
		expect(placed.attempts).toBe(1);
		expect(stub.orderBodies()).toHaveLength(1);
	});

	it('one-way mode: a reduce-only sell is posSide net with reduceOnly; with nothing to reduce OKX refuses it (51169)', async () => {
		stub.book.setPosition('BTC-USDT-SWAP', 'net', 2);
		const broker = okxBroker(stub);

		await broker.placeOrder(intent({ side: 'sell', quantity: 0.02, reduceOnly: true }));

		expect(stub.orderBodies()[0]).toEqual(expect.objectContaining({ side: 'sell', posSide: 'net', reduceOnly: true, sz: '2' }));
		expect(await broker.getPosition('OKX:BTCUSDT.P')).toBeNull();
		const error = await rejection(broker.placeOrder(intent({ clientOrderId: 'tv-1111111111111111111111111111', side: 'sell', reduceOnly: true })));
		expect(error).toBeInstanceOf(InvalidOrderError);
		expect((error as InvalidOrderError).details).toEqual({ broker: 'okx', brokerCode: '51169', httpStatus: 200 });
	});

	it('hedge mode: posSide long for a buy entry and a reduce-only sell, short for a sell entry, no reduceOnly; isolated margin as tdMode', async () => {
		stub.book.hedgeMode = true;
		const broker = okxBroker(stub, { positionMode: 'hedge', marginMode: 'isolated' });

		await broker.placeOrder(intent({ clientOrderId: 'tv-1000000000000000000000000001' }));
		await broker.placeOrder(intent({ clientOrderId: 'tv-1000000000000000000000000002', side: 'sell' }));
		await broker.placeOrder(intent({ clientOrderId: 'tv-1000000000000000000000000003', side: 'sell', reduceOnly: true }));

		expect(stub.orderBodies().map((body) => [body.side, body.posSide, body.reduceOnly, body.tdMode])).toEqual([
			['buy', 'long', undefined, 'isolated'],
			['sell', 'short', undefined, 'isolated'],
			['sell', 'long', undefined, 'isolated'],
		]);
		expect(stub.book.openPositions().map((position) => [position.leg, position.size])).toEqual([['short', -1]]);
		const oneWay = await rejection(okxBroker(stub).placeOrder(intent({ clientOrderId: 'tv-1000000000000000000000000004' })));
		expect(oneWay).toBeInstanceOf(InvalidOrderError);
		expect(oneWay.message).toBe('Parameter posSide error');
	});

	it('sets the leverage once per symbol before its first order (cross: one setting; isolated hedge: one per leg)', async () => {
		await okxBroker(stub, { leverage: 5 }).placeOrder(intent({ clientOrderId: 'tv-1000000000000000000000000001' }));
		stub.book.hedgeMode = true;
		const hedged = okxBroker(stub, { leverage: 3, positionMode: 'hedge', marginMode: 'isolated' });
		await hedged.placeOrder(intent({ clientOrderId: 'tv-1000000000000000000000000002' }));
		await hedged.placeOrder(intent({ clientOrderId: 'tv-1000000000000000000000000003' }));

		const settings = stub.requests.filter((request) => request.path === '/api/v5/account/set-leverage').map((request) => request.json);
		expect(settings).toEqual([
			{ lever: 5, mgnMode: 'cross', instId: 'BTC-USDT-SWAP' },
			{ lever: 3, mgnMode: 'isolated', instId: 'BTC-USDT-SWAP', posSide: 'long' },
			{ lever: 3, mgnMode: 'isolated', instId: 'BTC-USDT-SWAP', posSide: 'short' },
		]);
	});

	it('a take profit and stop loss travel with the entry as attachAlgoOrds (market exits, rounded to the tick); on the wrong side OKX refuses it', async () => {
		const broker = okxBroker(stub);

		await broker.placeOrder(intent({ takeProfitPrice: 66000.06, stopLossPrice: 57000 }));

		expect(stub.orderBodies()[0].attachAlgoOrds).toEqual([
			{ tpTriggerPx: '66000.1', tpOrdPx: '-1', tpTriggerPxType: 'last', slTriggerPx: '57000', slOrdPx: '-1', slTriggerPxType: 'last' },
		]);
		const error = await rejection(broker.placeOrder(intent({ clientOrderId: 'tv-1111111111111111111111111111', stopLossPrice: 61000 })));
		expect(error).toBeInstanceOf(InvalidOrderError);
		expect(error.message).toBe('Parameter slTriggerPx error');
	});

	it('stop entries are refused before anything is sent', async () => {
		expect(await rejection(okxBroker(stub).placeOrder(intent({ type: 'stop', stopPrice: 61000 })))).toBeInstanceOf(UnsupportedError);
		expect(stub.orderBodies()).toEqual([]);
	});

	it('a wrong secret or passphrase is AuthenticationError (50113, 50105) naming no credential', async () => {
		const badSign = await rejection(okxBroker(stub, { secret: 'test-only-wrong-secret' }).placeOrder(intent()));
		const badPassphrase = await rejection(okxBroker(stub, { passphrase: 'test-only-wrong-passphrase' }).placeOrder(intent()));

		expect(badSign).toBeInstanceOf(AuthenticationError);
		expect((badSign as AuthenticationError).details).toEqual({ broker: 'okx', brokerCode: '50113', httpStatus: 401 });
		expect(badPassphrase).toBeInstanceOf(AuthenticationError);
		expect(badPassphrase.message).toBe('Request header OK-ACCESS-PASSPHRASE incorrect.');
		expectNoCredential(badSign);
		expectNoCredential(badPassphrase);
		expect(badPassphrase.message).not.toContain('test-only-wrong-passphrase');
	});

	it('maps rate limits, busy and balance answers by their codes', async () => {
		const broker = okxBroker(stub);
		await broker.getAccount();
		stub.http.failNext(1, refused(50011, 'Too Many Requests', 429), { path: '/api/v5/account/balance' });
		stub.http.failNext(1, refused(50013, 'System is busy, please try again later.', 200), { path: '/api/v5/account/balance' });
		stub.http.failNext(1, itemFailure(CL_ORD_ID, 51008, 'Order failed. Insufficient USDT margin in account'), { method: 'POST', path: '/api/v5/trade/order' });

		expect(await rejection(broker.getAccount())).toBeInstanceOf(RateLimitedError);
		expect(await rejection(broker.getAccount())).toBeInstanceOf(BrokerUnavailableError);
		const funds = await rejection(broker.placeOrder(intent()));
		expect(funds.constructor.name).toBe('InsufficientFundsError');
		expect(funds.message).toBe('Order failed. Insufficient USDT margin in account');
	});

	it('reports positions in BTC (contracts × 0.01), signed, and the account in USDT', async () => {
		stub.book.setPosition('BTC-USDT-SWAP', 'net', -3, 61000);
		const broker = okxBroker(stub);

		expect(await broker.getPosition('OKX:BTCUSDT.P')).toEqual({ symbol: 'BTC/USDT:USDT', quantity: -0.03, averagePrice: 61000 });
		expect(await broker.getAccount()).toEqual({ currency: 'USDT', cash: 10000, equity: 10000, buyingPower: 10000, realisedPnl: null });
	});
});
