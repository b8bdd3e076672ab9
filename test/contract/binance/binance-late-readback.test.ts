import './ccxt-under-jest';

// the first test of a file loads ccxt, which takes seconds on a busy machine
jest.setTimeout(30_000);

import { BrokerUnavailableError, DuplicateClientOrderIdError } from '../../../core/brokers/broker-errors';
import { rejection } from '../../support/rejection';
import type { BinanceStub } from './binance-stub';
import { delayOrderVisibility } from './binance-stub-delays';
import { binanceBroker, CLIENT_ID, intent, startStub } from './binance-fixture';

const UNKNOWN = { code: -1007, msg: 'Timeout waiting for response from backend server. Send status unknown; execution status unknown.' };

describe('Binance: execution status unknown, and read-backs that come late', () => {
	let stub: BinanceStub;

	beforeEach(async () => {
		stub = await startStub();
	});

	afterEach(async () => {
		await stub.close();
	});

	it.each([
		['spot', 503, '/api/v3/order'],
		['spot', 408, '/api/v3/order'],
		['usdm', 503, '/fapi/v1/order'],
		['usdm', 408, '/fapi/v1/order'],
	] as const)('%s: an order answered %s -1007 is a retryable BrokerUnavailableError carrying the code', async (market, status, path) => {
		stub.failNext(1, status, UNKNOWN, { method: 'POST', path });

		const error = await rejection(binanceBroker(stub, { market }).placeOrder(intent({ quantity: 0.01 })));

		expect(error).toBeInstanceOf(BrokerUnavailableError);
		expect((error as BrokerUnavailableError).retryable).toBe(true);
		expect(error.message).toBe(UNKNOWN.msg);
		expect((error as BrokerUnavailableError).details).toEqual({ broker: 'binance', brokerCode: -1007, httpStatus: status });
	});

	it('a 408 with no Binance code is retryable too (the request may have gone through)', async () => {
		stub.failNext(1, 408, '', { method: 'POST', path: '/api/v3/order' });

		const error = await rejection(binanceBroker(stub).placeOrder(intent()));

		expect(error).toBeInstanceOf(BrokerUnavailableError);
		expect((error as BrokerUnavailableError).details).toEqual({ broker: 'binance', httpStatus: 408 });
	});

	it.each([
		['spot', '/api/v3/order'],
		['usdm', '/fapi/v1/order'],
	] as const)('%s: a read-back answered -2013 "Order does not exist." is null, not an error', async (market, path) => {
		const broker = binanceBroker(stub, { market });
		await broker.placeOrder(intent({ quantity: 0.01 }));
		stub.failNext(1, 400, { code: -2013, msg: 'Order does not exist.' }, { method: 'GET', path });

		expect(await broker.getOrderByClientId(CLIENT_ID)).toBeNull();
		expect(stub.requests.at(-1)?.params).toEqual(expect.objectContaining({ symbol: 'BTCUSDT', origClientOrderId: CLIENT_ID }));
		expect(await broker.getOrderByClientId(CLIENT_ID)).toMatchObject({ clientOrderId: CLIENT_ID, status: 'filled' });
	});

	it('a read-back answered -1007 or 5xx is an error (retryable), never taken for "not found"', async () => {
		const broker = binanceBroker(stub);
		await broker.placeOrder(intent());
		stub.failNext(1, 503, UNKNOWN, { method: 'GET', path: '/api/v3/order' });

		const error = await rejection(broker.getOrderByClientId(CLIENT_ID));

		expect(error).toBeInstanceOf(BrokerUnavailableError);
		expect((error as BrokerUnavailableError).details).toEqual({ broker: 'binance', brokerCode: -1007, httpStatus: 503 });
	});

	it.each(['spot', 'usdm'] as const)('%s stub: delayOrderVisibility({ reads: 2 }) hides a taken order from its first two read-backs and from openOrders', async (market) => {
		const broker = binanceBroker(stub, { market });
		delayOrderVisibility(stub, { reads: 2 });
		await broker.placeOrder(intent({ type: 'limit', limitPrice: market === 'spot' ? 20000 : 50000, quantity: 0.01 }));

		expect(await broker.listOpenOrders('BTCUSDT')).toEqual([]);
		expect(await broker.getOrderByClientId(CLIENT_ID)).toBeNull();
		expect(await broker.getOrderByClientId(CLIENT_ID)).toBeNull();
		expect(await broker.getOrderByClientId(CLIENT_ID)).toMatchObject({ clientOrderId: CLIENT_ID, status: 'open' });
		expect((await broker.listOpenOrders('BTCUSDT')).map((order) => order.clientOrderId)).toEqual([CLIENT_ID]);
	});

	it('stub: delayOrderVisibility({ ms }) hides an order for that long after it was taken; switching it off leaves later orders visible', async () => {
		const broker = binanceBroker(stub);
		const off = delayOrderVisibility(stub, { ms: 300 });
		await broker.placeOrder(intent());
		off();
		await broker.placeOrder(intent({ clientOrderId: 'tv-visible-at-once' }));

		expect(await broker.getOrderByClientId(CLIENT_ID)).toBeNull();
		expect(await broker.getOrderByClientId('tv-visible-at-once')).toMatchObject({ status: 'filled' });
		await new Promise((resolve) => setTimeout(resolve, 350));
		expect(await broker.getOrderByClientId(CLIENT_ID)).toMatchObject({ clientOrderId: CLIENT_ID, status: 'filled' });
	});

	it('stub: a hidden order is still in the book: a resend is refused while it is open, and taken again once it has filled', async () => {
		delayOrderVisibility(stub, { reads: 100 });
		const broker = binanceBroker(stub);
		await broker.placeOrder(intent({ type: 'limit', limitPrice: 20000 }));
		await broker.placeOrder(intent({ clientOrderId: 'tv-market' }));

		const open = await rejection(broker.placeOrder(intent({ type: 'limit', limitPrice: 20000 })));
		await broker.placeOrder(intent({ clientOrderId: 'tv-market' }));

		expect(open).toBeInstanceOf(DuplicateClientOrderIdError);
		expect(open.message).toBe('Duplicate order sent.');
		expect(stub.spot.orders.filter((order) => order.clientOrderId === 'tv-market')).toHaveLength(2);
	});
});
