import {
	BrokerUnavailableError,
	DuplicateClientOrderIdError,
	InsufficientFundsError,
	InvalidOrderError,
	RateLimitedError,
} from '../../../core/brokers/broker-errors';
import { placeOnce } from '../../../core/order/place-once';
import { rejection } from '../../support/rejection';
import type { AlpacaStub } from './alpaca-stub';
import { alpacaBroker, CLIENT_ID, intent, orderBodies, placeContext, startStub } from './alpaca-fixture';

describe('Alpaca orders placed at most once', () => {
	let stub: AlpacaStub;

	beforeEach(async () => {
		stub = await startStub({ fillPrice: 50 });
	});

	afterEach(async () => {
		await stub.close();
	});

	it('answers a reused client order id with DuplicateClientOrderIdError, Alpaca code and status in details', async () => {
		const broker = alpacaBroker(stub);
		await broker.placeOrder(intent());

		const error = await rejection(broker.placeOrder(intent()));

		expect(error).toBeInstanceOf(DuplicateClientOrderIdError);
		expect(error.message).toBe('client_order_id must be unique');
		expect((error as DuplicateClientOrderIdError).details).toEqual({ broker: 'alpaca', brokerCode: 40010001, httpStatus: 422 });
		expect(stub.orders).toHaveLength(1);
	});

	it('placeOnce resolves a duplicate by reading the existing order back: one order at Alpaca', async () => {
		const broker = alpacaBroker(stub);
		const first = await broker.placeOrder(intent());

		const placed = await placeOnce(intent(), placeContext(broker));

		expect(placed).toEqual({ order: first, alreadyPlaced: true, attempts: 1 });
		expect(stub.orders).toHaveLength(1);
		expect(stub.count('POST', '/v2/orders')).toBe(2);
		expect(stub.count('GET', '/v2/orders:by_client_order_id')).toBe(1);
		expect(stub.requests.at(-1)?.query).toEqual({ client_order_id: CLIENT_ID });
	});

	it('retries a 429 with the same client order id after reading back: one order', async () => {
		stub.failNext(1, 429, { code: 42910000, message: 'rate limit exceeded' });

		const placed = await placeOnce(intent(), placeContext(alpacaBroker(stub)));

		expect(placed.attempts).toBe(2);
		expect(placed.alreadyPlaced).toBe(false);
		expect(placed.order).toMatchObject({ clientOrderId: CLIENT_ID, status: 'filled' });
		expect(orderBodies(stub)).toEqual([expect.objectContaining({ client_order_id: CLIENT_ID }), expect.objectContaining({ client_order_id: CLIENT_ID })]);
		expect(stub.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			'POST /v2/orders',
			'GET /v2/orders:by_client_order_id',
			'POST /v2/orders',
		]);
		expect(stub.orders).toHaveLength(1);
	});

	it('maps 429 to RateLimitedError with Alpaca code', async () => {
		stub.failNext(1, 429, { code: 42910000, message: 'rate limit exceeded' });

		const error = await rejection(alpacaBroker(stub).placeOrder(intent()));

		expect(error).toBeInstanceOf(RateLimitedError);
		expect((error as RateLimitedError).retryable).toBe(true);
		expect((error as RateLimitedError).details).toEqual({ broker: 'alpaca', brokerCode: 42910000, httpStatus: 429 });
	});

	it('an order taken but answered 503 is found by the read-back: placeOnce resolves, one order, one POST', async () => {
		stub.takeThenFail(503);

		const placed = await placeOnce(intent(), placeContext(alpacaBroker(stub)));

		expect(placed.order).toMatchObject({ clientOrderId: CLIENT_ID, brokerOrderId: stub.orders[0].id, status: 'filled' });
		expect(placed.attempts).toBe(1);
		expect(stub.orders).toHaveLength(1);
		expect(stub.count('POST', '/v2/orders')).toBe(1);
	});

	it('the lost answer itself is a retryable BrokerUnavailableError carrying the status', async () => {
		stub.takeThenFail(503);

		const error = await rejection(alpacaBroker(stub).placeOrder(intent()));

		expect(error).toBeInstanceOf(BrokerUnavailableError);
		expect(error.message).toBe('upstream connect error or disconnect/reset before headers');
		expect((error as BrokerUnavailableError).details).toEqual({ broker: 'alpaca', httpStatus: 503 });
	});

	it('a 422 rejection is InvalidOrderError with Alpaca message and code, and is not retried', async () => {
		stub.failNext(1, 422, { code: 40010001, message: 'qty must be a multiple of 1 for non-fractionable asset' });

		const error = await rejection(placeOnce(intent(), placeContext(alpacaBroker(stub))));

		expect(error).toBeInstanceOf(InvalidOrderError);
		expect(error.message).toBe('qty must be a multiple of 1 for non-fractionable asset');
		expect((error as InvalidOrderError).details).toEqual({ broker: 'alpaca', brokerCode: 40010001, httpStatus: 422 });
		expect(stub.count('POST', '/v2/orders')).toBe(1);
		expect(stub.requests).toHaveLength(1);
		expect(stub.orders).toEqual([]);
	});

	it('a rejection only Alpaca makes (bracket with ioc) comes back as InvalidOrderError, one POST', async () => {
		const error = await rejection(placeOnce(intent({ timeInForce: 'ioc', takeProfitPrice: 60, stopLossPrice: 45 }), placeContext(alpacaBroker(stub))));

		expect(error).toBeInstanceOf(InvalidOrderError);
		expect(error.message).toBe('invalid time_in_force ioc for bracket orders');
		expect(stub.count('POST', '/v2/orders')).toBe(1);
		expect(stub.orders).toEqual([]);
	});

	it('insufficient buying power (403 40310000) is InsufficientFundsError, not retried', async () => {
		const error = await rejection(placeOnce(intent({ quantity: 1_000_000 }), placeContext(alpacaBroker(stub))));

		expect(error).toBeInstanceOf(InsufficientFundsError);
		expect(error.message).toBe('insufficient buying power');
		expect((error as InsufficientFundsError).details).toEqual({ broker: 'alpaca', brokerCode: 40310000, httpStatus: 403 });
		expect(stub.count('POST', '/v2/orders')).toBe(1);
	});

	it('selling more than a long position is refused by Alpaca as insufficient qty: InsufficientFundsError', async () => {
		stub.book.setPosition('AAPL', 5, 40);

		const error = await rejection(alpacaBroker(stub).placeOrder(intent({ side: 'sell', quantity: 8 })));

		expect(error).toBeInstanceOf(InsufficientFundsError);
		expect(error.message).toBe('insufficient qty available for order (requested: 8, available: 5)');
	});

	it('gives up after the policy attempts on repeated 5xx, with a read-back before each retry and no order', async () => {
		stub.failNext(4, 500, { code: 50010000, message: 'internal server error' }, { method: 'POST', path: '/v2/orders' });

		const error = await rejection(placeOnce(intent(), placeContext(alpacaBroker(stub))));

		expect(error).toBeInstanceOf(BrokerUnavailableError);
		expect(stub.count('POST', '/v2/orders')).toBe(4);
		expect(stub.orders).toEqual([]);
		// Never two POSTs in a row: each retry is preceded by asking Alpaca whether it took the order.
		const calls = stub.requests.map((request) => `${request.method} ${request.path}`);
		calls.forEach((call, index) => {
			if (index > 0 && call === 'POST /v2/orders') expect(calls[index - 1]).toBe('GET /v2/orders:by_client_order_id');
		});
	});

	it('a resent reduce-only close whose first copy already filled resolves to that order, not a refusal', async () => {
		stub.book.setPosition('AAPL', 10, 40);
		const broker = alpacaBroker(stub);
		const close = intent({ side: 'sell', quantity: 10, reduceOnly: true });
		const first = await broker.placeOrder(close);

		const placed = await placeOnce(close, placeContext(broker));

		expect(placed).toEqual({ order: first, alreadyPlaced: true, attempts: 1 });
		expect(stub.count('POST', '/v2/orders')).toBe(1);
		expect(stub.orders).toHaveLength(1);
	});
});
