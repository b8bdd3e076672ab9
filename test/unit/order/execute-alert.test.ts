import type { BrokerCapabilities, BrokerOrder } from '../../../core/brokers/broker';
import { InvalidOrderError } from '../../../core/brokers/broker-errors';
import type { ApprovalEnvelope } from '../../../core/order/approval-envelope';
import { clientOrderIdFor } from '../../../core/order/client-order-id';
import { executeAlert } from '../../../core/order/execute-alert';
import { FAKE_BROKER, FakeBroker } from './fake-broker';
import { ALERT_ID, alertInput, NOW_ISO, orderHarness, orderIntent, orderSettings, SCOPE } from './order-fixture';

const OPEN_ID = clientOrderIdFor(SCOPE, ALERT_ID, 'open');
const CLOSE_ID = clientOrderIdFor(SCOPE, ALERT_ID, 'close');
const TARGET_ID = clientOrderIdFor(SCOPE, ALERT_ID, 'target');
const REDUCE_ID = clientOrderIdFor(SCOPE, ALERT_ID, 'reduce');

/** A fake broker that, like the Paper broker, learns prices from alerts. */
class PriceObservingBroker extends FakeBroker {
	override readonly capabilities: BrokerCapabilities = { ...new FakeBroker().capabilities, fillsAtReportedPrices: true };
	readonly marks: Array<[string, number]> = [];

	async markPrice(symbol: string, price: number): Promise<BrokerOrder[]> {
		this.marks.push([symbol, price]);
		return [];
	}
}

describe('executeAlert: dry run', () => {
	const preview = (intent: object) => ({ method: 'POST', path: '/fake/orders', body: intent });

	it('returns the exact intents and the broker requests, places nothing and journals each as dry_run', async () => {
		const { broker, journal, executeContext } = orderHarness();
		broker.setPosition('AAPL', 5);

		const result = await executeAlert(
			alertInput({ action: 'sell', quantity: 2, price: 150 }),
			orderSettings({ reverse: true }),
			executeContext(true),
		);

		const close = orderIntent({ clientOrderId: CLOSE_ID, side: 'sell', quantity: 5, reduceOnly: true, referencePrice: 150 });
		const open = orderIntent({ clientOrderId: OPEN_ID, side: 'sell', quantity: 2, referencePrice: 150 });
		expect(result).toEqual({
			ok: true,
			value: {
				note: 'reverse: close the AAPL position of 5, then sell 2',
				drift: null,
				role: 'entry',
				clampedToApproval: [],
				dryRun: true,
				orders: [
					{ leg: 'close', clientOrderId: CLOSE_ID, request: close, brokerRequest: preview(close), order: null, alreadyPlaced: false },
					{ leg: 'open', clientOrderId: OPEN_ID, request: open, brokerRequest: preview(open), order: null, alreadyPlaced: false },
				],
				canceled: [],
				stopsMoved: [],
				filledByPrice: [],
				turn: null,
				exitConfirmedBy: null,
				unfilledMarketOrders: null,
			},
		});
		expect(broker.placeCalls).toHaveLength(0);
		expect(broker.previewCalls).toEqual([close, open]);
		expect(broker.orders.size).toBe(0);
		expect(broker.positionOf('AAPL')).toBe(5);
		const base = { at: NOW_ISO, scope: SCOPE, broker: FAKE_BROKER, alertId: ALERT_ID };
		expect(journal.events).toEqual([
			{ id: 1, ...base, clientOrderId: CLOSE_ID, kind: 'dry_run', detail: { request: close, brokerRequest: preview(close) } },
			{ id: 2, ...base, clientOrderId: OPEN_ID, kind: 'dry_run', detail: { request: open, brokerRequest: preview(open) } },
		]);
	});

	it('cancels nothing on a cancel alert', async () => {
		const { broker, journal, executeContext } = orderHarness();
		broker.seedOrder(orderIntent({ clientOrderId: 'tv-resting', type: 'limit', limitPrice: 90 }));

		const result = await executeAlert(alertInput({ action: 'cancel' }), orderSettings(), executeContext(true));

		expect(result).toEqual({
			ok: true,
			value: { note: 'cancel open AAPL orders', drift: null, role: 'exit', clampedToApproval: [], dryRun: true, orders: [], canceled: [], stopsMoved: [], filledByPrice: [], turn: null, exitConfirmedBy: null, unfilledMarketOrders: null },
		});
		expect(broker.cancelCalls).toEqual([]);
		expect((await broker.listOpenOrders('AAPL')).map((order) => order.clientOrderId)).toEqual(['tv-resting']);
		expect(journal.events).toEqual([]);
	});

	it('does not feed the alert price to a price-observing broker', async () => {
		const broker = new PriceObservingBroker();
		const { executeContext } = orderHarness(undefined, broker);

		await executeAlert(alertInput({ action: 'buy', quantity: 1, price: 150 }), orderSettings(), executeContext(true));

		expect(broker.marks).toEqual([]);
	});
});

describe('executeAlert', () => {
	beforeEach(() => {
		jest.spyOn(Math, 'random').mockReturnValue(0.5);
	});

	afterEach(() => {
		jest.restoreAllMocks();
	});

	it('places each leg once, in plan order, and returns what the broker answered', async () => {
		const { broker, journal, executeContext } = orderHarness();
		broker.setPosition('AAPL', 5);

		const result = await executeAlert(alertInput({ action: 'sell', quantity: 2 }), orderSettings({ reverse: true }), executeContext(false));

		expect(result.ok).toBe(true);
		const execution = result.ok ? result.value : null;
		expect(execution?.note).toBe('reverse: close the AAPL position of 5, then sell 2');
		expect(execution?.dryRun).toBe(false);
		expect(execution?.orders.map(({ leg, clientOrderId, alreadyPlaced, order }) => ({ leg, clientOrderId, alreadyPlaced, status: order?.status }))).toEqual([
			{ leg: 'close', clientOrderId: CLOSE_ID, alreadyPlaced: false, status: 'filled' },
			{ leg: 'open', clientOrderId: OPEN_ID, alreadyPlaced: false, status: 'filled' },
		]);
		expect(broker.placeCalls.map((call) => [call.clientOrderId, call.side, call.quantity, call.reduceOnly])).toEqual([
			[CLOSE_ID, 'sell', 5, true],
			[OPEN_ID, 'sell', 2, false],
		]);
		expect(broker.positionOf('AAPL')).toBe(-2);
		expect(journal.kinds()).toEqual(['attempt', 'placed', 'attempt', 'placed']);
	});

	it('cancels only the open orders of the alert\'s symbol', async () => {
		const { broker, executeContext } = orderHarness();
		broker.seedOrder(orderIntent({ clientOrderId: 'tv-aapl-1', type: 'limit', limitPrice: 90 }));
		broker.seedOrder(orderIntent({ clientOrderId: 'tv-msft-1', symbol: 'MSFT', type: 'limit', limitPrice: 300 }));
		broker.seedOrder(orderIntent({ clientOrderId: 'tv-aapl-2', side: 'sell', type: 'stop', stopPrice: 80 }));
		broker.seedOrder(orderIntent({ clientOrderId: 'tv-aapl-filled' }));

		const result = await executeAlert(alertInput({ action: 'cancel' }), orderSettings(), executeContext(false));

		expect(result.ok && result.value.canceled.map((order) => [order.clientOrderId, order.status])).toEqual([
			['tv-aapl-1', 'canceled'],
			['tv-aapl-2', 'canceled'],
		]);
		expect(result.ok && result.value.orders).toEqual([]);
		expect(broker.cancelCalls).toEqual(['tv-aapl-1', 'tv-aapl-2']);
		expect((await broker.listOpenOrders()).map((order) => order.clientOrderId)).toEqual(['tv-msft-1']);
		expect(broker.orders.get('tv-aapl-filled')?.status).toBe('filled');
		expect(broker.placeCalls).toEqual([]);
	});

	it('returns a planning failure without calling the broker to place anything', async () => {
		const { broker, journal, executeContext } = orderHarness();

		const result = await executeAlert(alertInput({ action: 'buy', quantity: 1, alertId: null }), orderSettings(), executeContext(false));

		expect(result).toEqual({ ok: false, failure: expect.objectContaining({ code: 'missing_field', field: 'alertId' }) });
		expect(broker.placeCalls).toEqual([]);
		expect(journal.events).toEqual([]);
	});

	it('fails loudly, never silently, when the broker rejects the order', async () => {
		const { broker, journal, executeContext } = orderHarness();
		broker.failNextPlaceOrders(1, () => new InvalidOrderError('market is closed', { broker: FAKE_BROKER }));

		await expect(executeAlert(alertInput({ action: 'buy', quantity: 1 }), orderSettings(), executeContext(false))).rejects.toThrow(
			'market is closed',
		);
		expect(journal.kinds()).toEqual(['attempt', 'failed']);
	});

	it('sizes from the broker\'s equity and moves to a target from the broker\'s position', async () => {
		const { broker, executeContext } = orderHarness();
		broker.equity = 20_000;
		broker.setPosition('AAPL', 5);

		const sized = await executeAlert(
			alertInput({ action: 'buy', price: 50 }),
			orderSettings({ sizingMode: 'percentOfEquity', sizingValue: 10 }),
			executeContext(false),
		);
		const target = await executeAlert(
			alertInput({ alertId: 'alert-2', action: 'sell', targetPosition: 2, prevTargetPosition: 45 }),
			orderSettings({ targetPositionMode: true }),
			executeContext(false),
		);

		expect(sized.ok && sized.value.orders.map((order) => order.request.quantity)).toEqual([40]);
		expect(target.ok && target.value.orders.map((order) => [order.request.side, order.request.quantity])).toEqual([['sell', 43]]);
		expect(target.ok && target.value.drift).toBeNull();
		expect(broker.positionOf('AAPL')).toBe(2);
		expect(broker.accountCalls).toBe(1);
	});

	it('feeds the alert price to a price-observing broker before placing', async () => {
		const broker = new PriceObservingBroker();
		const { executeContext } = orderHarness(undefined, broker);

		await executeAlert(alertInput({ action: 'buy', quantity: 1, price: 150 }), orderSettings(), executeContext(false));

		expect(broker.marks).toEqual([['AAPL', 150]]);
	});

	it('feeds no price to a broker whose capabilities do not say it fills at reported prices, whatever methods it has', async () => {
		const broker = new PriceObservingBroker();
		Object.defineProperty(broker, 'capabilities', { value: { ...broker.capabilities, fillsAtReportedPrices: false } });
		const { executeContext } = orderHarness(undefined, broker);

		await executeAlert(alertInput({ action: 'buy', quantity: 1, price: 150 }), orderSettings(), executeContext(false));

		expect(broker.marks).toEqual([]);
	});
});

describe('executeAlert: a retried execution never orders twice', () => {
	beforeEach(() => {
		jest.spyOn(Math, 'random').mockReturnValue(0.5);
	});

	afterEach(() => {
		jest.restoreAllMocks();
	});

	it('a second execution of the same alert places nothing new and reports alreadyPlaced', async () => {
		const { broker, executeContext } = orderHarness();
		const input = alertInput({ action: 'buy', quantity: 3 });

		const first = await executeAlert(input, orderSettings(), executeContext(false));
		const second = await executeAlert(input, orderSettings(), executeContext(false));

		expect(first.ok && first.value.orders.map((order) => order.alreadyPlaced)).toEqual([false]);
		expect(second.ok && second.value.orders.map((order) => [order.clientOrderId, order.alreadyPlaced])).toEqual([[OPEN_ID, true]]);
		expect(second.ok && second.value.orders[0].order).toEqual(first.ok && first.value.orders[0].order);
		expect(broker.orders.size).toBe(1);
		expect(broker.positionOf('AAPL')).toBe(3);
	});

	it('a resting limit order is found again, not doubled', async () => {
		const { broker, executeContext } = orderHarness();
		const input = alertInput({ action: 'buy', quantity: 3, orderType: 'limit', limitPrice: 90 });

		await executeAlert(input, orderSettings(), executeContext(false));
		const second = await executeAlert(input, orderSettings(), executeContext(false));

		expect(second.ok && second.value.orders.map((order) => [order.alreadyPlaced, order.order?.status])).toEqual([[true, 'new']]);
		expect(await broker.listOpenOrders('AAPL')).toHaveLength(1);
	});

	it('a reversal executed twice closes once and opens once', async () => {
		const { broker, executeContext } = orderHarness();
		broker.setPosition('AAPL', 5);
		const input = alertInput({ action: 'sell', quantity: 2 });

		await executeAlert(input, orderSettings({ reverse: true }), executeContext(false));
		const second = await executeAlert(input, orderSettings({ reverse: true }), executeContext(false));

		expect(second.ok && second.value.orders.map((order) => [order.leg, order.alreadyPlaced])).toEqual([['open', true]]);
		expect([...broker.orders.keys()]).toEqual([CLOSE_ID, OPEN_ID]);
		expect(broker.positionOf('AAPL')).toBe(-2);
	});

	it('a reversal whose exit fills after the first run gave up: the re-run finds the exit and sends the entry once', async () => {
		const { broker, executeContext } = orderHarness();
		broker.fillMarketOrders = false;
		broker.setPosition('AAPL', 5);
		const input = alertInput({ action: 'sell', quantity: 2 });

		const first = await executeAlert(input, orderSettings({ reverse: true }), executeContext(false)).catch((caught: unknown) => caught);
		expect((first as Error).message).toMatch(/^The reversal's entry was not sent: the exit order/);
		expect(broker.orders.size).toBe(1);
		// The broker fills the exit late; the alert runs again (a resend, or recovery).
		const exit = [...broker.orders.values()][0];
		Object.assign(exit, { status: 'filled', filledQuantity: exit.quantity });
		broker.setPosition('AAPL', 0);
		const second = await executeAlert(input, orderSettings({ reverse: true }), executeContext(false));

		// Planned from the flat position the exit left: only the entry, with the same client order id.
		expect(second.ok && second.value.orders.map((order) => [order.leg, order.clientOrderId, order.alreadyPlaced])).toEqual([['open', OPEN_ID, false]]);
		expect(broker.orders.size).toBe(2);
	});

	it('an exit executed twice closes once', async () => {
		const { broker, executeContext } = orderHarness();
		broker.setPosition('AAPL', 5);

		await executeAlert(alertInput({ action: 'exit' }), orderSettings(), executeContext(false));
		const second = await executeAlert(alertInput({ action: 'exit' }), orderSettings(), executeContext(false));

		expect(second).toEqual({
			ok: true,
			value: { note: 'no open AAPL position to close', drift: null, role: 'exit', clampedToApproval: [], dryRun: false, orders: [], canceled: [], stopsMoved: [], filledByPrice: [], turn: null, exitConfirmedBy: null, unfilledMarketOrders: null },
		});
		expect([...broker.orders.keys()]).toEqual([CLOSE_ID]);
		expect(broker.positionOf('AAPL')).toBe(0);
	});

	it('a target-position alert executed twice moves the position once', async () => {
		const { broker, executeContext } = orderHarness();
		broker.setPosition('AAPL', 5);
		const input = alertInput({ action: 'sell', targetPosition: 2 });

		await executeAlert(input, orderSettings({ targetPositionMode: true }), executeContext(false));
		await executeAlert(input, orderSettings({ targetPositionMode: true }), executeContext(false));

		// Shrinking on the same side is a reduce leg now (reduce-only), not a target leg.
		expect([...broker.orders.keys()]).toEqual([REDUCE_ID]);
		expect(broker.orders.get(REDUCE_ID)?.side).toBe('sell');
		expect(broker.placeCalls.map((call) => call.reduceOnly)).toEqual([true]);
		expect(broker.positionOf('AAPL')).toBe(2);
	});

	it('the same alert at another Broker Order node is another order', async () => {
		const { broker, executeContext } = orderHarness();
		const input = alertInput({ action: 'buy', quantity: 1 });

		await executeAlert(input, orderSettings(), executeContext(false));
		const other = await executeAlert(input, orderSettings(), { ...executeContext(false), scope: 'wf1/node2' });

		expect(other.ok && other.value.orders.map((order) => order.alreadyPlaced)).toEqual([false]);
		expect(broker.orders.size).toBe(2);
	});
});

describe('executeAlert: the new plans, carried out', () => {
	beforeEach(() => {
		jest.spyOn(Math, 'random').mockReturnValue(0.5);
	});

	afterEach(() => {
		jest.restoreAllMocks();
	});

	it('a partial exit sells that much, reduce-only, and reports role exit', async () => {
		const { broker, executeContext } = orderHarness();
		broker.setPosition('AAPL', 10);

		const result = await executeAlert(alertInput({ action: 'exit', quantity: 0.1 }), orderSettings(), executeContext(false));

		expect(result.ok && result.value.role).toBe('exit');
		expect(result.ok && result.value.note).toBe('close 0.1 of the AAPL position of 10');
		expect(broker.placeCalls.map((call) => [call.clientOrderId, call.side, call.quantity, call.reduceOnly])).toEqual([[CLOSE_ID, 'sell', 0.1, true]]);
		expect(broker.positionOf('AAPL')).toBe(9.9);
	});

	it('"sell 1000, flat" on a flat account sends nothing', async () => {
		const { broker, journal, executeContext } = orderHarness();

		const result = await executeAlert(alertInput({ action: 'sell', quantity: 1000, targetPosition: 0 }), orderSettings(), executeContext(false));

		expect(result).toEqual({
			ok: true,
			value: { note: 'no open AAPL position to close', drift: null, role: 'exit', clampedToApproval: [], dryRun: false, orders: [], canceled: [], stopsMoved: [], filledByPrice: [], turn: null, exitConfirmedBy: null, unfilledMarketOrders: null },
		});
		expect(broker.placeCalls).toEqual([]);
		expect(journal.events).toEqual([]);
		expect(broker.positionOf('AAPL')).toBe(0);
	});

	it('target-position mode through zero sends a reduce-only close, then the target leg', async () => {
		const { broker, executeContext } = orderHarness();
		broker.setPosition('AAPL', 3);

		const result = await executeAlert(alertInput({ action: 'sell', targetPosition: -2 }), orderSettings({ targetPositionMode: true }), executeContext(false));

		expect(result.ok && result.value.role).toBe('entry');
		expect(broker.placeCalls.map((call) => [call.clientOrderId, call.side, call.quantity, call.reduceOnly])).toEqual([
			[CLOSE_ID, 'sell', 3, true],
			[TARGET_ID, 'sell', 2, false],
		]);
		expect(broker.positionOf('AAPL')).toBe(-2);
	});

	it('a strategy reduce shrinks the broker position by the same fraction', async () => {
		const { broker, executeContext } = orderHarness();
		broker.setPosition('AAPL', 8);

		const result = await executeAlert(
			alertInput({ action: 'sell', quantity: 5, targetPosition: 5, prevTargetPosition: 10 }),
			orderSettings(),
			executeContext(false),
		);

		expect(result.ok && result.value.orders.map((order) => [order.leg, order.request.side, order.request.quantity, order.request.reduceOnly])).toEqual([
			['reduce', 'sell', 4, true],
		]);
		expect(broker.positionOf('AAPL')).toBe(4);
	});
});

describe('executeAlert: with the approval envelope from Risk Check', () => {
	beforeEach(() => {
		jest.spyOn(Math, 'random').mockReturnValue(0.5);
	});

	afterEach(() => {
		jest.restoreAllMocks();
	});

	/** An entry envelope for AAPL / alert-1: buy at most 5, refuse more, no position limit. */
	function envelope(overrides: Partial<ApprovalEnvelope> = {}): ApprovalEnvelope {
		return {
			symbol: 'AAPL',
			alertId: ALERT_ID,
			role: 'entry',
			openSide: 'buy',
			maxOpenQuantity: 5,
			maxAbsPosition: null,
			onExcess: 'refuse',
			planned: [{ leg: 'open', side: 'buy', quantity: 5, reduceOnly: false }],
			...overrides,
		};
	}

	const exitEnvelope = () => envelope({ role: 'exit', openSide: null, maxOpenQuantity: null, planned: [] });

	it('sends the plan as it is when it fits', async () => {
		const { broker, executeContext } = orderHarness();

		const result = await executeAlert(alertInput({ action: 'buy', quantity: 5 }), orderSettings(), { ...executeContext(false), envelope: envelope() });

		expect(result.ok && result.value.clampedToApproval).toEqual([]);
		expect(result.ok && result.value.role).toBe('entry');
		expect(broker.placeCalls.map((call) => [call.clientOrderId, call.side, call.quantity])).toEqual([[OPEN_ID, 'buy', 5]]);
	});

	it('an envelope built from the same plan lets a reversal through', async () => {
		const { broker, executeContext } = orderHarness();
		broker.setPosition('AAPL', 5);
		const reverse = envelope({
			openSide: 'sell',
			maxOpenQuantity: 2,
			maxAbsPosition: 10,
			planned: [
				{ leg: 'close', side: 'sell', quantity: 5, reduceOnly: true },
				{ leg: 'open', side: 'sell', quantity: 2, reduceOnly: false },
			],
		});

		const result = await executeAlert(alertInput({ action: 'sell', quantity: 2 }), orderSettings({ reverse: true }), { ...executeContext(false), envelope: reverse });

		expect(result.ok).toBe(true);
		expect(broker.placeCalls.map((call) => [call.clientOrderId, call.side, call.quantity, call.reduceOnly])).toEqual([
			[CLOSE_ID, 'sell', 5, true],
			[OPEN_ID, 'sell', 2, false],
		]);
		expect(broker.positionOf('AAPL')).toBe(-2);
	});

	it('refuses another symbol with outside_approval, sending and journalling nothing', async () => {
		const { broker, journal, executeContext } = orderHarness();

		const result = await executeAlert(alertInput({ action: 'buy', quantity: 1, symbol: 'MSFT' }), orderSettings(), {
			...executeContext(false),
			envelope: envelope(),
		});

		expect(result).toEqual({
			ok: false,
			failure: {
				code: 'outside_approval',
				field: 'risk',
				message: 'Risk Check approved AAPL, not MSFT: nothing was sent (Broker Order never sends a leg outside what Risk Check approved)',
			},
		});
		expect(broker.placeCalls).toEqual([]);
		expect(journal.events).toEqual([]);
	});

	it('refuses another alert id with outside_approval', async () => {
		const { broker, executeContext } = orderHarness();

		const result = await executeAlert(alertInput({ action: 'buy', quantity: 1, alertId: 'alert-2' }), orderSettings(), {
			...executeContext(false),
			envelope: envelope(),
		});

		expect(!result.ok && result.failure).toEqual(expect.objectContaining({ code: 'outside_approval', field: 'risk' }));
		expect(!result.ok && result.failure.message).toMatch(/approved alert alert-1, not alert-2/);
		expect(broker.placeCalls).toEqual([]);
	});

	it('an exit envelope refuses a plan that now opens (the position went flat, "sell 1" would open a short)', async () => {
		const { broker, executeContext } = orderHarness();

		const result = await executeAlert(alertInput({ action: 'sell', quantity: 1 }), orderSettings(), { ...executeContext(false), envelope: exitEnvelope() });

		expect(!result.ok && result.failure.code).toBe('outside_approval');
		expect(!result.ok && result.failure.message).toMatch(/approved this alert as an exit.*sells 1 to open or add/);
		expect(broker.placeCalls).toEqual([]);
		expect(broker.positionOf('AAPL')).toBe(0);
	});

	it('an exit envelope refuses the opening leg of a reversal, sending not even its close', async () => {
		const { broker, executeContext } = orderHarness();
		broker.setPosition('AAPL', 5);

		const result = await executeAlert(alertInput({ action: 'sell', quantity: 2 }), orderSettings({ reverse: true }), {
			...executeContext(false),
			envelope: exitEnvelope(),
		});

		expect(!result.ok && result.failure.code).toBe('outside_approval');
		expect(broker.placeCalls).toEqual([]);
		expect(broker.positionOf('AAPL')).toBe(5);
	});

	it('an exit envelope lets an exit through, reporting role exit', async () => {
		const { broker, executeContext } = orderHarness();
		broker.setPosition('AAPL', 5);

		const result = await executeAlert(alertInput({ action: 'exit' }), orderSettings(), { ...executeContext(false), envelope: exitEnvelope() });

		expect(result.ok && result.value.role).toBe('exit');
		expect(broker.placeCalls.map((call) => [call.side, call.quantity, call.reduceOnly])).toEqual([['sell', 5, true]]);
		expect(broker.positionOf('AAPL')).toBe(0);
	});

	it('refuses an opening leg above the approved size when the envelope says refuse', async () => {
		const { broker, executeContext } = orderHarness();

		const result = await executeAlert(alertInput({ action: 'buy', quantity: 50 }), orderSettings(), { ...executeContext(false), envelope: envelope() });

		expect(!result.ok && result.failure).toEqual(expect.objectContaining({ code: 'outside_approval', field: 'risk' }));
		expect(!result.ok && result.failure.message).toMatch(/buy of 50 is above the 5 Risk Check approved/);
		expect(broker.placeCalls).toEqual([]);
	});

	it('lowers an opening leg to the approved size when the envelope says clamp, and reports it', async () => {
		const { broker, journal, executeContext } = orderHarness();

		const result = await executeAlert(alertInput({ action: 'buy', quantity: 50 }), orderSettings(), {
			...executeContext(false),
			envelope: envelope({ onExcess: 'clamp' }),
		});

		expect(result.ok && result.value.clampedToApproval).toEqual(['open: 50 → 5']);
		expect(result.ok && result.value.orders.map((order) => [order.leg, order.request.quantity, order.order?.quantity])).toEqual([['open', 5, 5]]);
		expect(broker.placeCalls.map((call) => call.quantity)).toEqual([5]);
		expect(journal.kinds()).toEqual(['attempt', 'placed']);
		expect(broker.positionOf('AAPL')).toBe(5);
	});

	it('clamps down to the node\'s quantity step', async () => {
		const { broker, executeContext } = orderHarness();

		const result = await executeAlert(alertInput({ action: 'buy', quantity: 50 }), orderSettings({ quantityStep: 0.5 }), {
			...executeContext(false),
			envelope: envelope({ onExcess: 'clamp', maxOpenQuantity: 4.9 }),
		});

		expect(result.ok && result.value.clampedToApproval).toEqual(['open: 50 → 4.5']);
		expect(broker.placeCalls.map((call) => call.quantity)).toEqual([4.5]);
	});

	it('a dry run previews the clamped leg', async () => {
		const { broker, executeContext } = orderHarness();

		const result = await executeAlert(alertInput({ action: 'buy', quantity: 50 }), orderSettings(), {
			...executeContext(true),
			envelope: envelope({ onExcess: 'clamp' }),
		});

		expect(result.ok && result.value.clampedToApproval).toEqual(['open: 50 → 5']);
		expect(broker.previewCalls.map((call) => call.quantity)).toEqual([5]);
		expect(broker.placeCalls).toEqual([]);
	});

	it('a dry run outside the envelope fails the same way and previews nothing', async () => {
		const { broker, journal, executeContext } = orderHarness();

		const result = await executeAlert(alertInput({ action: 'buy', quantity: 50 }), orderSettings(), { ...executeContext(true), envelope: envelope() });

		expect(!result.ok && result.failure.code).toBe('outside_approval');
		expect(broker.previewCalls).toEqual([]);
		expect(journal.events).toEqual([]);
	});

	it('refuses a leg that takes the position now beyond Max Position per Symbol', async () => {
		const { broker, executeContext } = orderHarness();
		// Risk Check approved buying 5 from flat; the position grew to 8 before Broker Order ran.
		broker.setPosition('AAPL', 8);

		const result = await executeAlert(alertInput({ action: 'buy', quantity: 5 }), orderSettings(), {
			...executeContext(false),
			envelope: envelope({ maxAbsPosition: 10 }),
		});

		expect(!result.ok && result.failure.code).toBe('outside_approval');
		expect(!result.ok && result.failure.message).toMatch(/position would be 13 \(now 8\); Max Position per Symbol is 10/);
		expect(broker.placeCalls).toEqual([]);
		expect(broker.positionCalls).toEqual(['AAPL']);
	});

	it('reads the position once, for the plan and the envelope check together', async () => {
		const { broker, executeContext } = orderHarness();
		broker.setPosition('AAPL', 5);

		await executeAlert(alertInput({ action: 'exit' }), orderSettings(), { ...executeContext(false), envelope: exitEnvelope() });

		expect(broker.positionCalls).toEqual(['AAPL']);
	});

	it('without an envelope (null) checks nothing: an over-size leg is sent as planned', async () => {
		const { broker, executeContext } = orderHarness();

		const result = await executeAlert(alertInput({ action: 'buy', quantity: 50 }), orderSettings(), { ...executeContext(false), envelope: null });

		expect(result.ok && result.value.clampedToApproval).toEqual([]);
		expect(broker.placeCalls.map((call) => call.quantity)).toEqual([50]);
		expect(broker.positionCalls).toEqual([]);
	});

	it('a planning failure comes before the envelope check', async () => {
		const { broker, executeContext } = orderHarness();

		const result = await executeAlert(alertInput({ action: 'buy' }), orderSettings(), { ...executeContext(false), envelope: envelope() });

		expect(!result.ok && result.failure.code).toBe('quantity_missing');
		expect(broker.positionCalls).toEqual([]);
	});
});
