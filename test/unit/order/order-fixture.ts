import type { OrderIntent } from '../../../core/brokers/broker';
import type { ExecuteAlertContext } from '../../../core/order/execute-alert';
import type { AlertOrderInput, OrderSettings } from '../../../core/order/order-input';
import type { PlaceOnceContext } from '../../../core/order/place-once';
import type { RetryPolicy } from '../../../core/order/retry-policy';
import { marketOrderIntent } from '../../support/order-intents';
import { FakeBroker, MemoryOrderJournal } from './fake-broker';

export const SCOPE = 'wf1/node1';
export const ALERT_ID = 'alert-1';
export const NOW = new Date('2026-01-02T03:04:05.000Z');
export const NOW_ISO = '2026-01-02T03:04:05.000Z';
export const CLIENT_ORDER_ID = /^tv-[0-9a-f]{28}$/;
export const RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8_000 };

/** Every alert field null, with the few a test cares about spread over. */
export function alertInput(overrides: Partial<AlertOrderInput> = {}): AlertOrderInput {
	return {
		alertId: ALERT_ID,
		action: 'buy',
		side: null,
		sentiment: null,
		symbol: 'AAPL',
		quantity: null,
		quantityType: null,
		orderType: null,
		price: null,
		limitPrice: null,
		stopPrice: null,
		timeInForce: null,
		takeProfitPrice: null,
		takeProfitPercent: null,
		takeProfitAmount: null,
		stopLossPrice: null,
		stopLossPercent: null,
		stopLossAmount: null,
		stopLossType: null,
		targetPosition: null,
		prevTargetPosition: null,
		...overrides,
	};
}

export function orderSettings(overrides: Partial<OrderSettings> = {}): OrderSettings {
	return {
		sizingMode: 'alert',
		sizingValue: 0,
		quantityStep: 0,
		targetPositionMode: false,
		reverse: false,
		defaultTimeInForce: 'gtc',
		maxSizedQuantity: null,
		...overrides,
	};
}

/** A market buy of 1 AAPL with no extras; tests spread what they need over it. */
export function orderIntent(overrides: Partial<OrderIntent> = {}): OrderIntent {
	return marketOrderIntent({ clientOrderId: 'tv-00000000000000000000000000aa', quantity: 1, alertId: ALERT_ID, ...overrides });
}

export interface OrderHarness {
	broker: FakeBroker;
	journal: MemoryOrderJournal;
	/** Every delay placeOnce asked to sleep, in order. */
	sleeps: number[];
	context: PlaceOnceContext;
	executeContext: (dryRun: boolean) => ExecuteAlertContext;
}

/** A fake broker, an in-memory journal and a context that never really sleeps. */
export function orderHarness(retry: RetryPolicy = RETRY, broker: FakeBroker = new FakeBroker()): OrderHarness {
	const journal = new MemoryOrderJournal();
	const sleeps: number[] = [];
	const context: PlaceOnceContext = {
		broker,
		journal,
		scope: SCOPE,
		retry,
		now: () => NOW,
		sleep: async (ms) => {
			sleeps.push(ms);
		},
	};
	return { broker, journal, sleeps, context, executeContext: (dryRun) => ({ ...context, dryRun }) };
}
