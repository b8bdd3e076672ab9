import type { OrderIntent } from '../../../core/brokers/broker';
import { type BybitConfig, createBybitBroker } from '../../../core/brokers/bybit/bybit-broker';
import type { CcxtBroker } from '../../../core/brokers/ccxt/ccxt-broker';
import { marketOrderIntent } from '../../support/order-intents';
import { expectNoSecret } from '../harness/no-secret';
import { BybitStub } from './bybit-stub';

export const API_KEY = 'test-only-bybit-api-key-not-real';
export const SECRET = 'test-only-bybit-secret-not-real';
export const CLIENT_ID = 'tv-0123456789abcdef0123456789ab';

export async function startBybitStub(): Promise<BybitStub> {
	return await BybitStub.start({ apiKey: API_KEY, secret: SECRET });
}

export function bybitBroker(stub: BybitStub, overrides: Partial<BybitConfig> = {}): CcxtBroker {
	return createBybitBroker({ apiKey: API_KEY, secret: SECRET, environment: 'testnet', positionMode: 'one-way', baseUrl: stub.baseUrl, ...overrides });
}

/** A market buy of 0.01 BTCUSDT.P, gtc, with no extras; tests spread what they need over it. */
export function intent(overrides: Partial<OrderIntent> = {}): OrderIntent {
	return marketOrderIntent({ clientOrderId: CLIENT_ID, symbol: 'BYBIT:BTCUSDT.P', quantity: 0.01, ...overrides });
}

/** Neither the API key nor the secret may appear in a message, in details, or anywhere in the error's JSON. */
/** Neither the API key nor the secret (nor OKX's passphrase) may appear anywhere in the error. */
export function expectNoCredential(error: Error): void {
	expectNoSecret(error, [SECRET, API_KEY]);
}
