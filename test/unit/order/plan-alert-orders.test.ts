import type { OrderIntent } from '../../../core/brokers/broker';
import { clientOrderIdFor } from '../../../core/order/client-order-id';
import type { AlertOrderInput } from '../../../core/order/order-input';
import { type AlertPlan, type PlanContext, type PlanStep, planAlertOrders } from '../../../core/order/plan-alert-orders';
import { marketOrderIntent } from '../../support/order-intents';
import { ALERT_ID, alertInput, CLIENT_ORDER_ID, orderSettings, SCOPE } from './order-fixture';

const OPEN_ID = clientOrderIdFor(SCOPE, ALERT_ID, 'open');
const CLOSE_ID = clientOrderIdFor(SCOPE, ALERT_ID, 'close');
const TARGET_ID = clientOrderIdFor(SCOPE, ALERT_ID, 'target');
const REDUCE_ID = clientOrderIdFor(SCOPE, ALERT_ID, 'reduce');

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

const placeStep = (leg: 'open' | 'close' | 'reduce' | 'target', intent: OrderIntent): PlanStep => ({ kind: 'place', leg, intent });

describe('planAlertOrders: opening alerts', () => {
	it('buy: one open market buy of the alert quantity, with a deterministic client order id', async () => {
		const { context, calls } = planContext({ AAPL: 0 });

		const planned = await planAlertOrders(alertInput({ action: 'buy', quantity: 2 }), orderSettings(), context);

		expect(planned).toEqual({
			ok: true,
			value: { steps: [placeStep('open', marketIntent(OPEN_ID, 'buy', 2))], note: 'buy 2 AAPL', drift: null, role: 'entry', position: null },
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
			value: {
				steps: [placeStep('close', marketIntent(CLOSE_ID, 'sell', 5, true))],
				note: 'close the AAPL position of 5',
				drift: null,
				role: 'exit',
				position: { before: 5, after: 0 },
			},
		});
		expect(calls).toEqual({ position: ['AAPL'], equity: 0 });
	});

	it('exit with a short position: one reduce-only market buy of its size', async () => {
		const plan = await planOf({ action: 'exit' }, {}, { AAPL: -3.5 });

		expect(plan).toEqual({
			steps: [placeStep('close', marketIntent(CLOSE_ID, 'buy', 3.5, true))],
			note: 'close the AAPL position of -3.5',
			drift: null,
			role: 'exit',
			position: { before: -3.5, after: 0 },
		});
	});

	it('exit with no position: no steps, role exit, and a note that says why', async () => {
		expect(await planOf({ action: 'exit' }, {}, { MSFT: 7 })).toEqual({
			steps: [],
			note: 'no open AAPL position to close',
			drift: null,
			role: 'exit',
			position: { before: 0, after: 0 },
		});
	});

	it('exit with a quantity and no position: no steps (a partial exit never opens)', async () => {
		const plan = await planOf({ action: 'exit', quantity: 3 }, {}, {});

		expect(plan).toEqual({ steps: [], note: 'no open AAPL position to close', drift: null, role: 'exit', position: { before: 0, after: 0 } });
	});

	it('exit with a quantity closes that much of the position (a partial exit), ignoring the sizing mode', async () => {
		const { context, calls } = planContext({ AAPL: 5 });

		const planned = await planAlertOrders(alertInput({ action: 'exit', quantity: 2 }), orderSettings({ sizingMode: 'fixed', sizingValue: 4 }), context);

		expect(planned).toEqual({
			ok: true,
			value: {
				steps: [placeStep('close', marketIntent(CLOSE_ID, 'sell', 2, true))],
				note: 'close 2 of the AAPL position of 5',
				drift: null,
				role: 'exit',
				position: { before: 5, after: 3 },
			},
		});
		expect(calls).toEqual({ position: ['AAPL'], equity: 0 });
	});

	it('regression: "exit 0.1" with a long of 10 sells 0.1 reduce-only, not the whole 10', async () => {
		const plan = await planOf({ action: 'exit', quantity: 0.1 }, { quantityStep: 0.001 }, { AAPL: 10 });

		expect(plan).toEqual({
			steps: [placeStep('close', marketIntent(CLOSE_ID, 'sell', 0.1, true))],
			note: 'close 0.1 of the AAPL position of 10',
			drift: null,
			role: 'exit',
			position: { before: 10, after: 9.9 },
		});
	});

	it('a partial exit of a short buys back that much, reduce-only', async () => {
		const plan = await planOf({ action: 'exit', quantity: 1.5 }, {}, { AAPL: -4 });

		expect(plan.steps).toEqual([placeStep('close', marketIntent(CLOSE_ID, 'buy', 1.5, true))]);
		expect(plan.position).toEqual({ before: -4, after: -2.5 });
		expect(plan.role).toBe('exit');
	});

	it('an exit quantity above the position closes the whole position, never more (never flips it)', async () => {
		const plan = await planOf({ action: 'exit', quantity: 12 }, {}, { AAPL: 5 });

		expect(plan.steps).toEqual([placeStep('close', marketIntent(CLOSE_ID, 'sell', 5, true))]);
		expect(plan.note).toBe('close the AAPL position of 5');
		expect(plan.position).toEqual({ before: 5, after: 0 });
	});

	it('an exit quantity equal to the position closes it all, with the whole-position note', async () => {
		const plan = await planOf({ action: 'exit', quantity: 5 }, {}, { AAPL: 5 });

		expect(plan.steps).toEqual([placeStep('close', marketIntent(CLOSE_ID, 'sell', 5, true))]);
		expect(plan.note).toBe('close the AAPL position of 5');
	});

	it('rounds a partial exit down to the quantity step', async () => {
		const plan = await planOf({ action: 'exit', quantity: 2.7 }, { quantityStep: 1 }, { AAPL: 5 });

		expect(plan.steps).toEqual([placeStep('close', marketIntent(CLOSE_ID, 'sell', 2, true))]);
		expect(plan.position).toEqual({ before: 5, after: 3 });
	});

	it('an exit quantity at or above the position closes the whole position, unrounded: no dust is left', async () => {
		const plan = await planOf({ action: 'exit', quantity: 12 }, { quantityStep: 1 }, { AAPL: 5.5 });

		expect(plan.steps).toEqual([placeStep('close', marketIntent(CLOSE_ID, 'sell', 5.5, true))]);
		expect(plan.note).toBe('close the AAPL position of 5.5');
	});

	it('a partial exit below one quantity step is no order, and says why', async () => {
		const plan = await planOf({ action: 'exit', quantity: 0.4 }, { quantityStep: 1 }, { AAPL: 5 });

		expect(plan).toEqual({
			steps: [],
			note: 'the exit quantity rounds down to 0 with quantity step 1',
			drift: null,
			role: 'exit',
			position: { before: 5, after: 5 },
		});
	});

	it('an exit without a quantity closes the whole position, not rounded to the step', async () => {
		const plan = await planOf({ action: 'exit' }, { quantityStep: 1 }, { AAPL: 5.5 });

		expect(plan.steps).toEqual([placeStep('close', marketIntent(CLOSE_ID, 'sell', 5.5, true))]);
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
			value: { steps: [{ kind: 'cancel_open_orders', symbol: 'AAPL' }], note: 'cancel open AAPL orders', drift: null, role: 'exit', position: null },
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
			role: 'entry',
			position: { before: 5, after: -2 },
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

	it('regression: on, long 10 and "sell 15": closes 10, then opens 15, leaving a short of 15', async () => {
		const plan = await planOf({ action: 'sell', quantity: 15 }, { reverse: true }, { AAPL: 10 });

		expect(plan).toEqual({
			steps: [placeStep('close', marketIntent(CLOSE_ID, 'sell', 10, true)), placeStep('open', marketIntent(OPEN_ID, 'sell', 15))],
			note: 'reverse: close the AAPL position of 10, then sell 15',
			drift: null,
			role: 'entry',
			position: { before: 10, after: -15 },
		});
	});

	it('on, reports the position it read even when there is nothing to close', async () => {
		const plan = await planOf({ action: 'buy', quantity: 1 }, { reverse: true }, { AAPL: 4 });

		expect(plan.position).toEqual({ before: 4, after: 5 });
		expect(plan.role).toBe('entry');
	});

	it('off, reports no position (it did not read one)', async () => {
		const plan = await planOf({ action: 'sell', quantity: 2 }, { reverse: false }, { AAPL: 5 });

		expect(plan.position).toBeNull();
		expect(plan.role).toBe('entry');
	});

	it('on, does not close the position when the opening leg cannot be sized', async () => {
		const planned = await planAlertOrders(alertInput({ action: 'sell' }), orderSettings({ reverse: true }), planContext({ AAPL: 5 }).context);

		expect(planned).toEqual({ ok: false, failure: expect.objectContaining({ code: 'quantity_missing' }) });
	});
});

describe('planAlertOrders: the strategy goes flat', () => {
	it('a target position of 0 closes the whole position whatever the action says, reduce-only', async () => {
		const { context, calls } = planContext({ AAPL: 5 });

		const planned = await planAlertOrders(alertInput({ action: 'buy', quantity: 7, targetPosition: 0, prevTargetPosition: 7 }), orderSettings(), context);

		expect(planned).toEqual({
			ok: true,
			value: {
				steps: [placeStep('close', marketIntent(CLOSE_ID, 'sell', 5, true))],
				note: 'close the AAPL position of 5',
				drift: null,
				role: 'exit',
				position: { before: 5, after: 0 },
			},
		});
		expect(calls).toEqual({ position: ['AAPL'], equity: 0 });
	});

	it('a target position of 0 closes a short with a reduce-only buy', async () => {
		const plan = await planOf({ action: 'buy', quantity: 1000, targetPosition: 0 }, {}, { AAPL: -3 });

		expect(plan.steps).toEqual([placeStep('close', marketIntent(CLOSE_ID, 'buy', 3, true))]);
	});

	it('regression: "sell 1000, target 0 (flat)" on a flat account is no order, never a short', async () => {
		const plan = await planOf({ action: 'sell', quantity: 1000, targetPosition: 0, prevTargetPosition: 1000 }, {}, {});

		expect(plan).toEqual({ steps: [], note: 'no open AAPL position to close', drift: null, role: 'exit', position: { before: 0, after: 0 } });
	});

	it('regression: "sell 10, flat" with a long of 5 sells 5 reduce-only, not 10', async () => {
		const bySentiment = await planOf({ action: 'sell', quantity: 10, sentiment: 'flat' }, {}, { AAPL: 5 });
		const byTarget = await planOf({ action: 'sell', quantity: 10, targetPosition: 0, prevTargetPosition: 10 }, {}, { AAPL: 5 });

		for (const plan of [bySentiment, byTarget]) {
			expect(plan.steps).toEqual([placeStep('close', marketIntent(CLOSE_ID, 'sell', 5, true))]);
			expect(plan.role).toBe('exit');
			expect(plan.position).toEqual({ before: 5, after: 0 });
		}
	});

	it('sentiment flat on a flat account is no order, whatever the action, side and quantity', async () => {
		const plan = await planOf({ action: 'sell', side: 'sell', quantity: 1000, sentiment: 'flat' }, {}, {});

		expect(plan.steps).toEqual([]);
		expect(plan.role).toBe('exit');
	});

	it('going flat does not size: no price or stop needed, equity never read', async () => {
		const { context, calls } = planContext({ AAPL: 2 });

		const planned = await planAlertOrders(
			alertInput({ action: 'buy', sentiment: 'flat' }),
			orderSettings({ sizingMode: 'riskPercent', sizingValue: 1 }),
			context,
		);

		expect(planned.ok && planned.value.steps).toEqual([placeStep('close', marketIntent(CLOSE_ID, 'sell', 2, true))]);
		expect(calls.equity).toBe(0);
	});

	it('going flat ignores the alert quantity (only an exit action closes part of a position)', async () => {
		const plan = await planOf({ action: 'sell', quantity: 2, sentiment: 'flat' }, {}, { AAPL: 5 });

		expect(plan.steps).toEqual([placeStep('close', marketIntent(CLOSE_ID, 'sell', 5, true))]);
	});

	it('the close of a flat alert carries none of the alert\'s limit, stop or bracket prices', async () => {
		const plan = await planOf(
			{ action: 'sell', targetPosition: 0, orderType: 'stop_limit', stopPrice: 90, limitPrice: 89, takeProfitPrice: 80, stopLossPrice: 110 },
			{},
			{ AAPL: 5 },
		);

		expect(plan.steps).toEqual([placeStep('close', marketIntent(CLOSE_ID, 'sell', 5, true))]);
	});
});

describe('planAlertOrders: the strategy reduces its position (not target-position mode)', () => {
	it('long 10 → 4 sells the same fraction (60 %) of the broker\'s long of 5, reduce-only', async () => {
		const { context, calls } = planContext({ AAPL: 5 });

		const planned = await planAlertOrders(
			alertInput({ action: 'sell', quantity: 6, targetPosition: 4, prevTargetPosition: 10 }),
			orderSettings(),
			context,
		);

		expect(planned).toEqual({
			ok: true,
			value: {
				steps: [placeStep('reduce', marketIntent(REDUCE_ID, 'sell', 3, true))],
				note: 'reduce the AAPL position of 5 by 3',
				drift: null,
				role: 'exit',
				position: { before: 5, after: 2 },
			},
		});
		expect(calls).toEqual({ position: ['AAPL'], equity: 0 });
	});

	it('short -4 → -1 buys back 75 % of the broker\'s short of 8', async () => {
		const plan = await planOf({ action: 'buy', quantity: 3, targetPosition: -1, prevTargetPosition: -4 }, {}, { AAPL: -8 });

		expect(plan.steps).toEqual([placeStep('reduce', marketIntent(REDUCE_ID, 'buy', 6, true))]);
		expect(plan.position).toEqual({ before: -8, after: -2 });
	});

	it('rounds the reduction down to the quantity step', async () => {
		// 10 × (1 − 1/3) = 6.67 → 6.
		const plan = await planOf({ action: 'sell', quantity: 2, targetPosition: 1, prevTargetPosition: 3 }, { quantityStep: 1 }, { AAPL: 10 });

		expect(plan.steps).toEqual([placeStep('reduce', marketIntent(REDUCE_ID, 'sell', 6, true))]);
	});

	it('a reduction below one quantity step is no order, and says why', async () => {
		// 1 × (1 − 9/10) = 0.1 → 0 with step 1.
		const plan = await planOf({ action: 'sell', quantity: 1, targetPosition: 9, prevTargetPosition: 10 }, { quantityStep: 1 }, { AAPL: 1 });

		expect(plan).toEqual({
			steps: [],
			note: 'reducing the AAPL position of 1 by 1 of 10 rounds down to 0',
			drift: null,
			role: 'exit',
			position: { before: 1, after: 1 },
		});
	});

	it('ignores the alert quantity and the sizing mode: never reads equity', async () => {
		const { context, calls } = planContext({ AAPL: 5 });

		const planned = await planAlertOrders(
			alertInput({ action: 'sell', quantity: 100, price: 50, targetPosition: 4, prevTargetPosition: 10 }),
			orderSettings({ sizingMode: 'percentOfEquity', sizingValue: 50 }),
			context,
		);

		expect(planned.ok && planned.value.steps).toEqual([placeStep('reduce', { ...marketIntent(REDUCE_ID, 'sell', 3, true), referencePrice: 50 })]);
		expect(calls.equity).toBe(0);
	});

	it('the reduce leg is a market order without the alert\'s limit, stop or bracket prices', async () => {
		const plan = await planOf(
			{ action: 'sell', quantity: 5, targetPosition: 5, prevTargetPosition: 10, orderType: 'limit', limitPrice: 101, takeProfitPrice: 90, stopLossPrice: 110 },
			{},
			{ AAPL: 10 },
		);

		expect(plan.steps).toEqual([placeStep('reduce', marketIntent(REDUCE_ID, 'sell', 5, true))]);
	});

	it('with no broker position: no order (a reduce never opens)', async () => {
		const plan = await planOf({ action: 'sell', quantity: 6, targetPosition: 4, prevTargetPosition: 10 }, {}, {});

		expect(plan.steps).toEqual([]);
		expect(plan.role).toBe('exit');
		expect(plan.position).toEqual({ before: 0, after: 0 });
		expect(plan.note).toMatch(/reduces its long AAPL position, which the broker does not hold/);
	});

	it('with the broker on the other side: no order (it would add to the short)', async () => {
		const plan = await planOf({ action: 'sell', quantity: 6, targetPosition: 4, prevTargetPosition: 10 }, {}, { AAPL: -3 });

		expect(plan.steps).toEqual([]);
		expect(plan.note).toMatch(/reduces its long AAPL position, which the broker does not hold \(position -3\)/);
	});

	it('a growing strategy position is an ordinary opening order', async () => {
		const plan = await planOf({ action: 'buy', quantity: 2, targetPosition: 6, prevTargetPosition: 4 }, {}, { AAPL: 4 });

		expect(plan.steps).toEqual([placeStep('open', marketIntent(OPEN_ID, 'buy', 2))]);
		expect(plan.role).toBe('entry');
	});

	it('from a previous position of 0 is an ordinary opening order, without reading the position', async () => {
		const { context, calls } = planContext({ AAPL: 3 });

		const planned = await planAlertOrders(alertInput({ action: 'sell', quantity: 2, targetPosition: -2, prevTargetPosition: 0 }), orderSettings(), context);

		expect(planned.ok && planned.value.steps).toEqual([placeStep('open', marketIntent(OPEN_ID, 'sell', 2))]);
		expect(planned.ok && planned.value.position).toBeNull();
		expect(calls.position).toEqual([]);
	});
});

describe('planAlertOrders: the strategy reverses through zero (not target-position mode)', () => {
	it('long 5 → short 3: closes the broker\'s long, then sells |target| = 3, not the alert\'s 8', async () => {
		const plan = await planOf({ action: 'sell', quantity: 8, targetPosition: -3, prevTargetPosition: 5 }, {}, { AAPL: 5 });

		expect(plan).toEqual({
			steps: [placeStep('close', marketIntent(CLOSE_ID, 'sell', 5, true)), placeStep('open', marketIntent(OPEN_ID, 'sell', 3))],
			note: 'the strategy reverses: close the AAPL position of 5, then sell 3',
			drift: null,
			role: 'entry',
			position: { before: 5, after: -3 },
		});
	});

	it('short 2 → long 4: closes the broker\'s short, then buys 4', async () => {
		const plan = await planOf({ action: 'buy', quantity: 6, targetPosition: 4, prevTargetPosition: -2 }, {}, { AAPL: -7 });

		expect(plan.steps).toEqual([placeStep('close', marketIntent(CLOSE_ID, 'buy', 7, true)), placeStep('open', marketIntent(OPEN_ID, 'buy', 4))]);
		expect(plan.position).toEqual({ before: -7, after: 4 });
	});

	it('with a flat broker: only opens |target|', async () => {
		const plan = await planOf({ action: 'sell', quantity: 8, targetPosition: -3, prevTargetPosition: 5 }, {}, {});

		expect(plan).toEqual({
			steps: [placeStep('open', marketIntent(OPEN_ID, 'sell', 3))],
			note: 'sell 3 AAPL',
			drift: null,
			role: 'entry',
			position: { before: 0, after: -3 },
		});
	});

	it('with the broker already on the new side: only opens, closing nothing', async () => {
		const plan = await planOf({ action: 'sell', quantity: 8, targetPosition: -3, prevTargetPosition: 5 }, {}, { AAPL: -1 });

		expect(plan.steps).toEqual([placeStep('open', marketIntent(OPEN_ID, 'sell', 3))]);
		expect(plan.position).toEqual({ before: -1, after: -4 });
	});

	it('sizes the new side with the node\'s sizing mode when it is not "alert"', async () => {
		const plan = await planOf({ action: 'sell', quantity: 8, targetPosition: -3, prevTargetPosition: 5 }, { sizingMode: 'fixed', sizingValue: 2 }, { AAPL: 5 });

		expect(plan.steps).toEqual([placeStep('close', marketIntent(CLOSE_ID, 'sell', 5, true)), placeStep('open', marketIntent(OPEN_ID, 'sell', 2))]);
	});

	it('rounds |target| down to the quantity step', async () => {
		const plan = await planOf({ action: 'sell', quantity: 8, targetPosition: -3.7, prevTargetPosition: 5 }, { quantityStep: 1 }, { AAPL: 5 });

		expect(plan.steps).toEqual([placeStep('close', marketIntent(CLOSE_ID, 'sell', 5, true)), placeStep('open', marketIntent(OPEN_ID, 'sell', 3))]);
	});

	it('does not close when the new side cannot be sized', async () => {
		const planned = await planAlertOrders(
			alertInput({ action: 'sell', targetPosition: -3, prevTargetPosition: 5 }),
			orderSettings({ sizingMode: 'notional', sizingValue: 100 }),
			planContext({ AAPL: 5 }).context,
		);

		expect(planned).toEqual({ ok: false, failure: expect.objectContaining({ code: 'price_missing' }) });
	});
});

describe('planAlertOrders: target-position mode', () => {
	const target = { targetPositionMode: true };

	it('long 5 → target 2 sells 3 on a reduce leg, reduce-only', async () => {
		const { context, calls } = planContext({ AAPL: 5 });

		const planned = await planAlertOrders(alertInput({ action: 'sell', targetPosition: 2, prevTargetPosition: 5 }), orderSettings(target), context);

		expect(planned).toEqual({
			ok: true,
			value: {
				steps: [placeStep('reduce', marketIntent(REDUCE_ID, 'sell', 3, true))],
				note: 'move the AAPL position from 5 to 2',
				drift: null,
				role: 'exit',
				position: { before: 5, after: 2 },
			},
		});
		expect(REDUCE_ID).toMatch(CLIENT_ORDER_ID);
		expect(calls).toEqual({ position: ['AAPL'], equity: 0 });
	});

	it('short 4 → target 0 buys 4 on a reduce leg, reduce-only', async () => {
		const plan = await planOf({ action: 'buy', targetPosition: 0 }, target, { AAPL: -4 });

		expect(plan.steps).toEqual([placeStep('reduce', marketIntent(REDUCE_ID, 'buy', 4, true))]);
		expect(plan.note).toBe('move the AAPL position from -4 to 0');
		expect(plan.role).toBe('exit');
		expect(plan.position).toEqual({ before: -4, after: 0 });
	});

	it('a reduce leg carries no limit, stop or bracket prices', async () => {
		const plan = await planOf(
			{ action: 'sell', targetPosition: 1, orderType: 'limit', limitPrice: 99, takeProfitPrice: 90, stopLossPrice: 105, price: 100 },
			target,
			{ AAPL: 3 },
		);

		expect(plan.steps).toEqual([placeStep('reduce', { ...marketIntent(REDUCE_ID, 'sell', 2, true), referencePrice: 100 })]);
	});

	it('long 2 → target 5 buys 3 on a target leg, not reduce-only, keeping the alert\'s order type', async () => {
		const plan = await planOf({ action: 'buy', targetPosition: 5, orderType: 'limit', limitPrice: 99 }, target, { AAPL: 2 });

		expect(plan.steps).toEqual([placeStep('target', { ...marketIntent(TARGET_ID, 'buy', 3), type: 'limit', limitPrice: 99 })]);
		expect(plan.role).toBe('entry');
		expect(plan.position).toEqual({ before: 2, after: 5 });
	});

	it('short 1 → target -4 sells 3 on a target leg', async () => {
		const plan = await planOf({ action: 'sell', targetPosition: -4 }, target, { AAPL: -1 });

		expect(plan.steps).toEqual([placeStep('target', marketIntent(TARGET_ID, 'sell', 3))]);
		expect(plan.role).toBe('entry');
		expect(plan.position).toEqual({ before: -1, after: -4 });
	});

	it('long 3 → target -2 closes the long (reduce-only), then sells 2 on a target leg: never one order through zero', async () => {
		const plan = await planOf({ action: 'sell', targetPosition: -2 }, target, { AAPL: 3 });

		expect(plan).toEqual({
			steps: [placeStep('close', marketIntent(CLOSE_ID, 'sell', 3, true)), placeStep('target', marketIntent(TARGET_ID, 'sell', 2))],
			note: 'move the AAPL position from 3 to -2',
			drift: null,
			role: 'entry',
			position: { before: 3, after: -2 },
		});
	});

	it('short 4 → target 1 closes the short, then buys 1', async () => {
		const plan = await planOf({ action: 'buy', targetPosition: 1 }, target, { AAPL: -4 });

		expect(plan.steps).toEqual([placeStep('close', marketIntent(CLOSE_ID, 'buy', 4, true)), placeStep('target', marketIntent(TARGET_ID, 'buy', 1))]);
		expect(plan.position).toEqual({ before: -4, after: 1 });
	});

	it('through zero, the new side is rounded down to the step; the close is the whole position', async () => {
		const plan = await planOf({ action: 'sell', targetPosition: -2.5 }, { ...target, quantityStep: 1 }, { AAPL: 3.5 });

		expect(plan.steps).toEqual([placeStep('close', marketIntent(CLOSE_ID, 'sell', 3.5, true)), placeStep('target', marketIntent(TARGET_ID, 'sell', 2))]);
	});

	it('through zero to a target below one step: only the close, and the plan is an exit', async () => {
		const plan = await planOf({ action: 'sell', targetPosition: -0.5 }, { ...target, quantityStep: 1 }, { AAPL: 3 });

		expect(plan.steps).toEqual([placeStep('close', marketIntent(CLOSE_ID, 'sell', 3, true))]);
		expect(plan.role).toBe('exit');
		expect(plan.position).toEqual({ before: 3, after: 0 });
	});

	it('ignores the alert quantity and the sizing mode', async () => {
		const { context, calls } = planContext({ AAPL: 1 });

		const planned = await planAlertOrders(
			alertInput({ action: 'buy', quantity: 100, targetPosition: 3 }),
			orderSettings({ ...target, sizingMode: 'percentOfEquity', sizingValue: 50 }),
			context,
		);

		expect(planned.ok && planned.value.steps).toEqual([placeStep('target', marketIntent(TARGET_ID, 'buy', 2))]);
		expect(calls.equity).toBe(0);
	});

	it('already at the target: no steps, and a note that says so', async () => {
		expect(await planOf({ action: 'buy', targetPosition: 2, prevTargetPosition: 2 }, target, { AAPL: 2 })).toEqual({
			steps: [],
			note: 'already at the target AAPL position of 2',
			drift: null,
			role: 'exit',
			position: { before: 2, after: 2 },
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
		expect(plan.steps).toEqual([placeStep('reduce', marketIntent(REDUCE_ID, 'sell', 3, true))]);
	});

	it('reports drift even when already at the target', async () => {
		const plan = await planOf({ action: 'buy', targetPosition: 2, prevTargetPosition: 0 }, target, { AAPL: 2 });

		expect(plan).toEqual({
			steps: [],
			note: 'already at the target AAPL position of 2',
			drift: { expectedPosition: 0, brokerPosition: 2 },
			role: 'exit',
			position: { before: 2, after: 2 },
		});
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
		expect(plan.role).toBe('exit');
	});

	it('an exit with a quantity is a partial exit in target-position mode too', async () => {
		const plan = await planOf({ action: 'exit', quantity: 2, targetPosition: 3 }, target, { AAPL: 5 });

		expect(plan.steps).toEqual([placeStep('close', marketIntent(CLOSE_ID, 'sell', 2, true))]);
	});

	it('regression: "long 999 (was 1000)" on a flat account buys 999 as an entry, not an exit', async () => {
		const plan = await planOf({ action: 'sell', quantity: 1, targetPosition: 999, prevTargetPosition: 1000 }, target, {});

		expect(plan).toEqual({
			steps: [placeStep('target', marketIntent(TARGET_ID, 'buy', 999))],
			note: 'move the AAPL position from 0 to 999',
			drift: { expectedPosition: 1000, brokerPosition: 0 },
			role: 'entry',
			position: { before: 0, after: 999 },
		});
	});

	it('does not treat a shrinking strategy position as a fractional reduce (that is for the other mode)', async () => {
		// Not target mode, this would sell 10 × (1 − 4/8) = 5; in target mode the target is 4, so sell 6.
		const plan = await planOf({ action: 'sell', targetPosition: 4, prevTargetPosition: 8 }, target, { AAPL: 10 });

		expect(plan.steps).toEqual([placeStep('reduce', marketIntent(REDUCE_ID, 'sell', 6, true))]);
	});
});

describe('planAlertOrders: required fields', () => {
	it.each([
		['alertId', 'an alert id is required: it makes the client order id that prevents double orders'],
		['symbol', 'a symbol is required'],
		['action', 'an action is required: buy, sell, add, exit, cancel, breakeven or price'],
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

describe('planAlertOrders: a strategy reduction without the previous position', () => {
	it('"sell 2, market position long 3" reduces a long 5 by 2, reduce-only', async () => {
		const plan = await planOf({ action: 'sell', quantity: 2, targetPosition: 3 }, {}, { AAPL: 5 });

		expect(plan.steps).toEqual([placeStep('reduce', marketIntent(clientOrderIdFor(SCOPE, ALERT_ID, 'reduce'), 'sell', 2, true))]);
		expect(plan.role).toBe('exit');
	});

	it('on a flat account it orders nothing: it never opens a short', async () => {
		const plan = await planOf({ action: 'sell', quantity: 2, targetPosition: 3 }, {}, { AAPL: 0 });

		expect(plan).toMatchObject({ steps: [], role: 'exit' });
	});
});
