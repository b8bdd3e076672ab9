import type { OrderIntent } from '../../../core/brokers/broker';
import { clientOrderIdFor } from '../../../core/order/client-order-id';
import type { AlertOrderInput } from '../../../core/order/order-input';
import { type AlertPlan, type PlanContext, type PlanStep, planAlertOrders } from '../../../core/order/plan-alert-orders';
import { marketOrderIntent } from '../../support/order-intents';
import { ALERT_ID, alertInput, CLIENT_ORDER_ID, orderSettings, SCOPE } from './order-fixture';

const OPEN_ID = clientOrderIdFor(SCOPE, ALERT_ID, 'open');
const CLOSE_ID = clientOrderIdFor(SCOPE, ALERT_ID, 'close');
const TARGET_ID = clientOrderIdFor(SCOPE, ALERT_ID, 'target');

/** A plan context over fixed positions and equity that counts what it is asked. */
function planContext(positions: Record<string, number> = {}, equity = 10_000) {
	const calls = { position: [] as string[], equity: 0 };
	const context: PlanContext = {
		scope: SCOPE,
		position: async (symbol) => {
			calls.position.push(symbol);
			return positions[symbol] ?? 0;
		},
		equity: async () => {
			calls.equity++;
			return equity;
		},
	};
	return { context, calls };
}

/** The intent the planner builds for AAPL with nothing but side and quantity. */
function marketIntent(clientOrderId: string, side: OrderIntent['side'], quantity: number, reduceOnly = false): OrderIntent {
	return marketOrderIntent({ clientOrderId, side, quantity, reduceOnly, alertId: ALERT_ID });
}

async function planOf(
	input: Partial<AlertOrderInput>,
	settings: Parameters<typeof orderSettings>[0] = {},
	positions: Record<string, number> = {},
): Promise<AlertPlan> {
	const planned = await planAlertOrders(alertInput(input), orderSettings(settings), planContext(positions).context);
	if (!planned.ok) throw new Error(`expected a plan, got ${JSON.stringify(planned.failure)}`);
	return planned.value;
}

const placeStep = (leg: 'open' | 'close' | 'target', intent: OrderIntent): PlanStep => ({ kind: 'place', leg, intent });

describe('planAlertOrders: opening alerts', () => {
	it('buy: one open market buy of the alert quantity, with a deterministic client order id', async () => {
		const { context, calls } = planContext({ AAPL: 0 });

		const planned = await planAlertOrders(alertInput({ action: 'buy', quantity: 2 }), orderSettings(), context);

		expect(planned).toEqual({
			ok: true,
			value: { steps: [placeStep('open', marketIntent(OPEN_ID, 'buy', 2))], note: 'buy 2 AAPL', drift: null },
		});
		expect(OPEN_ID).toMatch(CLIENT_ORDER_ID);
		expect(calls).toEqual({ position: [], equity: 0 });
	});

	it('sell: one open market sell, whatever the side field says', async () => {
		const plan = await planOf({ action: 'sell', side: 'buy', quantity: 3 });

		expect(plan.steps).toEqual([placeStep('open', marketIntent(OPEN_ID, 'sell', 3))]);
		expect(plan.note).toBe('sell 3 AAPL');
	});

	it('add: takes its side from the input', async () => {
		expect((await planOf({ action: 'add', side: 'buy', quantity: 1 })).steps).toEqual([placeStep('open', marketIntent(OPEN_ID, 'buy', 1))]);
		expect((await planOf({ action: 'add', side: 'sell', quantity: 1 })).steps).toEqual([placeStep('open', marketIntent(OPEN_ID, 'sell', 1))]);
	});

	it('add without a side fails with side_unknown and asks for nothing', async () => {
		const { context, calls } = planContext();

		const planned = await planAlertOrders(alertInput({ action: 'add', quantity: 1 }), orderSettings(), context);

		expect(planned).toEqual({
			ok: false,
			failure: {
				code: 'side_unknown',
				field: 'side',
				message: 'an "add" alert needs a side (or a sentiment) to know which way to add',
			},
		});
		expect(calls).toEqual({ position: [], equity: 0 });
	});

	it('passes sizing failures through', async () => {
		const planned = await planAlertOrders(alertInput({ action: 'buy' }), orderSettings(), planContext().context);

		expect(!planned.ok && planned.failure.code).toBe('quantity_missing');
	});

	it('sizes with the node\'s sizing mode and quantity step', async () => {
		const { context, calls } = planContext({}, 20_000);

		const planned = await planAlertOrders(
			alertInput({ action: 'buy', price: 30 }),
			orderSettings({ sizingMode: 'percentOfEquity', sizingValue: 10, quantityStep: 1 }),
			context,
		);

		// 20000 × 10% / 30 = 66.67 → 66.
		expect(planned.ok && planned.value.steps).toEqual([placeStep('open', { ...marketIntent(OPEN_ID, 'buy', 66), referencePrice: 30 })]);
		expect(calls.equity).toBe(1);
	});

	it('carries a limit order\'s fields, its time in force and its bracket prices', async () => {
		const plan = await planOf({
			action: 'buy',
			quantity: 5,
			orderType: 'limit',
			price: 101,
			limitPrice: 100,
			timeInForce: 'day',
			takeProfitPrice: 110,
			stopLossPrice: 95,
		});

		expect(plan.steps).toEqual([
			placeStep('open', {
				clientOrderId: OPEN_ID,
				symbol: 'AAPL',
				side: 'buy',
				quantity: 5,
				type: 'limit',
				limitPrice: 100,
				stopPrice: null,
				timeInForce: 'day',
				takeProfitPrice: 110,
				stopLossPrice: 95,
				reduceOnly: false,
				referencePrice: 101,
				alertId: ALERT_ID,
			}),
		]);
	});

	it('carries a stop-limit order\'s stop price and no reference price when the alert has none (a paper order then rests)', async () => {
		const plan = await planOf({ action: 'sell', quantity: 1, orderType: 'stop_limit', stopPrice: 90, limitPrice: 89.5 });

		expect(plan.steps).toEqual([
			placeStep('open', { ...marketIntent(OPEN_ID, 'sell', 1), type: 'stop_limit', stopPrice: 90, limitPrice: 89.5, referencePrice: null }),
		]);
	});

	it('falls back to the node\'s default time in force', async () => {
		const plan = await planOf({ action: 'buy', quantity: 1 }, { defaultTimeInForce: 'ioc' });

		expect(plan.steps).toEqual([placeStep('open', { ...marketIntent(OPEN_ID, 'buy', 1), timeInForce: 'ioc' })]);
	});
});

describe('planAlertOrders: exits and cancels', () => {
	it('exit with a long position: one reduce-only market sell of the whole position', async () => {
		const { context, calls } = planContext({ AAPL: 5 });

		const planned = await planAlertOrders(alertInput({ action: 'exit' }), orderSettings(), context);

		expect(planned).toEqual({
			ok: true,
			value: { steps: [placeStep('close', marketIntent(CLOSE_ID, 'sell', 5, true))], note: 'close the AAPL position of 5', drift: null },
		});
		expect(calls).toEqual({ position: ['AAPL'], equity: 0 });
	});

	it('exit with a short position: one reduce-only market buy of its size', async () => {
		const plan = await planOf({ action: 'exit' }, {}, { AAPL: -3.5 });

		expect(plan).toEqual({
			steps: [placeStep('close', marketIntent(CLOSE_ID, 'buy', 3.5, true))],
			note: 'close the AAPL position of -3.5',
			drift: null,
		});
	});

	it('exit with no position: no steps, and a note that says why', async () => {
		expect(await planOf({ action: 'exit' }, {}, { MSFT: 7 })).toEqual({ steps: [], note: 'no open AAPL position to close', drift: null });
	});

	it('exit ignores the alert quantity and sizing: it closes the whole position', async () => {
		const plan = await planOf({ action: 'exit', quantity: 1 }, { sizingMode: 'fixed', sizingValue: 2 }, { AAPL: 5 });

		expect(plan.steps).toEqual([placeStep('close', marketIntent(CLOSE_ID, 'sell', 5, true))]);
	});

	it('sentiment flat closes the position whatever the action', async () => {
		const plan = await planOf({ action: 'buy', sentiment: 'flat', quantity: 1 }, {}, { AAPL: -2 });

		expect(plan.steps).toEqual([placeStep('close', marketIntent(CLOSE_ID, 'buy', 2, true))]);
	});

	it('sentiment flat closes even in target-position mode without a target position', async () => {
		const plan = await planOf({ action: 'sell', sentiment: 'flat' }, { targetPositionMode: true }, { AAPL: 4 });

		expect(plan.steps).toEqual([placeStep('close', marketIntent(CLOSE_ID, 'sell', 4, true))]);
	});

	it('closing legs never carry limit, stop or bracket prices, however the alert asks', async () => {
		const plan = await planOf(
			{
				action: 'exit',
				orderType: 'limit',
				price: 100,
				limitPrice: 99,
				stopPrice: 98,
				timeInForce: 'day',
				takeProfitPrice: 120,
				stopLossPrice: 90,
			},
			{},
			{ AAPL: 5 },
		);

		expect(plan.steps).toEqual([
			placeStep('close', { ...marketIntent(CLOSE_ID, 'sell', 5, true), timeInForce: 'day', referencePrice: 100 }),
		]);
	});

	it('cancel: one cancel step for the symbol, asking for neither position nor equity', async () => {
		const { context, calls } = planContext({ AAPL: 5 });

		const planned = await planAlertOrders(alertInput({ action: 'cancel', quantity: 1 }), orderSettings({ reverse: true }), context);

		expect(planned).toEqual({
			ok: true,
			value: { steps: [{ kind: 'cancel_open_orders', symbol: 'AAPL' }], note: 'cancel open AAPL orders', drift: null },
		});
		expect(calls).toEqual({ position: [], equity: 0 });
	});
});

describe('planAlertOrders: reverse', () => {
	it('on, selling against a long: closes the long with a reduce-only market order, then opens the short', async () => {
		const plan = await planOf(
			{ action: 'sell', quantity: 2, orderType: 'limit', limitPrice: 99, takeProfitPrice: 90, stopLossPrice: 105 },
			{ reverse: true },
			{ AAPL: 5 },
		);

		expect(plan).toEqual({
			steps: [
				placeStep('close', { ...marketIntent(CLOSE_ID, 'sell', 5, true), referencePrice: null }),
				placeStep('open', {
					...marketIntent(OPEN_ID, 'sell', 2),
					type: 'limit',
					limitPrice: 99,
					takeProfitPrice: 90,
					stopLossPrice: 105,
					referencePrice: null,
				}),
			],
			note: 'reverse: close the AAPL position of 5, then sell 2',
			drift: null,
		});
		expect(CLOSE_ID).not.toBe(OPEN_ID);
		expect(CLOSE_ID).toMatch(CLIENT_ORDER_ID);
	});

	it('on, buying against a short: closes the short, then opens the long', async () => {
		const plan = await planOf({ action: 'buy', quantity: 1 }, { reverse: true }, { AAPL: -4 });

		expect(plan.steps).toEqual([
			placeStep('close', marketIntent(CLOSE_ID, 'buy', 4, true)),
			placeStep('open', marketIntent(OPEN_ID, 'buy', 1)),
		]);
	});

	it('on, adding in the direction of the position: opens only', async () => {
		expect((await planOf({ action: 'buy', quantity: 1 }, { reverse: true }, { AAPL: 4 })).steps).toEqual([
			placeStep('open', marketIntent(OPEN_ID, 'buy', 1)),
		]);
		expect((await planOf({ action: 'sell', quantity: 1 }, { reverse: true }, { AAPL: 0 })).steps).toEqual([
			placeStep('open', marketIntent(OPEN_ID, 'sell', 1)),
		]);
	});

	it('off, selling against a long: opens only, without asking for the position', async () => {
		const { context, calls } = planContext({ AAPL: 5 });

		const planned = await planAlertOrders(alertInput({ action: 'sell', quantity: 2 }), orderSettings({ reverse: false }), context);

		expect(planned.ok && planned.value.steps).toEqual([placeStep('open', marketIntent(OPEN_ID, 'sell', 2))]);
		expect(calls.position).toEqual([]);
	});

	it('on, does not close the position when the opening leg cannot be sized', async () => {
		const planned = await planAlertOrders(alertInput({ action: 'sell' }), orderSettings({ reverse: true }), planContext({ AAPL: 5 }).context);

		expect(planned).toEqual({ ok: false, failure: expect.objectContaining({ code: 'quantity_missing' }) });
	});
});

describe('planAlertOrders: target-position mode', () => {
	const target = { targetPositionMode: true };

	it('long 5 → target 2 sells 3 on the target leg, reduce-only', async () => {
		const { context, calls } = planContext({ AAPL: 5 });

		const planned = await planAlertOrders(alertInput({ action: 'sell', targetPosition: 2, prevTargetPosition: 5 }), orderSettings(target), context);

		expect(planned).toEqual({
			ok: true,
			value: { steps: [placeStep('target', marketIntent(TARGET_ID, 'sell', 3, true))], note: 'move the AAPL position from 5 to 2', drift: null },
		});
		expect(TARGET_ID).toMatch(CLIENT_ORDER_ID);
		expect(calls).toEqual({ position: ['AAPL'], equity: 0 });
	});

	it('short 4 → target 0 buys 4, reduce-only', async () => {
		const plan = await planOf({ action: 'buy', targetPosition: 0 }, target, { AAPL: -4 });

		expect(plan.steps).toEqual([placeStep('target', marketIntent(TARGET_ID, 'buy', 4, true))]);
		expect(plan.note).toBe('move the AAPL position from -4 to 0');
	});

	it('long 3 → target -2 sells 5 in one order, not reduce-only (it opens a short)', async () => {
		const plan = await planOf({ action: 'sell', targetPosition: -2 }, target, { AAPL: 3 });

		expect(plan.steps).toEqual([placeStep('target', marketIntent(TARGET_ID, 'sell', 5))]);
	});

	it('ignores the alert quantity and the sizing mode', async () => {
		const plan = await planOf({ action: 'buy', quantity: 100, targetPosition: 3 }, { ...target, sizingMode: 'fixed', sizingValue: 50 }, { AAPL: 1 });

		expect(plan.steps).toEqual([placeStep('target', marketIntent(TARGET_ID, 'buy', 2))]);
	});

	it('already at the target: no steps, and a note that says so', async () => {
		expect(await planOf({ action: 'buy', targetPosition: 2, prevTargetPosition: 2 }, target, { AAPL: 2 })).toEqual({
			steps: [],
			note: 'already at the target AAPL position of 2',
			drift: null,
		});
	});

	it('a difference below one quantity step is no order', async () => {
		const plan = await planOf({ action: 'buy', targetPosition: 2.0004 }, { ...target, quantityStep: 0.001 }, { AAPL: 2 });

		expect(plan.steps).toEqual([]);
	});

	it('rounds the difference down to the quantity step, free of binary residue', async () => {
		const plan = await planOf({ action: 'buy', targetPosition: 0.3 }, { ...target, quantityStep: 0.1 }, { AAPL: 0.1 + 0.2 - 0.3 + 0.1 });

		expect(plan.steps).toEqual([placeStep('target', marketIntent(TARGET_ID, 'buy', 0.2))]);
	});

	it('reports drift when the broker\'s position is not the strategy\'s previous one', async () => {
		const plan = await planOf({ action: 'sell', targetPosition: 2, prevTargetPosition: 3 }, target, { AAPL: 5 });

		expect(plan.drift).toEqual({ expectedPosition: 3, brokerPosition: 5 });
		expect(plan.steps).toEqual([placeStep('target', marketIntent(TARGET_ID, 'sell', 3, true))]);
	});

	it('reports drift even when already at the target', async () => {
		const plan = await planOf({ action: 'buy', targetPosition: 2, prevTargetPosition: 0 }, target, { AAPL: 2 });

		expect(plan).toEqual({ steps: [], note: 'already at the target AAPL position of 2', drift: { expectedPosition: 0, brokerPosition: 2 } });
	});

	it('reports no drift when the alert has no previous position', async () => {
		expect((await planOf({ action: 'buy', targetPosition: 2 }, target, { AAPL: 7 })).drift).toBeNull();
	});

	it('fails with missing_field when the alert has no target position, before asking the broker', async () => {
		const { context, calls } = planContext({ AAPL: 5 });

		const planned = await planAlertOrders(alertInput({ action: 'buy', quantity: 1 }), orderSettings(target), context);

		expect(planned).toEqual({ ok: false, failure: expect.objectContaining({ code: 'missing_field', field: 'targetPosition' }) });
		expect(calls.position).toEqual([]);
	});

	it('exit still closes the whole position', async () => {
		const plan = await planOf({ action: 'exit', targetPosition: 2 }, target, { AAPL: 5 });

		expect(plan.steps).toEqual([placeStep('close', marketIntent(CLOSE_ID, 'sell', 5, true))]);
	});
});

describe('planAlertOrders: required fields', () => {
	it.each([
		['alertId', 'an alert id is required: it makes the client order id that prevents double orders'],
		['symbol', 'a symbol is required'],
		['action', 'an action is required: buy, sell, add, exit or cancel'],
	] as const)('fails with missing_field when %s is missing, asking the broker nothing', async (field, message) => {
		const { context, calls } = planContext({ AAPL: 5 });

		const planned = await planAlertOrders(alertInput({ quantity: 1, [field]: null }), orderSettings(), context);

		expect(planned).toEqual({ ok: false, failure: { code: 'missing_field', field, message } });
		expect(calls).toEqual({ position: [], equity: 0 });
	});

	it('reports the alert id first when everything is missing', async () => {
		const planned = await planAlertOrders(alertInput({ alertId: null, symbol: null, action: null }), orderSettings(), planContext().context);

		expect(!planned.ok && planned.failure.field).toBe('alertId');
	});

	it('uses the scope and the alert id in every client order id', async () => {
		const other = await planAlertOrders(
			alertInput({ action: 'buy', quantity: 1 }),
			orderSettings(),
			{ ...planContext().context, scope: 'wf1/node2' },
		);
		const otherAlert = await planOf({ alertId: 'alert-2', action: 'buy', quantity: 1 });

		const id = other.ok && other.value.steps[0].kind === 'place' ? other.value.steps[0].intent.clientOrderId : null;
		expect(id).toBe(clientOrderIdFor('wf1/node2', ALERT_ID, 'open'));
		expect(id).not.toBe(OPEN_ID);
		expect(otherAlert.steps).toEqual([placeStep('open', { ...marketIntent(clientOrderIdFor(SCOPE, 'alert-2', 'open'), 'buy', 1), alertId: 'alert-2' })]);
	});
});
