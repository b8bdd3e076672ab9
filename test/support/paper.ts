import type { OrderIntent } from '../../core/brokers/broker';
import type { PaperStore } from '../../core/ledger/paper-book';
import { PaperBroker, type PaperBrokerOptions } from '../../core/brokers/paper/paper-broker';
import { marketOrderIntent } from './order-intents';

export const T0 = new Date('2024-03-01T12:00:00.000Z');

/** A market buy of 10 AAPL with no alert; tests spread what they need over it. */
export function paperIntent(overrides: Partial<OrderIntent> = {}): OrderIntent {
	return marketOrderIntent({ clientOrderId: 'tv-1', alertId: null, ...overrides });
}

/** A Paper broker on `store` whose clock stands still at T0. */
export function paperBrokerOn(store: PaperStore, options: Omit<PaperBrokerOptions, 'now'>): PaperBroker {
	return new PaperBroker(store, { ...options, now: () => T0 });
}
