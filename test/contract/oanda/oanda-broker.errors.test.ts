import {
	AuthenticationError,
	BrokerError,
	BrokerUnavailableError,
	NetworkError,
	OrderNotFoundError,
	RateLimitedError,
} from '../../../core/brokers/broker-errors';
import type { HttpPort, HttpRequest } from '../../../core/brokers/http-port';
import { OANDA_LIVE_URL, OANDA_PRACTICE_URL, OandaBroker } from '../../../core/brokers/oanda/oanda-broker';
import { placeOnce } from '../../../core/order/place-once';
import { fetchHttpPort } from '../harness/fetch-http-port';
import { rejection } from '../../support/rejection';
import { brokerFor, intent, placeOnceContext, useOandaStub } from './oanda-fixture';

// Every failure maps to the shared error tree, loudly, and no message carries the token.

describe('OANDA adapter: failures', () => {
	const { stub, broker } = useOandaStub();

	it('a wrong token is an AuthenticationError with OANDA\'s message; no order is placed', async () => {
		const wrong = brokerFor(stub(), { accessToken: 'not-the-token' });
		const error = await rejection(wrong.placeOrder(intent()));
		expect(error).toBeInstanceOf(AuthenticationError);
		expect(error.message).toBe('Insufficient authorization to perform request.');
		expect((error as AuthenticationError).details).toEqual({ broker: 'oanda', httpStatus: 401 });
		await expect(wrong.getAccount()).rejects.toBeInstanceOf(AuthenticationError);
		await expect(wrong.getPosition('EURUSD')).rejects.toBeInstanceOf(AuthenticationError);
		await expect(placeOnce(intent(), placeOnceContext(wrong))).rejects.toBeInstanceOf(AuthenticationError);
		expect(stub().orderPosts()).toHaveLength(0);
		expect(stub().entryOrders()).toHaveLength(0);
	});

	it('an account the token may not use is an AuthenticationError (403)', async () => {
		const elsewhere = brokerFor(stub(), { accountId: '101-004-7654321-001' });
		const error = await rejection(elsewhere.getAccount());
		expect(error).toBeInstanceOf(AuthenticationError);
		expect(error).toMatchObject({ message: 'The provided request was forbidden.', details: { broker: 'oanda', httpStatus: 403 } });
		await expect(elsewhere.getPosition('EURUSD')).rejects.toBeInstanceOf(AuthenticationError);
		await expect(elsewhere.placeOrder(intent())).rejects.toBeInstanceOf(AuthenticationError);
		expect(stub().entryOrders()).toHaveLength(0);
	});

	it('no answer is a NetworkError (retryable)', async () => {
		stub().hangUpNext({ endpoint: '/summary' });
		const error = await rejection(broker().getAccount());
		expect(error).toBeInstanceOf(NetworkError);
		expect(error).toMatchObject({ retryable: true, details: { broker: 'oanda' } });
		expect(error.message).toMatch(/^no answer from OANDA to GET \/summary/);

		const closedPort = new OandaBroker(fetchHttpPort, {
			accessToken: stub().token,
			accountId: stub().accountId,
			environment: 'live',
			baseUrl: 'http://127.0.0.1:9',
		});
		await expect(closedPort.listPositions()).rejects.toBeInstanceOf(NetworkError);
	});

	it('a network failure on every attempt ends placeOnce with the NetworkError and no order', async () => {
		for (let attempt = 0; attempt < 4; attempt++) stub().hangUpNext({ method: 'POST' });
		const error = await rejection(placeOnce(intent(), placeOnceContext(broker())));
		expect(error).toBeInstanceOf(NetworkError);
		expect(stub().orderPosts()).toHaveLength(4);
		expect(stub().entryOrders()).toHaveLength(0);
	});

	it.each([
		[500, BrokerUnavailableError],
		[502, BrokerUnavailableError],
		[503, BrokerUnavailableError],
		[429, RateLimitedError],
		[404, OrderNotFoundError],
		[302, BrokerError],
	])('HTTP %i is a %p', async (status, kind) => {
		stub().failNext(1, status, status === 302 ? '' : { errorMessage: `scripted ${status}` }, { endpoint: '/summary' });
		const error = await rejection(broker().getAccount());
		expect(error).toBeInstanceOf(kind);
		expect((error as BrokerError).details).toEqual({ broker: 'oanda', httpStatus: status });
		expect(error.message).toBe(status === 302 ? 'OANDA answered HTTP 302 to GET /summary' : `scripted ${status}`);
	});

	it('a 200 whose body is not what OANDA documents is a BrokerUnavailableError, never a made-up value', async () => {
		stub().failNext(1, 200, { account: { currency: 'USD', balance: 'lots' } }, { endpoint: '/summary' });
		await expect(broker().getAccount()).rejects.toBeInstanceOf(BrokerUnavailableError);
		stub().failNext(1, 200, '<html></html>', { endpoint: '/openPositions' });
		await expect(broker().listPositions()).rejects.toBeInstanceOf(BrokerUnavailableError);
	});

	it('no error message, stack or detail contains the token', async () => {
		const token = stub().token;
		const errors: unknown[] = [];
		const collect = async (promise: Promise<unknown>) => errors.push(await rejection(promise));
		await collect(brokerFor(stub(), { accessToken: `${token}x` }).getAccount());
		await collect(brokerFor(stub(), { accountId: 'other' }).placeOrder(intent()));
		stub().failNext(1, 400, { errorMessage: `bad header Bearer ${token}`, errorCode: 'X' }, { method: 'POST' });
		await collect(broker().placeOrder(intent()));
		stub().failNext(1, 503, { errorMessage: `token ${token} unavailable` });
		await collect(broker().getAccount());
		stub().hangUpNext();
		await collect(broker().listOpenOrders());
		const leaky: HttpPort = {
			send: async (request: HttpRequest) => {
				throw new Error(`connect failed for ${JSON.stringify(request.headers)}`);
			},
		};
		await collect(brokerFor(stub(), { http: leaky }).getAccount());
		expect(errors).toHaveLength(6);
		for (const error of errors) {
			const text = `${(error as Error).message} ${(error as Error).stack ?? ''} ${JSON.stringify(error)}`;
			expect(text).not.toContain(token);
		}
		expect((errors[2] as Error).message).toBe('bad header Bearer [redacted]');
		expect((errors[5] as Error).message).toMatch(/\[redacted\]/);
	});

	it('configuration errors name the field, never the token', () => {
		const make = (config: object) => () => new OandaBroker(fetchHttpPort, config as never);
		expect(make({ accessToken: '', accountId: 'a', environment: 'practice' })).toThrow('the OANDA connection needs an access token');
		expect(make({ accessToken: 'secret-token', accountId: '', environment: 'practice' })).toThrow('account id');
		expect(make({ accessToken: 'secret-token', accountId: 'a', environment: 'paper' })).toThrow("'practice' or 'live'");
		expect(make({ accessToken: 'secret token', accountId: 'a', environment: 'live' })).toThrow(/^((?!secret).)*$/);
	});

	it('the environment picks the host: practice → api-fxpractice, live → api-fxtrade', async () => {
		const urls: string[] = [];
		const recording: HttpPort = {
			send: async (request) => {
				urls.push(request.url);
				return { status: 200, headers: {}, body: { account: { currency: 'USD', balance: '1', NAV: '1', marginAvailable: '1', pl: '0' } } };
			},
		};
		await new OandaBroker(recording, { accessToken: 't', accountId: '101-1', environment: 'practice' }).getAccount();
		await new OandaBroker(recording, { accessToken: 't', accountId: '101-1', environment: 'live' }).getAccount();
		expect(OANDA_PRACTICE_URL).toBe('https://api-fxpractice.oanda.com');
		expect(OANDA_LIVE_URL).toBe('https://api-fxtrade.oanda.com');
		expect(urls).toEqual([`${OANDA_PRACTICE_URL}/v3/accounts/101-1/summary`, `${OANDA_LIVE_URL}/v3/accounts/101-1/summary`]);
	});
});
