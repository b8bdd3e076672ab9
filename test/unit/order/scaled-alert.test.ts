import { planAlertOrders } from '../../../core/order/plan-alert-orders';
import type { AlertOrderInput } from '../../../core/order/order-input';
import { alertQuantityFor } from '../../../core/order/scaled-alert';
import { SCOPE, alertInput, orderSettings } from './order-fixture';

const half = orderSettings({ sizingMode: 'alertMultiple', sizingValue: 0.5 });

async function legsOf(input: Partial<AlertOrderInput>, settings = half, position = 0) {
	const planned = await planAlertOrders(alertInput(input), settings, { scope: SCOPE, position: async () => position, equity: async () => 10_000 });
	if (!planned.ok) throw new Error(JSON.stringify(planned.failure));
	return planned.value.steps.map((step) => (step.kind === 'place' ? `${step.leg} ${step.intent.side} ${step.intent.quantity}` : step.kind));
}

describe('sizing Alert Quantity × Multiplier', () => {
	it("scales the alert's quantity, an exit's quantity and nothing when there is none to scale", async () => {
		expect(await legsOf({ action: 'buy', quantity: 10 })).toEqual(['open buy 5']);
		expect(await legsOf({ action: 'buy', quantity: 3 }, orderSettings({ sizingMode: 'alertMultiple', sizingValue: 2, quantityStep: 1 }))).toEqual(['open buy 6']);
		expect(await legsOf({ action: 'exit', quantity: 4 }, half, 10)).toEqual(['close sell 2']);
		expect(await legsOf({ action: 'exit' }, half, 10)).toEqual(['close sell 10']);
	});

	it('leaves a percent of the position as sent', async () => {
		expect(await legsOf({ action: 'exit', quantity: 50, quantityType: 'percent_of_position' }, half, 8)).toEqual(['close sell 4']);
	});

	it('scales the target position, so the account reaches the multiple of the strategy position', async () => {
		const target = orderSettings({ sizingMode: 'alertMultiple', sizingValue: 0.5, targetPositionMode: true });
		// Strategy long 10 → target 5; the account holds 2: buys 3.
		expect(await legsOf({ action: 'buy', quantity: 10, targetPosition: 10, prevTargetPosition: 0 }, target, 2)).toEqual(['target buy 3']);
	});

	it("writes back the alert quantity that plans to Risk Check's clamped size", () => {
		expect(alertQuantityFor(3, half)).toBe(6);
		expect(alertQuantityFor(3, orderSettings({ sizingMode: 'alertMultiple', sizingValue: 0.3 }))).toBe(10);
		expect(alertQuantityFor(3, orderSettings())).toBe(3);
		expect(alertQuantityFor(null, half)).toBeNull();
	});
});
