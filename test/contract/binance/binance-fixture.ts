import type { BrokerError } from '../../../core/brokers/broker-errors';
import type { OrderIntent } from '../../../core/brokers/broker';
import { type BinanceConfig, createBinanceBroker } from '../../../core/brokers/binance/binance-broker';
import type { CcxtBroker, CcxtBrokerOptions } from '../../../core/brokers/ccxt/ccxt-broker';
import type { PlaceOnceContext } from '../../../core/order/place-once';
import type { RetryPolicy } from '../../../core/order/retry-policy';
import { marketOrderIntent } from '../../support/order-intents';
import { noopOrderJournal } from '../../support/order-journals';
import { BinanceStub, type BinanceStubOptions, type StubRequest } from './binance-stub';

export const API_KEY = 'test-only-binance-api-key-not-real';
export const SECRET_KEY = 'test-only-binance-secret-key-not-real';
export const CLIENT_ID = 'tv-0123456789abcdef0123456789ab';
export const RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8_000 };

export async function startStub(options: Partial<BinanceStubOptions> = {}): Promise<BinanceStub> {
	return await BinanceStub.start({ apiKey: API_KEY, secretKey: SECRET_KEY, ...options });
}

export function binanceBroker(stub: BinanceStub, overrides: Partial<BinanceConfig> = {}, options: CcxtBrokerOptions = {}): CcxtBroker {
	return createBinanceBroker(
		{ apiKey: API_KEY, secretKey: SECRET_KEY, environment: 'testnet', market: 'spot', baseUrl: stub.baseUrl, ...overrides },
		options,
	);
}

/** A market buy of 0.001 BTCUSDT, gtc, with no extras; tests spread what they need over it. */
export function intent(overrides: Partial<OrderIntent> = {}): OrderIntent {
	return marketOrderIntent({ clientOrderId: CLIENT_ID, symbol: 'BTCUSDT', quantity: 0.001, ...overrides });
}

export function placeContext(broker: CcxtBroker, retry: RetryPolicy = RETRY): PlaceOnceContext {
	return { broker, journal: noopOrderJournal, scope: 'wf1/node1', retry, sleep: async () => {} };
}

/** Neither the API key nor the secret may appear in a message, in details, or anywhere in the error's JSON. */
export function expectNoCredential(error: Error): void {
	const seen = [error.message, String(error), error.stack ?? '', JSON.stringify(error), JSON.stringify((error as BrokerError).details ?? {})];
	for (const text of seen) {
		expect(text).not.toContain(SECRET_KEY);
		expect(text).not.toContain(API_KEY);
		expect(text).not.toMatch(/signature=/);
	}
}

/** "METHOD /path" of every request the stub received, in order. */
export function calls(stub: BinanceStub): string[] {
	return stub.requests.map((request) => `${request.method} ${request.path}`);
}

/** The parameters of the orders POSTed, in order, without the signing ones. */
export function orderParams(stub: BinanceStub): Record<string, string>[] {
	return stub.orderPosts().map(withoutSigning);
}

export function withoutSigning(request: StubRequest): Record<string, string> {
	const { timestamp: _timestamp, recvWindow: _recvWindow, signature: _signature, ...rest } = request.params;
	return rest;
}
