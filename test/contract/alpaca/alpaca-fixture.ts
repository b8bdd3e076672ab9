import type { OrderIntent } from '../../../core/brokers/broker';
import { AlpacaBroker, type AlpacaConfig } from '../../../core/brokers/alpaca/alpaca-broker';
import type { HttpPort } from '../../../core/brokers/http-port';
import type { PlaceOnceContext } from '../../../core/order/place-once';
import type { RetryPolicy } from '../../../core/order/retry-policy';
import { marketOrderIntent } from '../../support/order-intents';
import { noopOrderJournal } from '../../support/order-journals';
import { fetchHttpPort } from '../harness/fetch-http-port';
import { AlpacaStub } from './alpaca-stub';

export const KEY_ID = 'PKSTUBKEYID0123456789';
export const SECRET_KEY = 'test-only-alpaca-secret-key-not-real';
export const CLIENT_ID = 'tv-0123456789abcdef0123456789ab';
export const RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8_000 };

export async function startStub(options: { cash?: number; fillPrice?: number } = {}): Promise<AlpacaStub> {
	return await AlpacaStub.start({ keyId: KEY_ID, secretKey: SECRET_KEY, ...options });
}

/** The waits between read-backs of cancelled orders, as the broker asked for them (nothing waits). */
export const sleeps: number[] = [];

export function alpacaBroker(stub: AlpacaStub, overrides: Partial<AlpacaConfig> = {}, http: HttpPort = fetchHttpPort): AlpacaBroker {
	const sleep = async (ms: number): Promise<void> => {
		sleeps.push(ms);
	};
	return new AlpacaBroker(http, { keyId: KEY_ID, secretKey: SECRET_KEY, environment: 'paper', baseUrl: stub.baseUrl, ...overrides }, { sleep });
}

/** A market buy of 10 AAPL, gtc, with no extras; tests spread what they need over it. */
export function intent(overrides: Partial<OrderIntent> = {}): OrderIntent {
	return marketOrderIntent({ clientOrderId: CLIENT_ID, ...overrides });
}

export function placeContext(broker: AlpacaBroker, retry: RetryPolicy = RETRY): PlaceOnceContext {
	return { broker, journal: noopOrderJournal, scope: 'wf1/node1', retry, sleep: async () => {} };
}

/** The POST /v2/orders bodies the stub received, in order. */
export function orderBodies(stub: AlpacaStub): unknown[] {
	return stub.requests.filter((request) => request.method === 'POST' && request.path === '/v2/orders').map((request) => request.body);
}
