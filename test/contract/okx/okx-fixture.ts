import type { OrderIntent } from '../../../core/brokers/broker';
import type { CcxtBroker } from '../../../core/brokers/ccxt/ccxt-broker';
import { createOkxBroker, type OkxConfig } from '../../../core/brokers/okx/okx-broker';
import { marketOrderIntent } from '../../support/order-intents';
import { expectNoSecret } from '../harness/no-secret';
import { OkxStub, type OkxStubOptions } from './okx-stub';

export const API_KEY = 'test-only-okx-api-key-not-real';
export const SECRET = 'test-only-okx-secret-not-real';
export const PASSPHRASE = 'test-only-okx-passphrase';
export const CLIENT_ID = 'tv-0123456789abcdef0123456789ab';
/** CLIENT_ID as OKX takes it: letters and digits only. */
export const CL_ORD_ID = 'tv0123456789abcdef0123456789ab';

export async function startOkxStub(options: Partial<OkxStubOptions> = {}): Promise<OkxStub> {
	return await OkxStub.start({ apiKey: API_KEY, secret: SECRET, passphrase: PASSPHRASE, demo: true, ...options });
}

export function okxBroker(stub: OkxStub, overrides: Partial<OkxConfig> = {}): CcxtBroker {
	return createOkxBroker({
		apiKey: API_KEY,
		secret: SECRET,
		passphrase: PASSPHRASE,
		environment: 'demo',
		positionMode: 'one-way',
		marginMode: 'cross',
		baseUrl: stub.baseUrl,
		...overrides,
	});
}

/** A market buy of 0.01 BTC (1 contract of BTC-USDT-SWAP) as OKX:BTCUSDT.P; tests spread what they need over it. */
export function intent(overrides: Partial<OrderIntent> = {}): OrderIntent {
	return marketOrderIntent({ clientOrderId: CLIENT_ID, symbol: 'OKX:BTCUSDT.P', quantity: 0.01, ...overrides });
}

/** Neither the API key nor the secret (nor OKX's passphrase) may appear anywhere in the error. */
export function expectNoCredential(error: Error): void {
	expectNoSecret(error, [SECRET, API_KEY, PASSPHRASE]);
}
