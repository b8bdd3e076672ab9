import type { OrderIntent } from '../../../core/brokers/broker';
import type { HttpPort } from '../../../core/brokers/http-port';
import { OandaBroker } from '../../../core/brokers/oanda/oanda-broker';
import type { PlaceOnceContext } from '../../../core/order/place-once';
import { marketOrderIntent } from '../../support/order-intents';
import { noopOrderJournal } from '../../support/order-journals';
import { fetchHttpPort } from '../harness/fetch-http-port';
import { type OandaStub, type OandaStubOptions, startOandaStub } from './oanda-stub';

export const CLIENT_ID = 'tv-0123456789abcdef0123456789ab';

/** A market buy of 100 EURUSD, gtc; tests spread what they need over it. */
export function intent(overrides: Partial<OrderIntent> = {}): OrderIntent {
	return marketOrderIntent({ clientOrderId: CLIENT_ID, symbol: 'EURUSD', quantity: 100, ...overrides });
}

export function brokerFor(stub: OandaStub, overrides: { accessToken?: string; accountId?: string; http?: HttpPort } = {}): OandaBroker {
	return new OandaBroker(overrides.http ?? fetchHttpPort, {
		accessToken: overrides.accessToken ?? stub.token,
		accountId: overrides.accountId ?? stub.accountId,
		environment: 'practice',
		baseUrl: stub.url,
	});
}

/** A stub per test, closed after it. */
export function useOandaStub(options: OandaStubOptions = {}): { stub: () => OandaStub; broker: () => OandaBroker } {
	let current: OandaStub | null = null;
	let broker: OandaBroker | null = null;
	beforeEach(async () => {
		current = await startOandaStub(options);
		broker = brokerFor(current);
	});
	afterEach(async () => {
		await current?.close();
		current = null;
	});
	return {
		stub: () => {
			if (!current) throw new Error('the stub is not running');
			return current;
		},
		broker: () => {
			if (!broker) throw new Error('the stub is not running');
			return broker;
		},
	};
}

export function placeOnceContext(broker: OandaBroker): PlaceOnceContext {
	return {
		broker,
		journal: noopOrderJournal,
		scope: 'wf1/node1',
		retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 1 },
		sleep: async () => {},
	};
}

/** The stub's two ways OANDA is documented / reported to treat client ids. */
export const CLIENT_ID_MODES = [
	['as the brief describes OANDA (any-state lookup, every reuse refused)', {}],
	[
		'as OANDA documents and is reported to behave (pending-only lookup and uniqueness)',
		{ clientIdLookup: 'pending-only', clientIdUniqueness: 'pending-only' },
	],
] as const satisfies ReadonlyArray<readonly [string, OandaStubOptions]>;
