import type { RiskReason } from './reasons';
import type { RiskInput } from './risk-input';
import type { RiskSettings } from './risk-settings';

export interface QuantityOutcome {
	/** The quantity after clamping; null when the alert has none. */
	quantity: number | null;
	/** Rules that lowered it, e.g. `max_quantity`. */
	clampedBy: string[];
	reasons: RiskReason[];
	checks: string[];
}

// Tiny float noise (0.1 * 3) must not push a quantity over the step it sits on.
const EPSILON = 1e-9;

function roundDown(quantity: number, step: number | null): number {
	if (step === null) return quantity;
	const steps = Math.floor(quantity / step + EPSILON);
	return Number((steps * step).toPrecision(12));
}

/** The price the notional rule values the order at: the alert's, else the fallback. */
export function notionalPrice(input: RiskInput, fallback: number | null): number | null {
	return input.limitPrice ?? input.price ?? fallback;
}

/** Max quantity and max notional per order: each rejects, or clamps the quantity down. */
export function checkQuantity(input: RiskInput, settings: RiskSettings): QuantityOutcome {
	const outcome: QuantityOutcome = { quantity: input.quantity, clampedBy: [], reasons: [], checks: [] };
	const { maxQuantity, maxNotional, quantityStep } = settings;
	if (!maxQuantity && !maxNotional) return outcome;
	if (input.quantity === null) {
		outcome.reasons.push({
			code: 'quantity_unknown',
			message: 'the alert has no quantity, so the max quantity / max notional limits cannot be checked; send {{strategy.order.contracts}} or a fixed quantity',
		});
		return outcome;
	}
	let quantity = input.quantity;
	if (maxQuantity) {
		outcome.checks.push('max_quantity');
		if (quantity > maxQuantity.limit + EPSILON) {
			if (maxQuantity.mode === 'reject') {
				outcome.reasons.push({ code: 'max_quantity', message: `quantity ${quantity} is above the limit of ${maxQuantity.limit} per order` });
			} else {
				quantity = roundDown(maxQuantity.limit, quantityStep);
				outcome.clampedBy.push('max_quantity');
			}
		}
	}
	if (maxNotional) {
		outcome.checks.push('max_notional');
		const price = notionalPrice(input, maxNotional.fallbackPrice);
		if (price === null) {
			outcome.reasons.push({ code: 'price_unknown', message: 'the alert has no price and no fallback price is set, so the max notional limit cannot be checked' });
		} else if (quantity * price > maxNotional.limit + EPSILON) {
			if (maxNotional.mode === 'reject') {
				outcome.reasons.push({
					code: 'max_notional',
					message: `notional ${round(quantity * price)} (${quantity} × ${price}) is above the limit of ${maxNotional.limit} per order`,
				});
			} else {
				quantity = roundDown(maxNotional.limit / price, quantityStep);
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
