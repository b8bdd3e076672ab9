import './ccxt-under-jest';

import {
	BrokerUnavailableError,
	DuplicateClientOrderIdError,
	InsufficientFundsError,
	InvalidOrderError,
	RateLimitedError,
} from '../../../core/brokers/broker-errors';
import { placeOnce } from '../../../core/order/place-once';
import { rejection } from '../../support/rejection';
import type { BinanceStub } from './binance-stub';
import { binanceBroker, calls, CLIENT_ID, intent, orderParams, placeContext, startStub } from './binance-fixture';

describe('Binance orders placed at most once', () => {
	let stub: BinanceStub;

	beforeEach(async () => {
		stub = await startStub();
	});

	afterEach(async () => {
		await stub.close();
	});

	it('a client order id Binance already has is DuplicateClientOrderIdError, found before a second order is sent', async () => {
		const broker = binanceBroker(stub);
		await broker.placeOrder(intent({ type: 'limit', limitPrice: 20000 }));

		const error = await rejection(broker.placeOrder(intent({ type: 'limit', limitPrice: 20000 })));

		expect(error).toBeInstanceOf(DuplicateClientOrderIdError);
		expect(error.message).toBe(`Binance already has an order with client order id ${CLIENT_ID}`);
		expect(stub.orderPosts()).toHaveLength(1);
		expect(stub.spot.orders).toHaveLength(1);
	});

	it('a resent market order that has filled is not placed again (Binance would take the reused id once the first is no longer open)', async () => {
		const broker = binanceBroker(stub);
		const first = await broker.placeOrder(intent());

		const placed = await placeOnce(intent(), placeContext(binanceBroker(stub)));

		expect(placed).toEqual({ order: first, alreadyPlaced: true, attempts: 1 });
		expect(stub.orderPosts()).toHaveLength(1);
		expect(stub.spot.orders).toHaveLength(1);
	});

	it("Binance's own duplicate answer (-2010 Duplicate order sent.) is DuplicateClientOrderIdError with its code", async () => {
		const broker = binanceBroker(stub);
		await broker.placeOrder(intent({ type: 'limit', limitPrice: 20000 }));
		// the look-up before the order misses it (as in a race with another sender)
		stub.failNext(1, 400, { code: -2013, msg: 'Order does not exist.' }, { method: 'GET', path: '/api/v3/order' });

		const error = await rejection(broker.placeOrder(intent({ type: 'limit', limitPrice: 20000 })));

		expect(error).toBeInstanceOf(DuplicateClientOrderIdError);
		expect(error.message).toBe('Duplicate order sent.');
		expect((error as DuplicateClientOrderIdError).details).toEqual({ broker: 'binance', brokerCode: -2010, httpStatus: 400 });
		expect(stub.orderPosts()).toHaveLength(2);
		expect(stub.spot.orders).toHaveLength(1);
	});

	it('placeOnce resolves a duplicate by reading the existing order back: exactly one order at Binance', async () => {
		const broker = binanceBroker(stub);
		const first = await broker.placeOrder(intent({ type: 'limit', limitPrice: 20000 }));
		stub.failNext(1, 400, { code: -2013, msg: 'Order does not exist.' }, { method: 'GET', path: '/api/v3/order' });

		const placed = await placeOnce(intent({ type: 'limit', limitPrice: 20000 }), placeContext(broker));

		expect(placed).toEqual({ order: first, alreadyPlaced: true, attempts: 1 });
		expect(stub.spot.orders).toHaveLength(1);
		expect(calls(stub).slice(-3)).toEqual(['GET /api/v3/order', 'POST /api/v3/order', 'GET /api/v3/order']);
		expect(stub.requests.at(-1)?.params).toEqual(expect.objectContaining({ symbol: 'BTCUSDT', origClientOrderId: CLIENT_ID }));
	});

	// Binance takes a reused id once the first order is no longer open, so the resend waits for
	// three "no such order" answers (DEFAULT_READ_BACK_POLICY.confirmations) over a short backoff.
	it('retries a 429 with the same newClientOrderId after reading back three times: one order', async () => {
		stub.failNext(1, 429, { code: -1003, msg: 'Too many requests; current limit is 6000 request weight per 1 MINUTE.' }, { method: 'POST', path: '/api/v3/order' });

		const placed = await placeOnce(intent(), placeContext(binanceBroker(stub)));

		expect(placed.attempts).toBe(2);
		expect(placed.alreadyPlaced).toBe(false);
		expect(placed.order).toMatchObject({ clientOrderId: CLIENT_ID, status: 'filled' });
		expect(orderParams(stub).map((params) => params.newClientOrderId)).toEqual([CLIENT_ID, CLIENT_ID]);
		expect(calls(stub)).toEqual([
			'GET /api/v3/exchangeInfo',
			'GET /api/v3/order',
			'POST /api/v3/order',
			'GET /api/v3/order',
			'GET /api/v3/order',
			'GET /api/v3/order',
			'GET /api/v3/order',
			'POST /api/v3/order',
		]);
		expect(stub.spot.orders).toHaveLength(1);
	});

	it('maps 429 -1003 to a retryable RateLimitedError with the code', async () => {
		stub.failNext(1, 429, { code: -1003, msg: 'Too many requests' }, { method: 'POST', path: '/api/v3/order' });

		const error = await rejection(binanceBroker(stub).placeOrder(intent()));

		expect(error).toBeInstanceOf(RateLimitedError);
		expect(error.message).toBe('Too many requests');
		expect((error as RateLimitedError).retryable).toBe(true);
		expect((error as RateLimitedError).details).toEqual({ broker: 'binance', brokerCode: -1003, httpStatus: 429 });
	});

	it('an order taken but answered 503 is found by the read-back: one order, one POST', async () => {
		stub.takeThenFail(503);

		const placed = await placeOnce(intent(), placeContext(binanceBroker(stub)));

		expect(placed.order).toMatchObject({ clientOrderId: CLIENT_ID, brokerOrderId: String(stub.spot.orders[0].orderId), status: 'filled' });
		expect(placed.attempts).toBe(1);
		expect(stub.spot.orders).toHaveLength(1);
		expect(stub.orderPosts()).toHaveLength(1);
	});

	it('the lost answer itself is a retryable BrokerUnavailableError carrying the status and code', async () => {
		stub.takeThenFail(503);

		const error = await rejection(binanceBroker(stub).placeOrder(intent()));

		expect(error).toBeInstanceOf(BrokerUnavailableError);
		expect(error.message).toBe('Internal error; unable to process your request. Please try again.');
		expect((error as BrokerUnavailableError).details).toEqual({ broker: 'binance', brokerCode: -1001, httpStatus: 503 });
	});

	it('"execution status unknown" (-1007) is retried only after a read-back finds nothing', async () => {
		stub.takeThenFail(408, { code: -1007, msg: 'Timeout waiting for response from backend server. Send status unknown; execution status unknown.' });

		const placed = await placeOnce(intent(), placeContext(binanceBroker(stub)));

		expect(placed.attempts).toBe(1);
		expect(stub.orderPosts()).toHaveLength(1);
		expect(stub.spot.orders).toHaveLength(1);
	});

	it('a -1013 filter failure from Binance is InvalidOrderError with its code and msg, and is not retried', async () => {
		stub.failNext(1, 400, { code: -1013, msg: 'Filter failure: LOT_SIZE' }, { method: 'POST', path: '/api/v3/order' });

		const error = await rejection(placeOnce(intent(), placeContext(binanceBroker(stub))));

		expect(error).toBeInstanceOf(InvalidOrderError);
		expect(error.message).toBe('Filter failure: LOT_SIZE');
		expect((error as InvalidOrderError).details).toEqual({ broker: 'binance', brokerCode: -1013, httpStatus: 400 });
		expect(stub.orderPosts()).toHaveLength(1);
		expect(stub.spot.orders).toEqual([]);
	});

	it('insufficient balance (-2010 Account has insufficient balance…) is InsufficientFundsError, not retried', async () => {
		const error = await rejection(placeOnce(intent({ quantity: 1 }), placeContext(binanceBroker(stub))));

		expect(error).toBeInstanceOf(InsufficientFundsError);
		expect(error.message).toBe('Account has insufficient balance for requested action.');
		expect((error as InsufficientFundsError).details).toEqual({ broker: 'binance', brokerCode: -2010, httpStatus: 400 });
		expect(stub.orderPosts()).toHaveLength(1);
	});

	it('a resent reduce-only close whose first copy filled resolves to that order, not a refusal for want of coins', async () => {
		stub.spot.setBalance('BTC', '0.5');
		const close = intent({ side: 'sell', quantity: 0.5, reduceOnly: true });
		const first = await binanceBroker(stub).placeOrder(close);

		const placed = await placeOnce(close, placeContext(binanceBroker(stub)));

		expect(placed).toEqual({ order: first, alreadyPlaced: true, attempts: 1 });
		expect(stub.orderPosts()).toHaveLength(1);
	});

	it('gives up after the policy attempts on repeated 5xx, reading back before each retry, with no order', async () => {
		stub.failNext(4, 500, { code: -1001, msg: 'Internal error; unable to process your request. Please try again.' }, { method: 'POST', path: '/api/v3/order' });

		const error = await rejection(placeOnce(intent(), placeContext(binanceBroker(stub))));

		expect(error).toBeInstanceOf(BrokerUnavailableError);
		expect(stub.orderPosts()).toHaveLength(4);
		expect(stub.spot.orders).toEqual([]);
		const sequence = calls(stub);
		sequence.forEach((call, index) => {
			if (call === 'POST /api/v3/order') expect(sequence[index - 1]).toBe('GET /api/v3/order');
		});
	});
});
