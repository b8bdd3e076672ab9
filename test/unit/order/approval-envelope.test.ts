import type { OrderIntent } from '../../../core/brokers/broker';
import { type ApprovalEnvelope, approvalEnvelopeSchema, envelopeFromPlan, fitToEnvelope } from '../../../core/order/approval-envelope';
import { clientOrderIdFor } from '../../../core/order/client-order-id';
import type { AlertOrderInput, OrderSettings } from '../../../core/order/order-input';
import { type AlertPlan, type OrderLeg, type PlanStep, planAlertOrders } from '../../../core/order/plan-alert-orders';
import { marketOrderIntent } from '../../support/order-intents';
import { ALERT_ID, alertInput, orderSettings, SCOPE } from './order-fixture';

const OPEN_ID = clientOrderIdFor(SCOPE, ALERT_ID, 'open');
const CLOSE_ID = clientOrderIdFor(SCOPE, ALERT_ID, 'close');

/** A place step for AAPL: reduce-only for `close` and `reduce` legs. */
function place(leg: OrderLeg, side: OrderIntent['side'], quantity: number, extra: Partial<OrderIntent> = {}): PlanStep {
	const reduceOnly = leg === 'close' || leg === 'reduce';
	return {
		kind: 'place',
		leg,
		intent: marketOrderIntent({ clientOrderId: clientOrderIdFor(SCOPE, ALERT_ID, leg), side, quantity, reduceOnly, alertId: ALERT_ID, ...extra }),
	};
}

/** An entry envelope for AAPL / alert-1 that approves buying up to 5, refusing more, with no position limit. */
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

async function planFor(input: Partial<AlertOrderInput>, settings: Partial<OrderSettings>, position: number): Promise<AlertPlan> {
	const planned = await planAlertOrders(alertInput(input), orderSettings(settings), {
		scope: SCOPE,
		position: async () => position,
		equity: async () => 10_000,
	});
	if (!planned.ok) throw new Error(`expected a plan, got ${JSON.stringify(planned.failure)}`);
	return planned.value;
}

const quantities = (steps: PlanStep[]) => steps.map((step) => (step.kind === 'place' ? [step.leg, step.intent.side, step.intent.quantity] : [step.kind]));

describe('envelopeFromPlan', () => {
	it('an entry (reverse: close 5, then sell 2): the opening leg\'s side and size, every leg planned', async () => {
		const plan = await planFor({ action: 'sell', quantity: 2 }, { reverse: true }, 5);

		const made = envelopeFromPlan(plan, 'NASDAQ:AAPL', ALERT_ID, { maxAbsPosition: 10, clamp: true });

		expect(made).toEqual({
			symbol: 'NASDAQ:AAPL',
			alertId: ALERT_ID,
			role: 'entry',
			openSide: 'sell',
			maxOpenQuantity: 2,
			maxAbsPosition: 10,
			onExcess: 'clamp',
			planned: [
				{ leg: 'close', side: 'sell', quantity: 5, reduceOnly: true },
				{ leg: 'open', side: 'sell', quantity: 2, reduceOnly: false },
			],
		});
		expect(approvalEnvelopeSchema.parse(made)).toEqual(made);
	});

	it('an exit: no opening side or size, refuse without a clamp rule', async () => {
		const plan = await planFor({ action: 'exit', quantity: 2 }, {}, 5);

		expect(envelopeFromPlan(plan, 'AAPL', ALERT_ID, { maxAbsPosition: null, clamp: false })).toEqual({
			symbol: 'AAPL',
			alertId: ALERT_ID,
			role: 'exit',
			openSide: null,
			maxOpenQuantity: null,
			maxAbsPosition: null,
			onExcess: 'refuse',
			planned: [{ leg: 'close', side: 'sell', quantity: 2, reduceOnly: true }],
		});
	});

	it('a cancel, or an exit with nothing to close: an exit with no legs planned', async () => {
		const cancel = envelopeFromPlan(await planFor({ action: 'cancel' }, {}, 5), 'AAPL', null, { maxAbsPosition: null, clamp: false });
		const nothing = envelopeFromPlan(await planFor({ action: 'exit' }, {}, 0), 'AAPL', ALERT_ID, { maxAbsPosition: null, clamp: false });

		expect(cancel).toEqual(expect.objectContaining({ role: 'exit', alertId: null, openSide: null, maxOpenQuantity: null, planned: [] }));
		expect(nothing).toEqual(expect.objectContaining({ role: 'exit', openSide: null, maxOpenQuantity: null, planned: [] }));
	});

	it('target-position mode through zero: the target leg is the opening one', async () => {
		const plan = await planFor({ action: 'sell', targetPosition: -2 }, { targetPositionMode: true }, 3);

		const made = envelopeFromPlan(plan, 'AAPL', ALERT_ID, { maxAbsPosition: null, clamp: false });

		expect(made.openSide).toBe('sell');
		expect(made.maxOpenQuantity).toBe(2);
		expect(made.planned).toEqual([
			{ leg: 'close', side: 'sell', quantity: 3, reduceOnly: true },
			{ leg: 'target', side: 'sell', quantity: 2, reduceOnly: false },
		]);
	});
});

describe('fitToEnvelope: which alert', () => {
	it('passes legs that fit unchanged, with nothing clamped and the input left as it was', () => {
		const steps = [place('open', 'buy', 5)];
		const copy = structuredClone(steps);

		const fitted = fitToEnvelope('AAPL', ALERT_ID, steps, envelope(), 0, 0);

		expect(fitted).toEqual({ ok: true, value: { steps: copy, clamped: [] } });
		expect(steps).toEqual(copy);
	});

	it('compares symbols without exchange prefix, case or punctuation', () => {
		expect(fitToEnvelope('aapl', ALERT_ID, [place('open', 'buy', 1)], envelope({ symbol: 'NASDAQ:AAPL' }), 0, 0).ok).toBe(true);
		expect(fitToEnvelope('BTC-USD', ALERT_ID, [], envelope({ symbol: 'BTC/USD' }), 0, 0).ok).toBe(true);
	});

	it('refuses another symbol', () => {
		const fitted = fitToEnvelope('MSFT', ALERT_ID, [place('open', 'buy', 1)], envelope(), 0, 0);

		expect(fitted.ok).toBe(false);
		expect(!fitted.ok && fitted.failure).toBe('Risk Check approved AAPL, not MSFT');
	});

	it('refuses another alert id, or an alert without one', () => {
		const other = fitToEnvelope('AAPL', 'alert-2', [place('open', 'buy', 1)], envelope(), 0, 0);
		const none = fitToEnvelope('AAPL', null, [place('open', 'buy', 1)], envelope(), 0, 0);

		expect(!other.ok && other.failure).toMatch(/approved alert alert-1, not alert-2/);
		expect(!none.ok && none.failure).toMatch(/approved alert alert-1, not an alert without id/);
	});

	it('an envelope without an alert id accepts any alert id', () => {
		expect(fitToEnvelope('AAPL', 'alert-9', [place('open', 'buy', 1)], envelope({ alertId: null }), 0, 0).ok).toBe(true);
		expect(fitToEnvelope('AAPL', null, [place('open', 'buy', 1)], envelope({ alertId: null }), 0, 0).ok).toBe(true);
	});

	it('passes a cancel step through, even in an exit envelope', () => {
		const steps: PlanStep[] = [{ kind: 'cancel_open_orders', symbol: 'AAPL' }];

		expect(fitToEnvelope('AAPL', ALERT_ID, steps, envelope({ role: 'exit', openSide: null, maxOpenQuantity: null }), 0, 0)).toEqual({
			ok: true,
			value: { steps, clamped: [] },
		});
	});
});

describe('fitToEnvelope: reduce-only legs', () => {
	const exit = envelope({ role: 'exit', openSide: null, maxOpenQuantity: null, planned: [] });

	it('a reduce-only leg that shrinks the position fits an exit envelope', () => {
		const steps = [place('close', 'sell', 3)];

		expect(fitToEnvelope('AAPL', ALERT_ID, steps, exit, 5, 0)).toEqual({ ok: true, value: { steps, clamped: [] } });
		expect(fitToEnvelope('AAPL', ALERT_ID, [place('reduce', 'buy', 4)], exit, -4, 0).ok).toBe(true);
	});

	it('refuses a reduce-only leg when there is no position', () => {
		const fitted = fitToEnvelope('AAPL', ALERT_ID, [place('close', 'sell', 3)], exit, 0, 0);

		expect(!fitted.ok && fitted.failure).toBe('the sell of 3 would not only reduce the position of 0');
	});

	it('refuses a reduce-only leg on the side that would grow the position', () => {
		const fitted = fitToEnvelope('AAPL', ALERT_ID, [place('close', 'sell', 3)], exit, -5, 0);

		expect(!fitted.ok && fitted.failure).toMatch(/sell of 3 would not only reduce the position of -5/);
	});

	it('refuses a reduce-only leg larger than the position', () => {
		const fitted = fitToEnvelope('AAPL', ALERT_ID, [place('close', 'sell', 6)], exit, 5, 0);

		expect(!fitted.ok && fitted.failure).toMatch(/sell of 6 would not only reduce the position of 5/);
	});

	it('tolerates binary residue in a reduce-only leg the size of the position', () => {
		expect(fitToEnvelope('AAPL', ALERT_ID, [place('close', 'sell', 0.1 + 0.2)], exit, 0.3, 0).ok).toBe(true);
	});

	it('checks each leg against the position the legs before it leave', () => {
		const fitted = fitToEnvelope('AAPL', ALERT_ID, [place('close', 'sell', 5), place('reduce', 'sell', 1)], exit, 5, 0);

		expect(!fitted.ok && fitted.failure).toMatch(/sell of 1 would not only reduce the position of 0/);
	});
});

describe('fitToEnvelope: opening legs', () => {
	it('refuses any opening leg under an exit envelope', () => {
		const fitted = fitToEnvelope('AAPL', ALERT_ID, [place('open', 'buy', 2)], envelope({ role: 'exit', openSide: null, maxOpenQuantity: null }), 0, 0);

		expect(fitted.ok).toBe(false);
		expect(!fitted.ok && fitted.failure).toMatch(/approved this alert as an exit.*buys 2 to open or add \(position 0\)/);
	});

	it('refuses an opening leg under an exit envelope even after a close that fits', () => {
		const exit = envelope({ role: 'exit', openSide: null, maxOpenQuantity: null });

		const fitted = fitToEnvelope('AAPL', ALERT_ID, [place('close', 'sell', 5), place('open', 'sell', 2)], exit, 5, 0);

		expect(!fitted.ok && fitted.failure).toMatch(/as an exit.*sells 2 to open or add \(position 0\)/);
	});

	it('refuses an opening leg on the other side', () => {
		const fitted = fitToEnvelope('AAPL', ALERT_ID, [place('open', 'sell', 2)], envelope(), 0, 0);

		expect(!fitted.ok && fitted.failure).toBe('Risk Check approved a buy opening order, not a sell');
	});

	it('refuses an opening leg above the approved size when the envelope says refuse', () => {
		const fitted = fitToEnvelope('AAPL', ALERT_ID, [place('open', 'buy', 50)], envelope({ onExcess: 'refuse' }), 0, 0);

		expect(fitted).toEqual({ ok: false, failure: 'the buy of 50 is above the 5 Risk Check approved' });
	});

	it('clamps an opening leg above the approved size when the envelope says clamp, and says so', () => {
		const steps = [place('open', 'buy', 50, { limitPrice: 99, type: 'limit', takeProfitPrice: 120 })];

		const fitted = fitToEnvelope('AAPL', ALERT_ID, steps, envelope({ onExcess: 'clamp' }), 0, 0);

		expect(fitted).toEqual({
			ok: true,
			value: { steps: [place('open', 'buy', 5, { limitPrice: 99, type: 'limit', takeProfitPrice: 120 })], clamped: ['open: 50 → 5'] },
		});
		expect(steps[0].kind === 'place' && steps[0].intent.quantity).toBe(50);
	});

	it('clamps down to the quantity step', () => {
		const fitted = fitToEnvelope('AAPL', ALERT_ID, [place('target', 'buy', 8)], envelope({ onExcess: 'clamp', maxOpenQuantity: 5.57 }), 0, 0.1);

		expect(fitted.ok && quantities(fitted.value.steps)).toEqual([['target', 'buy', 5.5]]);
		expect(fitted.ok && fitted.value.clamped).toEqual(['target: 8 → 5.5']);
	});

	it('refuses rather than clamps when the approved size rounds down to 0', () => {
		const fitted = fitToEnvelope('AAPL', ALERT_ID, [place('open', 'buy', 2)], envelope({ onExcess: 'clamp', maxOpenQuantity: 0.5 }), 0, 1);

		expect(!fitted.ok && fitted.failure).toBe('the buy of 2 is above the 0.5 Risk Check approved');
	});

	it('an opening leg at or below the approved size is not clamped', () => {
		const at = fitToEnvelope('AAPL', ALERT_ID, [place('open', 'buy', 5)], envelope({ onExcess: 'clamp' }), 0, 0);
		const below = fitToEnvelope('AAPL', ALERT_ID, [place('open', 'buy', 1)], envelope({ onExcess: 'clamp' }), 0, 0);
		const residue = fitToEnvelope('AAPL', ALERT_ID, [place('open', 'buy', 0.1 + 0.2)], envelope({ maxOpenQuantity: 0.3 }), 0, 0);

		expect(at).toEqual({ ok: true, value: { steps: [place('open', 'buy', 5)], clamped: [] } });
		expect(below).toEqual({ ok: true, value: { steps: [place('open', 'buy', 1)], clamped: [] } });
		expect(residue.ok).toBe(true);
	});

	it('an entry envelope lets a re-plan that now only reduces through', () => {
		const fitted = fitToEnvelope('AAPL', ALERT_ID, [place('close', 'sell', 5)], envelope({ openSide: 'sell', maxOpenQuantity: 2 }), 5, 0);

		expect(fitted.ok && quantities(fitted.value.steps)).toEqual([['close', 'sell', 5]]);
	});

	it('a reversal fits: the close from the position now, then the approved opening leg', () => {
		const reverse = envelope({ openSide: 'sell', maxOpenQuantity: 2 });

		const fitted = fitToEnvelope('AAPL', ALERT_ID, [place('close', 'sell', 5), place('open', 'sell', 2)], reverse, 5, 0);

		expect(fitted.ok && quantities(fitted.value.steps)).toEqual([
			['close', 'sell', 5],
			['open', 'sell', 2],
		]);
		expect(fitted.ok && fitted.value.steps.map((step) => step.kind === 'place' && step.intent.clientOrderId)).toEqual([CLOSE_ID, OPEN_ID]);
	});
});

describe('fitToEnvelope: Max Position per Symbol', () => {
	it('refuses an opening leg that takes |position| beyond it', () => {
		const fitted = fitToEnvelope('AAPL', ALERT_ID, [place('open', 'buy', 5)], envelope({ maxAbsPosition: 10 }), 8, 0);

		expect(fitted).toEqual({ ok: false, failure: 'the position would be 13 (now 8); Max Position per Symbol is 10' });
	});

	it('lets an opening leg reach it exactly', () => {
		expect(fitToEnvelope('AAPL', ALERT_ID, [place('open', 'buy', 2)], envelope({ maxAbsPosition: 10 }), 8, 0).ok).toBe(true);
	});

	it('measures a short by its size', () => {
		const fitted = fitToEnvelope('AAPL', ALERT_ID, [place('open', 'sell', 4)], envelope({ openSide: 'sell', maxAbsPosition: 6 }), -3, 0);

		expect(!fitted.ok && fitted.failure).toMatch(/position would be -7 \(now -3\); Max Position per Symbol is 6/);
	});

	it('measures the position after the clamp, not before', () => {
		const clamp = envelope({ onExcess: 'clamp', maxOpenQuantity: 5, maxAbsPosition: 10 });

		const fits = fitToEnvelope('AAPL', ALERT_ID, [place('open', 'buy', 50)], clamp, 5, 0);
		const beyond = fitToEnvelope('AAPL', ALERT_ID, [place('open', 'buy', 50)], clamp, 6, 0);

		expect(fits.ok && quantities(fits.value.steps)).toEqual([['open', 'buy', 5]]);
		expect(!beyond.ok && beyond.failure).toMatch(/position would be 11 \(now 6\)/);
	});

	it('measures each leg from the position the legs before it leave (a reversal from a long of 5 to a short of 12)', () => {
		const reverse = envelope({ openSide: 'sell', maxOpenQuantity: 12, maxAbsPosition: 10 });

		const fitted = fitToEnvelope('AAPL', ALERT_ID, [place('close', 'sell', 5), place('open', 'sell', 12)], reverse, 5, 0);

		expect(!fitted.ok && fitted.failure).toMatch(/position would be -12 \(now 0\); Max Position per Symbol is 10/);
	});

	it('lets a leg shrink a position that is already beyond it', () => {
		const reduce = fitToEnvelope('AAPL', ALERT_ID, [place('reduce', 'sell', 2)], envelope({ maxAbsPosition: 10 }), 15, 0);
		const shrinkingOpen = fitToEnvelope('AAPL', ALERT_ID, [place('open', 'sell', 2)], envelope({ openSide: 'sell', maxAbsPosition: 10 }), 15, 0);

		expect(reduce.ok).toBe(true);
		expect(shrinkingOpen.ok).toBe(true);
	});

	it('refuses an opening leg that flips the position through zero to beyond the limit (long 10, sell 18, max 5)', () => {
		const flip = envelope({ openSide: 'sell', maxOpenQuantity: 18, maxAbsPosition: 5 });

		const fitted = fitToEnvelope('AAPL', ALERT_ID, [place('open', 'sell', 18)], flip, 10, 0);

		expect(fitted).toEqual({ ok: false, failure: 'the position would be -8 (now 10); Max Position per Symbol is 5' });
	});
});
