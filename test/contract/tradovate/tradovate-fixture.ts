import type { OrderIntent } from '../../../core/brokers/broker';
import type { HttpPort } from '../../../core/brokers/http-port';
import { TradovateBroker, type TradovateConfig } from '../../../core/brokers/tradovate/tradovate-broker';
import { tradovateBaseUrl } from '../../../core/brokers/tradovate/tradovate-config';
import { TradovateSession } from '../../../core/brokers/tradovate/tradovate-session';
import type { PlaceOnceContext } from '../../../core/order/place-once';
import type { RetryPolicy } from '../../../core/order/retry-policy';
import { marketOrderIntent } from '../../support/order-intents';
import { noopOrderJournal } from '../../support/order-journals';
import { fetchHttpPort } from '../harness/fetch-http-port';
import { type TradovateCredential, TradovateStub, type TradovateStubOptions } from './tradovate-stub';

export const CREDENTIAL: TradovateCredential = {
	username: 'stub-trader',
	password: 'test-only-tradovate-password-1',
	appId: 'TradingView Autotrade',
	appVersion: '1.0',
	cid: 4242,
	secret: 'test-only-tradovate-api-secret-0123456789',
};
export const CLIENT_ID = 'tv-0123456789abcdef0123456789ab';
export const RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8_000 };

export async function startStub(options: Partial<TradovateStubOptions> = {}): Promise<TradovateStub> {
	return await TradovateStub.start({ ...CREDENTIAL, ...options });
}

export function configFor(stub: TradovateStub, overrides: Partial<TradovateConfig> = {}): TradovateConfig {
	return { ...CREDENTIAL, environment: 'demo', baseUrl: stub.baseUrl, ...overrides };
}

/** A broker with a session of its own (no token or contract shared with other tests) unless one is passed. */
export function tradovateBroker(
	stub: TradovateStub,
	overrides: Partial<TradovateConfig> = {},
	options: { http?: HttpPort; session?: TradovateSession } = {},
): TradovateBroker {
	const config = configFor(stub, overrides);
	const session = options.session ?? new TradovateSession(config, tradovateBaseUrl(config));
	return new TradovateBroker(options.http ?? fetchHttpPort, config, { session });
}

/** A market buy of 2 NQ1!, day, with no extras; tests spread what they need over it. */
export function intent(overrides: Partial<OrderIntent> = {}): OrderIntent {
	return marketOrderIntent({ clientOrderId: CLIENT_ID, symbol: 'NQ1!', quantity: 2, timeInForce: 'day', ...overrides });
}

export function placeContext(broker: TradovateBroker, retry: RetryPolicy = RETRY): PlaceOnceContext {
	return { broker, journal: noopOrderJournal, scope: 'wf1/node1', retry, sleep: async () => {} };
}

/** The bodies of the order commands the stub received, in order. */
export function orderBodies(stub: TradovateStub): Array<Record<string, unknown>> {
	return stub.requests
		.filter((request) => request.method === 'POST' && (request.path === '/order/placeorder' || request.path === '/order/placeoso'))
		.map((request) => request.body as Record<string, unknown>);
}
