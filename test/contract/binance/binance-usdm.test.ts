import './ccxt-under-jest';

// the first test of a file loads ccxt, which takes seconds on a busy machine
jest.setTimeout(30_000);

import { DuplicateClientOrderIdError, InvalidOrderError, UnsupportedError } from '../../../core/brokers/broker-errors';
import { placeOnce } from '../../../core/order/place-once';
import { rejection } from '../../support/rejection';
import type { BinanceStub } from './binance-stub';
import { binanceBroker, calls, CLIENT_ID, intent, orderParams, placeContext, startStub } from './binance-fixture';

describe('Binance USD-M futures', () => {
	let stub: BinanceStub;
	const usdm = (overrides = {}) => binanceBroker(stub, { market: 'usdm', ...overrides });

	beforeEach(async () => {
		stub = await startStub();
	});

	afterEach(async () => {
		await stub.close();
	});

	it('sends a market order to POST /fapi/v1/order with our newClientOrderId, and reads the fill', async () => {
		const order = await usdm().placeOrder(intent({ quantity: 0.0105 }));

		expect(calls(stub)).toEqual(['GET /fapi/v1/exchangeInfo', 'GET /fapi/v1/positionSide/dual', 'GET /fapi/v1/order', 'POST /fapi/v1/order']);
		expect(orderParams(stub)).toEqual([
			{ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.01', newClientOrderId: CLIENT_ID, newOrderRespType: 'RESULT' },
		]);
		expect(order).toMatchObject({ clientOrderId: CLIENT_ID, symbol: 'BTCUSDT', type: 'market', status: 'filled', filledQuantity: 0.01, averageFillPrice: 60000 });
	});

	it('accepts TradingView perpetual symbols (BTCUSDT.P) and ccxt ones (BTC/USDT:USDT, BTC/USDT)', async () => {
		const broker = usdm();
		for (const [index, symbol] of ['BINANCE:BTCUSDT.P', 'BTC/USDT:USDT', 'BTC/USDT'].entries()) {
			await broker.placeOrder(intent({ clientOrderId: `tv-${index}`, symbol, quantity: 0.01 }));
		}

		expect(orderParams(stub).map((params) => params.symbol)).toEqual(['BTCUSDT', 'BTCUSDT', 'BTCUSDT']);
	});

	it('sends a limit order with its price on the 0.10 tick and timeInForce', async () => {
		const order = await usdm().placeOrder(intent({ type: 'limit', limitPrice: 59000.06, quantity: 0.01, timeInForce: 'ioc' }));

		expect(orderParams(stub)[0]).toEqual(
			expect.objectContaining({ type: 'LIMIT', price: '59000.1', timeInForce: 'IOC', quantity: '0.01', newClientOrderId: CLIENT_ID }),
		);
		expect(order).toMatchObject({ type: 'limit', limitPrice: 59000.1, status: 'open' });
	});

	it('sends reduceOnly=true for a reduce-only order, whose notional Binance does not check', async () => {
		stub.usdm.setPosition('BTCUSDT', '0.02', '58000');

		await usdm().placeOrder(intent({ side: 'sell', quantity: 0.001, reduceOnly: true, referencePrice: 60000 }));

		expect(orderParams(stub)[0]).toEqual(expect.objectContaining({ side: 'SELL', quantity: '0.001', reduceOnly: 'true' }));
		expect(orderParams(stub)[0]).not.toHaveProperty('positionSide');
		expect(stub.usdm.positions.get('BTCUSDT')?.amount).toBe(1_900_000n);
	});

	it('refuses an order below MIN_NOTIONAL before sending, and a reduce-only order Binance rejects (-2022) is InvalidOrderError', async () => {
		const broker = usdm();
		const small = await rejection(broker.placeOrder(intent({ quantity: 0.001, referencePrice: 60000 })));
		const reduce = await rejection(broker.placeOrder(intent({ side: 'sell', quantity: 0.01, reduceOnly: true })));

		expect(small).toBeInstanceOf(InvalidOrderError);
		expect(small.message).toBe("the order's notional 0.001 × 60000 = 60 USDT is below the Binance USD-M MIN_NOTIONAL minimum of 100 USDT for BTCUSDT");
		expect(reduce).toBeInstanceOf(InvalidOrderError);
		expect(reduce.message).toBe('ReduceOnly Order is rejected.');
		expect((reduce as InvalidOrderError).details).toEqual({ broker: 'binance', brokerCode: -2022, httpStatus: 400 });
		expect(stub.usdm.orders).toEqual([]);
	});

	it('does not place stop orders (Binance takes them only through its Algo Service): UnsupportedError, nothing sent', async () => {
		const stop = await rejection(usdm().placeOrder(intent({ type: 'stop', stopPrice: 55000 })));
		const stopLimit = await rejection(usdm().placeOrder(intent({ type: 'stop_limit', stopPrice: 55000, limitPrice: 54900 })));

		expect(stop).toBeInstanceOf(UnsupportedError);
		expect(stop.message).toBe('Binance USD-M orders here are market, limit; stop is not supported');
		expect(stopLimit).toBeInstanceOf(UnsupportedError);
		expect(stub.requests).toEqual([]);
		expect(usdm().capabilities).toEqual({
			orderTypes: ['market', 'limit'],
			brackets: true,
			trailingStops: true,
			breakevenStops: true,
			shortSelling: true,
			clientOrderIdUnique: 'while_open',
			reduceOnly: true,
			hedgeMode: true,
			fractional: true,
		});
	});

	it('-4116 "ClientOrderId is duplicated." is DuplicateClientOrderIdError; placeOnce reads the order back', async () => {
		const broker = usdm();
		const first = await broker.placeOrder(intent({ type: 'limit', limitPrice: 50000, quantity: 0.01 }));
		stub.failNext(1, 400, { code: -2013, msg: 'Order does not exist.' }, { method: 'GET', path: '/fapi/v1/order' });

		const error = await rejection(broker.placeOrder(intent({ type: 'limit', limitPrice: 50000, quantity: 0.01 })));
		const placed = await placeOnce(intent({ type: 'limit', limitPrice: 50000, quantity: 0.01 }), placeContext(broker));

		expect(error).toBeInstanceOf(DuplicateClientOrderIdError);
		expect((error as DuplicateClientOrderIdError).details).toEqual({ broker: 'binance', brokerCode: -4116, httpStatus: 400 });
		expect(placed).toEqual({ order: first, alreadyPlaced: true, attempts: 1 });
		expect(stub.usdm.orders).toHaveLength(1);
	});

	it('reads positions from GET /fapi/v3/positionRisk, signed, with the entry price', async () => {
		const broker = usdm();
		await broker.placeOrder(intent({ quantity: 0.01 }));

		expect(await broker.getPosition('BTCUSDT.P')).toEqual({ symbol: 'BTCUSDT', quantity: 0.01, averagePrice: 60000 });
		stub.usdm.setPosition('BTCUSDT', '-0.5', '61000.5');
		expect(await broker.listPositions()).toEqual([{ symbol: 'BTCUSDT', quantity: -0.5, averagePrice: 61000.5 }]);
		stub.usdm.positions.clear();
		expect(await broker.getPosition('BTCUSDT')).toBeNull();
		expect(calls(stub).filter((call) => call.includes('positionRisk'))).toEqual([
			'GET /fapi/v3/positionRisk',
			'GET /fapi/v3/positionRisk',
			'GET /fapi/v3/positionRisk',
		]);
		expect(stub.requests.at(-1)?.params.symbol).toBe('BTCUSDT');
	});

	it('reads the account from GET /fapi/v3/account: wallet as cash, margin balance as equity, available as buying power', async () => {
		stub.usdm.setPosition('BTCUSDT', '0.1', '60000');

		expect(await usdm().getAccount()).toEqual({ currency: 'USDT', cash: 10000, equity: 10000, buyingPower: 9700, realisedPnl: null });
		expect(calls(stub)).toEqual(['GET /fapi/v1/exchangeInfo', 'GET /fapi/v3/account']);
	});

	it('a position mode switched after it was read is refused by Binance (-4061): InvalidOrderError, not retried', async () => {
		const broker = usdm();
		await broker.placeOrder(intent({ clientOrderId: 'tv-first', quantity: 0.01 }));
		stub.usdm.positions.clear();
		stub.usdm.hedgeMode = true;

		const error = await rejection(placeOnce(intent({ quantity: 0.01 }), placeContext(broker)));

		expect(error).toBeInstanceOf(InvalidOrderError);
		expect(error.message).toBe("Order's position side does not match user's setting.");
		expect((error as InvalidOrderError).details).toEqual({ broker: 'binance', brokerCode: -4061, httpStatus: 400 });
		expect(stub.count('GET', '/fapi/v1/positionSide/dual')).toBe(1);
		expect(stub.orderPosts()).toHaveLength(2);
	});
});
