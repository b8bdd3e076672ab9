import { roundDownToStep } from '../order/sizing';
import type { RiskReason } from './reasons';
import type { RiskSettings } from './risk-settings';

export interface QuantityOutcome {
	/** The quantity after clamping. */
	quantity: number;
	/** Rules that lowered it, e.g. `max_quantity`. */
	clampedBy: string[];
	reasons: RiskReason[];
	checks: string[];
}

// Tiny float noise (0.1 * 3) must not push a quantity over a limit it sits on.
const EPSILON = 1e-9;

/** The price an order is valued at: its limit, its stop trigger, else the alert's price, else the fallback. */
export function notionalPrice(order: { limitPrice: number | null; stopPrice?: number | null; price: number | null }, fallback: number | null): number | null {
	return order.limitPrice ?? order.stopPrice ?? order.price ?? fallback;
}

/** Max quantity and max notional for the opening leg: each rejects, or clamps the quantity down. */
export function checkQuantity(requested: number, price: number | null, settings: RiskSettings): QuantityOutcome {
	const outcome: QuantityOutcome = { quantity: requested, clampedBy: [], reasons: [], checks: [] };
	const { maxQuantity, maxNotional, quantityStep } = settings;
	if (!maxQuantity && !maxNotional) return outcome;
	let quantity = requested;
	if (maxQuantity) {
		outcome.checks.push('max_quantity');
		if (quantity > maxQuantity.limit + EPSILON) {
			if (maxQuantity.mode === 'reject') {
				outcome.reasons.push({ code: 'max_quantity', message: `quantity ${quantity} is above the limit of ${maxQuantity.limit} per order` });
			} else {
				quantity = roundDownToStep(maxQuantity.limit, quantityStep ?? 0);
				outcome.clampedBy.push('max_quantity');
			}
		}
	}
	if (maxNotional) {
		outcome.checks.push('max_notional');
		if (price === null) {
			outcome.reasons.push({ code: 'price_unknown', message: 'the alert has no price and no fallback price is set, so the max notional limit cannot be checked' });
		} else if (quantity * price > maxNotional.limit + EPSILON) {
			if (maxNotional.mode === 'reject') {
				outcome.reasons.push({
					code: 'max_notional',
					message: `notional ${round(quantity * price)} (${quantity} × ${price}) is above the limit of ${maxNotional.limit} per order`,
				});
			} else {
				quantity = roundDownToStep(maxNotional.limit / price, quantityStep ?? 0);
				outcome.clampedBy.push('max_notional');
			}
		}
	}
	if (outcome.clampedBy.length > 0 && quantity <= 0) {
		outcome.reasons.push({
			code: 'clamped_to_zero',
			message: `clamping to the limits leaves no quantity${quantityStep === null ? '' : ` (step ${quantityStep})`}`,
		});
	}
	outcome.quantity = quantity;
	return outcome;
}

function round(value: number): number {
	return Number(value.toPrecision(10));
}
