import type { OrderIntent } from '../brokers/broker';
import type { OrderSide } from '../signal/normalised-alert';
import { clientOrderIdFor } from './client-order-id';
import { type EntryExits, NO_EXITS } from './exit-prices';
import type { AlertOrderInput, OrderSettings } from './order-input';

/** `open` and `target` may open or grow a position; `close` and `reduce` only shrink one. */
export type OrderLeg = 'open' | 'close' | 'reduce' | 'target';

export type PlanStep =
	| { kind: 'cancel_open_orders'; symbol: string }
	/** Moves the working stop losses of the symbol's position to its average price (brokers whose capabilities say breakevenStops). */
	| { kind: 'move_stop_to_breakeven'; symbol: string }
	| { kind: 'place'; leg: OrderLeg; intent: OrderIntent };

export type PlaceStep = Extract<PlanStep, { kind: 'place' }>;

/** The side that shrinks a signed position. */
export const sideAgainst = (position: number): OrderSide => (position > 0 ? 'sell' : 'buy');

export const signedQuantity = (side: OrderSide, quantity: number): number => (side === 'buy' ? quantity : -quantity);

/** Builds the plan's legs for one alert with deterministic client order ids. */
export function legBuilder(input: AlertOrderInput & { alertId: string; symbol: string }, settings: OrderSettings, scope: string) {
	const intent = (leg: OrderLeg, side: OrderSide, quantity: number, reduceOnly: boolean, exits: EntryExits): OrderIntent => ({
		clientOrderId: clientOrderIdFor(scope, input.alertId, leg),
		symbol: input.symbol,
		side,
		quantity,
		// A leg that only shrinks a position is a reduce-only market order without the entry's
		// limit, stop or bracket prices: it must not rest or carry a new take profit.
		type: reduceOnly ? 'market' : (input.orderType ?? 'market'),
		limitPrice: reduceOnly ? null : input.limitPrice,
		stopPrice: reduceOnly ? null : input.stopPrice,
		timeInForce: input.timeInForce ?? settings.defaultTimeInForce,
		takeProfitPrice: reduceOnly ? null : exits.takeProfitPrice,
		stopLossPrice: reduceOnly ? null : exits.stopLossPrice,
		...(reduceOnly || exits.trailingStop === null ? {} : { trailingStop: exits.trailingStop }),
		reduceOnly,
		referencePrice: input.price,
		alertId: input.alertId,
	});
	return {
		/** Shrinks `position` by `quantity` (at most its size). */
		shrink: (leg: 'close' | 'reduce', position: number, quantity: number): PlaceStep => ({
			kind: 'place',
			leg,
			intent: intent(leg, sideAgainst(position), Math.min(quantity, Math.abs(position)), true, NO_EXITS),
		}),
		/** Opens or grows a position, with the entry's exits (resolveExits for its side). */
		open: (leg: 'open' | 'target', side: OrderSide, quantity: number, exits: EntryExits): PlaceStep => ({
			kind: 'place',
			leg,
			intent: intent(leg, side, quantity, false, exits),
		}),
	};
}

/** The position after the plan's legs, from the one it started with. */
export function positionAfter(position: number, steps: PlanStep[]): number {
	let after = position;
	for (const step of steps) if (step.kind === 'place') after += signedQuantity(step.intent.side, step.intent.quantity);
	return Math.round(after * 1e9) / 1e9;
}
