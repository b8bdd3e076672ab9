import type { OrderSide } from '../signal/normalised-alert';
import type { AlertOrderInput, OrderSettings } from './order-input';
import { fail, type Planned } from './order-failure';

/**
 * A stop closer to the entry than this fraction of its price is refused for risk sizing: the
 * size grows as the distance shrinks, so a stop at the entry (a rendering slip) would size an
 * order without bound. One basis point is below a one-pip forex stop.
 */
export const MIN_STOP_DISTANCE_FRACTION = 0.0001;

const PRECISION = 1e9;

/** Rounds down to a multiple of `step` (0 = no rounding), free of binary-fraction residue. */
export function roundDownToStep(quantity: number, step: number): number {
	const clean = Math.round(quantity * PRECISION) / PRECISION;
	if (step <= 0) return clean;
	const steps = Math.floor(Math.round((clean / step) * PRECISION) / PRECISION);
	return Math.round(steps * step * PRECISION) / PRECISION;
}

/** The price the order enters at: its limit, its stop trigger, else the alert price. */
export function entryPrice(input: AlertOrderInput): number | null {
	if (input.orderType === 'limit' || input.orderType === 'stop_limit') return input.limitPrice ?? input.price;
	if (input.orderType === 'stop') return input.stopPrice ?? input.price;
	return input.price ?? input.limitPrice ?? input.stopPrice;
}

/**
 * How many units to order for an opening alert. `equity` is only read by the modes that need
 * it, so the caller may fetch the account lazily.
 */
export async function sizeOrder(
	input: AlertOrderInput,
	settings: OrderSettings,
	equity: () => Promise<number>,
	side: OrderSide,
): Promise<Planned<number>> {
	let quantity: number;
	const price = entryPrice(input);
	switch (settings.sizingMode) {
		// alertMultiple never reaches here: planning scales the alert and sizes it as 'alert' (scaled-alert.ts).
		case 'alert':
		case 'alertMultiple':
			if (input.quantity === null) {
				return fail('quantity_missing', 'quantity', 'the alert has no quantity: send qty in the alert or choose another sizing mode');
			}
			quantity = input.quantity;
			break;
		case 'fixed':
			quantity = settings.sizingValue;
			break;
		case 'notional':
			if (price === null) return fail('price_missing', 'price', 'sizing by amount needs a price in the alert');
			quantity = settings.sizingValue / price;
			break;
		case 'percentOfEquity':
			if (price === null) return fail('price_missing', 'price', 'sizing by percent of equity needs a price in the alert');
			quantity = ((await equity()) * settings.sizingValue) / 100 / price;
			break;
		case 'riskPercent': {
			if (price === null) return fail('price_missing', 'price', 'risk-based sizing needs a price in the alert');
			// A stop or stop-limit order's stop price is its entry trigger, not a stop-loss.
			const entryTrigger = input.orderType === 'stop' || input.orderType === 'stop_limit';
			const stop = input.stopLossPrice ?? (entryTrigger ? null : input.stopPrice);
			if (stop === null) return fail('stop_missing', 'stopLossPrice', 'risk-based sizing needs a stop-loss price');
			if ((side === 'buy' && stop >= price) || (side === 'sell' && stop <= price)) {
				return fail('invalid_field', 'stopLossPrice', `the stop-loss price ${stop} is on the wrong side of the entry price ${price} for a ${side}: it must be ${side === 'buy' ? 'below' : 'above'} it`);
			}
			const distance = Math.abs(price - stop);
			if (distance < price * MIN_STOP_DISTANCE_FRACTION) {
				return fail('invalid_field', 'stopLossPrice', `the stop-loss price ${stop} is too close to the entry price ${price} (less than 0.01 %) to size by risk`);
			}
			quantity = ((await equity()) * settings.sizingValue) / 100 / distance;
			break;
		}
	}
	// The cap bounds every sizing mode; the risk and equity modes can otherwise grow without limit.
	if (settings.maxSizedQuantity !== null && quantity > settings.maxSizedQuantity) quantity = settings.maxSizedQuantity;
	const rounded = roundDownToStep(quantity, settings.quantityStep);
	if (!(rounded > 0)) {
		return fail('quantity_rounds_to_zero', 'quantity', `the order size ${quantity} rounds down to 0 with quantity step ${settings.quantityStep}`);
	}
	return { ok: true, value: rounded };
}
