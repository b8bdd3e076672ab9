import type { BrokerOrder } from '../../../core/brokers/broker';
import type { AlertOrderStore } from '../../../core/ledger/alert-order';
import { type OrderView, viewStore } from '../../support/alert-order-views';
import { clientOrderIdFor } from '../../../core/order/client-order-id';
import { executeAlert } from '../../../core/order/execute-alert';
import { ExitNotFilledError, NotSentError, PartiallyPlacedError } from '../../../core/order/placement-errors';
import { FakeBroker } from './fake-broker';
import { ALERT_ID, alertInput, orderHarness, orderSettings, SCOPE } from './order-fixture';

const OPEN_ID = clientOrderIdFor(SCOPE, ALERT_ID, 'open');
const CLOSE_ID = clientOrderIdFor(SCOPE, ALERT_ID, 'close');

/** A broker that leaves market orders open and fills them when told (or after some look-ups). */
class SlowFillBroker extends FakeBroker {
	/** Look-ups of an order before the broker fills it; Infinity: never. */
	fillAfterLookups = 2;
	/** Fill into the position but leave the order's status as it was (a late status feed). */
	positionOnly = false;
	/** What the order of each id looked like when the next order was placed. */
	readonly statusesAtPlace: Array<Record<string, string>> = [];
	private readonly lookups = new Map<string, number>();

	constructor() {
		super();
		this.fillMarketOrders = false;
	}

	override async placeOrder(intent: Parameters<FakeBroker['placeOrder']>[0]): Promise<BrokerOrder> {
		this.statusesAtPlace.push(Object.fromEntries([...this.orders].map(([id, order]) => [id, order.status])));
		return await super.placeOrder(intent);
	}

	override async getOrderByClientId(clientOrderId: string): Promise<BrokerOrder | null> {
		const count = (this.lookups.get(clientOrderId) ?? 0) + 1;
		this.lookups.set(clientOrderId, count);
		const order = this.orders.get(clientOrderId);
		if (order && order.status === 'new' && count >= this.fillAfterLookups) this.fill(order);
		return await super.getOrderByClientId(clientOrderId);
	}

	cancel(clientOrderId: string): void {
		const order = this.orders.get(clientOrderId);
		if (order) order.status = 'canceled';
	}

	fill(order: BrokerOrder): void {
		if (!this.positionOnly) {
			order.status = 'filled';
			order.filledQuantity = order.quantity;
		}
		this.setPosition(order.symbol, this.positionOf(order.symbol) + (order.side === 'buy' ? order.quantity : -order.quantity));
	}
}

describe("executeAlert: a reversal's entry waits for its exit's fill", () => {
	it('sends the entry only once the exit order reads back filled', async () => {
		const broker = new SlowFillBroker();
		const { executeContext } = orderHarness(undefined, broker);
		broker.setPosition('AAPL', 5);

		const result = await executeAlert(alertInput({ action: 'sell', quantity: 2 }), orderSettings({ reverse: true }), executeContext(false));

		expect(result.ok && result.value.exitConfirmedBy).toBe('order');
		expect(broker.placeCalls.map((call) => call.clientOrderId)).toEqual([CLOSE_ID, OPEN_ID]);
		// When the entry went out, the exit was filled.
		expect(broker.statusesAtPlace[1]).toEqual({ [CLOSE_ID]: 'filled' });
		expect(broker.positionOf('AAPL')).toBe(0);
		expect(broker.orders.get(OPEN_ID)?.status).toBe('new');
	});

	it('takes the position read back flat as the fill when the order status lags', async () => {
		const broker = new SlowFillBroker();
		broker.positionOnly = true;
		const { executeContext } = orderHarness(undefined, broker);
		broker.setPosition('AAPL', 5);

		const result = await executeAlert(alertInput({ action: 'sell', quantity: 2 }), orderSettings({ reverse: true }), executeContext(false));

		expect(result.ok && result.value.exitConfirmedBy).toBe('position');
		expect(broker.placeCalls.map((call) => call.clientOrderId)).toEqual([CLOSE_ID, OPEN_ID]);
	});

	it('does not send the entry when the exit is not filled within 15 s, and says the exit exists', async () => {
		const broker = new SlowFillBroker();
		broker.fillAfterLookups = Number.POSITIVE_INFINITY;
		const { executeContext, sleeps } = orderHarness(undefined, broker);
		broker.setPosition('AAPL', 5);

		const error = await executeAlert(alertInput({ action: 'sell', quantity: 2 }), orderSettings({ reverse: true }), executeContext(false)).catch((caught: unknown) => caught);

		expect(error).toBeInstanceOf(PartiallyPlacedError);
		expect((error as PartiallyPlacedError).placedClientOrderIds).toEqual([CLOSE_ID]);
		expect((error as PartiallyPlacedError).cause).toBeInstanceOf(ExitNotFilledError);
		expect((error as Error).message).toBe(
			`The reversal's entry was not sent: the exit order ${CLOSE_ID} was not confirmed filled within 15 s (status new, position 5) (after placing ${CLOSE_ID})`,
		);
		expect(broker.placeCalls.map((call) => call.clientOrderId)).toEqual([CLOSE_ID]);
		expect(sleeps.reduce((sum, ms) => sum + ms, 0)).toBe(15_000);
	});

	it('stops at once when the exit order is canceled', async () => {
		const broker = new SlowFillBroker();
		broker.fillAfterLookups = Number.POSITIVE_INFINITY;
		const { executeContext } = orderHarness(undefined, broker);
		broker.setPosition('AAPL', 5);
		const original = broker.getOrderByClientId.bind(broker);
		broker.getOrderByClientId = async (id) => {
			broker.cancel(id);
			return await original(id);
		};

		const error = await executeAlert(alertInput({ action: 'sell', quantity: 2 }), orderSettings({ reverse: true }), executeContext(false)).catch((caught: unknown) => caught);

		expect(((error as PartiallyPlacedError).cause as Error).message).toBe(
			`The reversal's entry was not sent: the exit order ${CLOSE_ID} ended canceled with 0 of 5 filled`,
		);
		expect(broker.placeCalls).toHaveLength(1);
	});

	it('does not wait when the exit fills at once (Paper, most market orders)', async () => {
		const { broker, executeContext } = orderHarness();
		broker.setPosition('AAPL', 5);
		const result = await executeAlert(alertInput({ action: 'sell', quantity: 2 }), orderSettings({ reverse: true }), executeContext(false));
		expect(result.ok && result.value.exitConfirmedBy).toBe('order');
		expect(broker.lookupCalls).toEqual([]);
	});
});

describe('executeAlert: alerts for a symbol in acceptance order', () => {
	function scriptedStore(views: OrderView[]) {
		const scripted = viewStore(() => views[0] ?? { ahead: [], laterOrdered: [] });
		const asked: string[] = [];
		const store: AlertOrderStore = {
			...scripted.store,
			async alertsAhead(alertId, heldSince, node) {
				asked.push(alertId);
				const answer = await scripted.store.alertsAhead(alertId, heldSince, node);
				views.shift();
				return answer;
			},
		};
		return { store, asked };
	}

	it('waits for the earlier alert before planning and sending, and reports the turn', async () => {
		const { broker, executeContext } = orderHarness();
		const earlier = { alertId: 'earlier', acceptedAt: new Date().toISOString() };
		const { store, asked } = scriptedStore([
			{ ahead: [earlier], laterOrdered: [] },
			{ ahead: [earlier], laterOrdered: [] },
			{ ahead: [], laterOrdered: [] },
		]);
		const positionCallsAtStart: number[] = [];
		store.alertsAhead = ((original) => async (...args: Parameters<AlertOrderStore['alertsAhead']>) => {
			positionCallsAtStart.push(broker.positionCalls.length + broker.placeCalls.length);
			return await original(...args);
		})(store.alertsAhead.bind(store));

		const result = await executeAlert(alertInput({ action: 'buy', quantity: 1 }), orderSettings(), {
			...executeContext(false),
			alertOrder: { store, maxWaitMs: 30_000 },
		});

		expect(asked).toEqual([ALERT_ID, ALERT_ID, ALERT_ID]);
		// Nothing was read from or sent to the broker while waiting.
		expect(positionCallsAtStart).toEqual([0, 0, 0]);
		expect(result.ok && result.value.turn).toEqual({ waitedMs: 200, waitedFor: ['earlier'], wentAheadOf: [], laterAlreadyOrdered: [] });
		expect(broker.placeCalls).toHaveLength(1);
		expect(result.ok && result.value.unfilledMarketOrders).toEqual([]);
	});

	it("in alert order, waits for its market orders to fill before the next alert's turn, and names one that does not", async () => {
		const broker = new SlowFillBroker();
		const { executeContext } = orderHarness(undefined, broker);
		const { store } = scriptedStore([]);
		const filled = await executeAlert(alertInput({ action: 'buy', quantity: 1 }), orderSettings(), { ...executeContext(false), alertOrder: { store, maxWaitMs: 30_000 } });
		expect(filled.ok && [filled.value.unfilledMarketOrders, broker.orders.get(OPEN_ID)?.status]).toEqual([[], 'filled']);

		const never = new SlowFillBroker();
		never.fillAfterLookups = Number.POSITIVE_INFINITY;
		const harness = orderHarness(undefined, never);
		const unfilled = await executeAlert(alertInput({ action: 'buy', quantity: 1 }), orderSettings(), { ...harness.executeContext(false), alertOrder: { store, maxWaitMs: 30_000 } });
		expect(unfilled.ok && unfilled.value.unfilledMarketOrders).toEqual([OPEN_ID]);
		expect(harness.sleeps.reduce((sum, ms) => sum + ms, 0)).toBe(15_000);
	});

	it('does not wait in a dry run, and sends nothing when the ledger cannot tell its turn', async () => {
		const dry = orderHarness();
		const { store, asked } = scriptedStore([]);
		await executeAlert(alertInput({ action: 'buy', quantity: 1 }), orderSettings(), { ...dry.executeContext(true), alertOrder: { store, maxWaitMs: 30_000 } });
		expect(asked).toEqual([]);

		const { broker, executeContext } = orderHarness();
		const failing: AlertOrderStore = {
			async isSequenced() {
				throw new Error('connection refused');
			},
			async alertsAhead() {
				return [];
			},
			async laterOrdered() {
				return [];
			},
		};
		const error = await executeAlert(alertInput({ action: 'buy', quantity: 1 }), orderSettings(), {
			...executeContext(false),
			alertOrder: { store: failing, maxWaitMs: 30_000 },
		}).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NotSentError);
		expect((error as Error).message).toBe(
			"the alert's turn among earlier alerts for its symbol could not be read from the ledger: connection refused. Nothing was sent to the broker.",
		);
		expect(broker.placeCalls).toEqual([]);
	});
});
