import './ccxt-under-jest';

import { inspect } from 'node:util';

import { AuthenticationError, BrokerError, BrokerUnavailableError, NetworkError } from '../../../core/brokers/broker-errors';
import { createBinanceBroker } from '../../../core/brokers/binance/binance-broker';
import { placeOnce } from '../../../core/order/place-once';
import { rejection } from '../../support/rejection';
import type { BinanceStub } from './binance-stub';
import {
	API_KEY,
	binanceBroker,
	expectNoCredential,
	intent,
	placeContext,
	SECRET_KEY,
	startStub,
} from './binance-fixture';

describe('Binance errors', () => {
	let stub: BinanceStub;

	beforeEach(async () => {
		stub = await startStub();
	});

	afterEach(async () => {
		await stub.close();
	});

	it('a wrong secret fails the stub signature check (-1022): AuthenticationError, nothing placed', async () => {
		const error = await rejection(binanceBroker(stub, { secretKey: 'not-the-secret-0123456789' }).placeOrder(intent()));

		expect(error).toBeInstanceOf(AuthenticationError);
		expect(error.message).toBe('Signature for this request is not valid.');
		expect((error as AuthenticationError).details).toEqual({ broker: 'binance', brokerCode: -1022, httpStatus: 400 });
		expect(stub.orderPosts()).toEqual([]);
		expect(stub.spot.orders).toEqual([]);
		expectNoCredential(error);
	});

	it('a wrong API key is AuthenticationError (401 -2015) on every call, and placeOnce does not retry it', async () => {
		const broker = binanceBroker(stub, { apiKey: 'wrong-api-key-0123456789' });

		for (const call of [() => broker.getAccount(), () => broker.listPositions(), () => broker.listOpenOrders()]) {
			const error = await rejection(call());
			expect(error).toBeInstanceOf(AuthenticationError);
			expect(error.message).toBe('Invalid API-key, IP, or permissions for action.');
			expect((error as AuthenticationError).details).toEqual({ broker: 'binance', brokerCode: -2015, httpStatus: 401 });
		}
		expect(await rejection(placeOnce(intent(), placeContext(broker)))).toBeInstanceOf(AuthenticationError);
		expect(stub.orderPosts()).toEqual([]);
	});

	it('no answer (the stub closed) is a retryable NetworkError naming the request, without its signed query', async () => {
		const broker = binanceBroker(stub);
		await broker.getAccount();
		await stub.close();

		const calls = [
			() => broker.placeOrder(intent()),
			() => broker.getOrderByClientId('tv-x'),
			() => broker.listOpenOrders('BTCUSDT'),
			() => broker.getPosition('BTCUSDT'),
			() => broker.listPositions(),
			() => broker.getAccount(),
		];
		for (const call of calls) {
			const error = await rejection(call());
			expect(error).toBeInstanceOf(NetworkError);
			expect((error as NetworkError).retryable).toBe(true);
			expect((error as NetworkError).details).toEqual({ broker: 'binance' });
			expect(error.message).toMatch(/^no answer from Binance: (GET|POST|DELETE) http:\/\/127\.0\.0\.1:\d+\/api\/v3\/\w+ fetch failed/);
			expectNoCredential(error);
		}
		stub = await startStub(); // for afterEach
	});

	it('a first exchangeInfo that fails is tried again on the next call', async () => {
		stub.failNext(1, 503, '<html>503 Service Temporarily Unavailable</html>', { path: '/api/v3/exchangeInfo' });
		const broker = binanceBroker(stub);

		const first = await rejection(broker.placeOrder(intent()));
		const order = await broker.placeOrder(intent());

		expect(first).toBeInstanceOf(BrokerUnavailableError);
		expect(first.message).toBe('<html>503 Service Temporarily Unavailable</html>');
		expect((first as BrokerUnavailableError).details).toEqual({ broker: 'binance', httpStatus: 503 });
		expect(order.status).toBe('filled');
		expect(stub.count('GET', '/api/v3/exchangeInfo')).toBe(2);
	});

	it('a 200 whose order cannot be read is a retryable BrokerUnavailableError, so placeOnce reads back', async () => {
		stub.failNext(1, 200, { symbol: 'BTCUSDT', orderId: 7 }, { method: 'POST', path: '/api/v3/order' });

		const error = await rejection(binanceBroker(stub).placeOrder(intent()));

		expect(error).toBeInstanceOf(BrokerUnavailableError);
		expect(error.message).toMatch(/^Binance answered but the order in it could not be read: /);
		expect((error as BrokerUnavailableError).retryable).toBe(true);
	});

	it('an answer about another client order id is not taken for ours', async () => {
		const broker = binanceBroker(stub);
		await broker.placeOrder(intent({ clientOrderId: 'tv-other', type: 'limit', limitPrice: 20000 }));
		const other = stub.spot.orders[0];
		await broker.placeOrder(intent({ clientOrderId: 'tv-mine', type: 'limit', limitPrice: 20000 }));
		stub.failNext(1, 200, other, { method: 'GET', path: '/api/v3/order' });

		const error = await rejection(broker.getOrderByClientId('tv-mine'));

		expect(error).toBeInstanceOf(BrokerUnavailableError);
		expect(error.message).toBe('Binance answered with order tv-other for client order id tv-mine');
	});

	it('a 404 that is not Binance (wrong base URL, a proxy page) is an error, never "no such order"', async () => {
		const broker = binanceBroker(stub);
		await broker.placeOrder(intent({ type: 'limit', limitPrice: 20000 }));
		stub.failNext(1, 404, '<html>Not Found</html>', { method: 'GET', path: '/api/v3/order' });

		const error = await rejection(broker.getOrderByClientId(intent().clientOrderId));

		expect(error).toBeInstanceOf(BrokerError);
		expect(error.message).toBe('<html>Not Found</html>');
		expect((error as BrokerError).details).toEqual({ broker: 'binance', httpStatus: 404 });
	});

	it('never repeats the credential, even when Binance echoes it', async () => {
		stub.failNext(1, 400, { code: -1100, msg: `Illegal characters found in parameter '${SECRET_KEY}' for key ${API_KEY}` }, { method: 'POST' });

		const error = await rejection(binanceBroker(stub).placeOrder(intent()));

		expect(error.message).toBe("Illegal characters found in parameter '[redacted]' for key [redacted]");
		expectNoCredential(error);
	});

	it('no error from any scenario in this suite carries the secret or the key', async () => {
		const broker = binanceBroker(stub);
		stub.failNext(1, 502, '<html>502 Bad Gateway</html>', { path: '/api/v3/account' });
		stub.failNext(1, 429, { code: -1003, msg: 'Too many requests' }, { path: '/api/v3/openOrders' });
		const errors = [
			await rejection(broker.getAccount()),
			await rejection(broker.listOpenOrders()),
			await rejection(broker.cancelOrder('tv-missing')),
			await rejection(binanceBroker(stub, { secretKey: 'wrong-secret-0123456789' }).getAccount()),
			await rejection(binanceBroker(stub, { apiKey: 'wrong-key-0123456789' }).getAccount()),
			await rejection(broker.placeOrder(intent({ quantity: 100 }))),
			await rejection(broker.placeOrder(intent({ quantity: 0.0001, referencePrice: 30000 }))),
		];

		expect(errors.map((error) => error.constructor.name)).toEqual([
			'BrokerUnavailableError',
			'RateLimitedError',
			'OrderNotFoundError',
			'AuthenticationError',
			'AuthenticationError',
			'InsufficientFundsError',
			'InvalidOrderError',
		]);
		errors.forEach(expectNoCredential);
	});

	it('the broker itself does not show the credential when logged or serialised', async () => {
		const broker = binanceBroker(stub);
		await broker.placeOrder(intent());

		for (const text of [JSON.stringify(broker), inspect(broker, { depth: 6, showHidden: true })]) {
			expect(text).not.toContain(SECRET_KEY);
			expect(text).not.toContain(API_KEY);
		}
	});

	it('refuses a credential without a key or a secret, or with a bad base URL, without repeating either', () => {
		const base = { apiKey: API_KEY, secretKey: SECRET_KEY, environment: 'testnet' as const, market: 'spot' as const };

		expect(() => createBinanceBroker({ ...base, apiKey: ' ' })).toThrow(new AuthenticationError('the Binance credential needs an API key', { broker: 'binance' }));
		expect(() => createBinanceBroker({ ...base, secretKey: '' })).toThrow('the Binance credential needs a secret key');
		expect(() => createBinanceBroker({ ...base, baseUrl: 'ftp://example.com' })).toThrow('the Binance base URL must be an http(s) address without a query');
		expect(() => createBinanceBroker({ ...base, recvWindow: 70_000 })).toThrow('the Binance recvWindow must be 1 to 60000 ms');
		expect(() => createBinanceBroker({ ...base, market: 'coinm' as 'spot' })).toThrow('the Binance market must be spot or usdm');
		// optional fields left empty in the credential are their defaults
		expect(createBinanceBroker({ ...base, baseUrl: '', quoteAsset: '', positionMode: '' as 'hedge' }).name).toBe('binance');
	});
});
