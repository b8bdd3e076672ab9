import { planAlertOrders } from '../../../core/order/plan-alert-orders';
import type { AlertOrderInput } from '../../../core/order/order-input';
import { alertInput, orderSettings, SCOPE } from './order-fixture';

// TradersPost's quantityType percent_of_position: an exit (or a sell of a long, a buy of a short)
// closes that percent of the broker's position, reduce-only, rounded down on the quantity step.

async function plan(fields: Partial<AlertOrderInput>, position: number, settings: Parameters<typeof orderSettings>[0] = {}) {
	return await planAlertOrders(alertInput({ quantityType: 'percent_of_position', ...fields }), orderSettings(settings), {
		scope: SCOPE,
		position: async () => position,
		equity: async () => 10_000,
	});
}

const legsOf = (planned: Awaited<ReturnType<typeof plan>>) =>
	planned.ok ? planned.value.steps.map((step) => (step.kind === 'place' ? [step.leg, step.intent.side, step.intent.quantity, step.intent.reduceOnly] : [step.kind])) : planned.failure;

describe('percent of position', () => {
	it('an exit of 50 % closes half the position, reduce-only', async () => {
		const planned = await plan({ action: 'exit', quantity: 50 }, 30);
		expect(legsOf(planned)).toEqual([['close', 'sell', 15, true]]);
		expect(planned.ok && planned.value.note).toBe('close 15 of the AAPL position of 30');
	});

	it('rounds down on the quantity step, and 100 % or more closes all of it', async () => {
		expect(legsOf(await plan({ action: 'exit', quantity: 33 }, 10, { quantityStep: 1 }))).toEqual([['close', 'sell', 3, true]]);
		expect(legsOf(await plan({ action: 'exit', quantity: 100 }, -7))).toEqual([['close', 'buy', 7, true]]);
		expect(await plan({ action: 'exit', quantity: 5 }, 10, { quantityStep: 1 })).toMatchObject({ ok: true, value: { steps: [] } });
	});

	it('a sell of a long or a buy of a short reduces by the percent, never more, whatever the sizing', async () => {
		expect(legsOf(await plan({ action: 'sell', quantity: 25 }, 8, { sizingMode: 'fixed', sizingValue: 100, reverse: true }))).toEqual([['reduce', 'sell', 2, true]]);
		expect(legsOf(await plan({ action: 'buy', quantity: 50 }, -3))).toEqual([['reduce', 'buy', 1.5, true]]);
	});

	it('cannot open or add: a percent of no position, or on the side held, fails naming the field', async () => {
		expect(legsOf(await plan({ action: 'buy', quantity: 50 }, 0))).toEqual({
			code: 'invalid_field',
			field: 'quantityType',
			message: 'quantityType percent_of_position closes a percent of the open position, so a buy needs a short AAPL position (it is 0)',
		});
		expect(legsOf(await plan({ action: 'sell', quantity: 50 }, -2))).toMatchObject({ code: 'invalid_field', field: 'quantityType' });
		expect(legsOf(await plan({ action: 'exit', quantity: null }, 5))).toMatchObject({ code: 'missing_field', field: 'quantity' });
	});

	it('a strategy alert that reduces without its previous position takes the percent of the broker\'s position', async () => {
		expect(legsOf(await plan({ action: 'sell', quantity: 40, targetPosition: 3 }, 10))).toEqual([['reduce', 'sell', 4, true]]);
	});

	it('fixed_quantity is the quantity in units, as without a quantity type', async () => {
		expect(legsOf(await plan({ action: 'exit', quantity: 4, quantityType: 'fixed_quantity' }, 10))).toEqual([['close', 'sell', 4, true]]);
	});
});
