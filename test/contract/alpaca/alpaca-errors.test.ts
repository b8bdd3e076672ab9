import { AlpacaBroker } from '../../../core/brokers/alpaca/alpaca-broker';
import {
	AuthenticationError,
	BrokerError,
	BrokerUnavailableError,
	InsufficientFundsError,
	NetworkError,
	OrderNotFoundError,
} from '../../../core/brokers/broker-errors';
import type { HttpPort } from '../../../core/brokers/http-port';
import { placeOnce } from '../../../core/order/place-once';
import { rejection } from '../../support/rejection';
import type { AlpacaStub } from './alpaca-stub';
import { alpacaBroker, intent, KEY_ID, placeContext, SECRET_KEY, startStub } from './alpaca-fixture';

/** Neither the key id nor the secret may appear in a message, in details, or anywhere in the error's JSON. */
function expectNoCredential(error: Error): void {
	const seen = [error.message, String(error), error.stack ?? '', JSON.stringify(error), JSON.stringify((error as BrokerError).details ?? {})];
	for (const text of seen) {
		expect(text).not.toContain(SECRET_KEY);
		expect(text).not.toContain(KEY_ID);
	}
}

describe('Alpaca errors', () => {
	let stub: AlpacaStub;

	beforeEach(async () => {
		stub = await startStub();
	});

	afterEach(async () => {
		await stub.close();
	});

	it('a wrong secret key is AuthenticationError with Alpaca code, and nothing is placed', async () => {
		const error = await rejection(alpacaBroker(stub, { secretKey: 'not-the-secret' }).placeOrder(intent()));

		expect(error).toBeInstanceOf(AuthenticationError);
		expect(error.message).toBe('request is not authorized');
		expect((error as AuthenticationError).details).toEqual({ broker: 'alpaca', brokerCode: 40110000, httpStatus: 401 });
		expect(stub.orders).toEqual([]);
		expectNoCredential(error);
	});

	it('a wrong key id is AuthenticationError on every call, not retried by placeOnce', async () => {
		const broker = alpacaBroker(stub, { keyId: 'PKWRONG' });

		for (const call of [() => broker.getAccount(), () => broker.listPositions(), () => broker.getOrderByClientId('tv-x')]) {
			expect(await rejection(call())).toBeInstanceOf(AuthenticationError);
		}
		expect(await rejection(placeOnce(intent(), placeContext(broker)))).toBeInstanceOf(AuthenticationError);
		expect(stub.count('POST', '/v2/orders')).toBe(1);
	});

	it('a 403 forbidden without a funds message is AuthenticationError; one about funds is InsufficientFundsError', async () => {
		const broker = alpacaBroker(stub);
		stub.failNext(1, 403, { code: 40310000, message: 'forbidden' });
		stub.failNext(1, 403, { code: 40310000, message: 'insufficient day trading buying power' });

		const forbidden = await rejection(broker.getAccount());
		const funds = await rejection(broker.placeOrder(intent()));

		expect(forbidden).toBeInstanceOf(AuthenticationError);
		expect(forbidden.message).toBe('forbidden');
		expect(funds).toBeInstanceOf(InsufficientFundsError);
	});

	it('no answer (the stub closed) is NetworkError on every call', async () => {
		const broker = alpacaBroker(stub);
		await stub.close();

		const calls = [
			() => broker.placeOrder(intent()),
			() => broker.getOrderByClientId('tv-x'),
			() => broker.cancelOrder('tv-x'),
			() => broker.listOpenOrders(),
			() => broker.getPosition('AAPL'),
			() => broker.listPositions(),
			() => broker.getAccount(),
		];
		for (const call of calls) {
			const error = await rejection(call());
			expect(error).toBeInstanceOf(NetworkError);
			expect((error as NetworkError).retryable).toBe(true);
			expect((error as NetworkError).details).toEqual({ broker: 'alpaca' });
			expect(error.message).toMatch(/^no answer from Alpaca to (GET|POST|DELETE) \/v2\//);
			expectNoCredential(error);
		}
		stub = await startStub(); // for afterEach
	});

	it('placeOnce gives up with NetworkError when Alpaca stays unreachable', async () => {
		const broker = alpacaBroker(stub);
		await stub.close();

		const error = await rejection(placeOnce(intent(), placeContext(broker)));

		expect(error).toBeInstanceOf(NetworkError);
		stub = await startStub();
	});

	it('never repeats the credential, even when the HttpPort error or Alpaca message carries it', async () => {
		const leaky: HttpPort = {
			async send(request) {
				throw new Error(`connect failed with headers ${JSON.stringify(request.headers)}`);
			},
		};
		const networkError = await rejection(new AlpacaBroker(leaky, { keyId: KEY_ID, secretKey: SECRET_KEY, environment: 'live' }).getAccount());
		stub.failNext(1, 422, { code: 40010001, message: `bad secret ${SECRET_KEY} for key ${KEY_ID}` });
		const echoed = await rejection(alpacaBroker(stub).placeOrder(intent()));

		expect(networkError).toBeInstanceOf(NetworkError);
		expect(networkError.message).toContain('[redacted]');
		expectNoCredential(networkError);
		expect(echoed.message).toBe('bad secret [redacted] for key [redacted]');
		expectNoCredential(echoed);
	});

	it('no error from any scenario in this suite carries the secret key', async () => {
		const broker = alpacaBroker(stub);
		stub.failNext(1, 500, '<html>500 Internal Server Error</html>');
		stub.failNext(1, 429, { code: 42910000, message: 'rate limit exceeded' });
		stub.failNext(1, 404, { code: 40410000, message: 'order not found' });
		const errors = [
			await rejection(broker.getAccount()),
			await rejection(broker.listPositions()),
			await rejection(broker.cancelOrder('tv-missing')),
			await rejection(alpacaBroker(stub, { secretKey: 'wrong' }).getAccount()),
			await rejection(broker.placeOrder(intent({ symbol: 'BTCUSD', timeInForce: 'day' }))),
			await rejection(broker.placeOrder(intent({ quantity: 10_000_000 }))),
		];

		expect(errors.map((error) => error.constructor.name)).toEqual([
			'BrokerUnavailableError',
			'RateLimitedError',
			'OrderNotFoundError',
			'AuthenticationError',
			'InvalidOrderError',
			'InsufficientFundsError',
		]);
		errors.forEach(expectNoCredential);
	});

	it('a 5xx with a non-JSON body is BrokerUnavailableError carrying the text', async () => {
		stub.failNext(1, 502, '<html>502 Bad Gateway</html>');

		const error = await rejection(alpacaBroker(stub).getAccount());

		expect(error).toBeInstanceOf(BrokerUnavailableError);
		expect(error.message).toBe('<html>502 Bad Gateway</html>');
		expect((error as BrokerUnavailableError).details).toEqual({ broker: 'alpaca', httpStatus: 502 });
	});

	it('a 200 whose order cannot be read is a retryable BrokerUnavailableError, so placeOnce reads back', async () => {
		stub.failNext(1, 200, { id: 'x', status: 'filled' }, { method: 'POST', path: '/v2/orders' });

		const error = await rejection(alpacaBroker(stub).placeOrder(intent()));

		expect(error).toBeInstanceOf(BrokerUnavailableError);
		expect(error.message).toBe('Alpaca answered HTTP 200 to POST /v2/orders but the answer could not be read: client_order_id is missing');
	});

	it('an answer about another client order id is not taken for ours', async () => {
		const broker = alpacaBroker(stub);
		await broker.placeOrder(intent({ clientOrderId: 'tv-other' }));
		stub.failNext(1, 200, stub.orders[0], { method: 'GET', path: '/v2/orders:by_client_order_id' });

		const error = await rejection(broker.getOrderByClientId('tv-mine'));

		expect(error).toBeInstanceOf(BrokerUnavailableError);
	});

	it('a 404 that is not Alpaca (wrong base URL, a proxy page) is an error, never "no position" or "no order"', async () => {
		const broker = alpacaBroker(stub, { baseUrl: `${stub.baseUrl}/wrong` });

		const position = await rejection(broker.getPosition('AAPL'));
		const order = await rejection(broker.getOrderByClientId('tv-x'));

		expect(position).toBeInstanceOf(OrderNotFoundError);
		expect(position.message).toBe('404 page not found');
		expect(order).toBeInstanceOf(OrderNotFoundError);
	});

	it('refuses a credential without a key id or a secret, without repeating either', () => {
		const http: HttpPort = { send: async () => ({ status: 200, headers: {}, body: {} }) };

		expect(() => new AlpacaBroker(http, { keyId: '', secretKey: SECRET_KEY, environment: 'paper' })).toThrow(AuthenticationError);
		expect(() => new AlpacaBroker(http, { keyId: KEY_ID, secretKey: ' ', environment: 'live' })).toThrow('the Alpaca credential needs a secret key');
	});
});
