import type { OrderIntent } from '../broker';
import { InvalidOrderError } from '../broker-errors';
import type { UsdmSides } from './binance-usdm-holdings';
import { errorDetails } from '../ccxt/ccxt-errors';

/*
 * Binance USD-M hedge mode (dualSidePosition true): an account holds a LONG and a SHORT position
 * per symbol, and every order names the one it works on with positionSide:
 *
 *   entry buy          → BUY  + positionSide LONG   (opens or adds to the long)
 *   entry sell         → SELL + positionSide SHORT  (opens or adds to the short)
 *   reduce-only sell   → SELL + positionSide LONG   (reduces the long; never opens a short)
 *   reduce-only buy    → BUY  + positionSide SHORT  (reduces the short)
 *
 * Binance refuses the reduceOnly parameter in hedge mode: the positionSide says it instead.
 * Before a reduce-only order the legs are read, and the order is refused (InvalidOrderError)
 * when the leg it reduces is smaller than the order, or when both legs are open: the position
 * is reported netted, so an exit sized from it cannot be matched to one leg safely.
 */

export type HedgeSide = 'LONG' | 'SHORT';

export function hedgePositionSide(intent: Pick<OrderIntent, 'side' | 'reduceOnly'>): HedgeSide {
	const longLeg = intent.side === 'buy' ? !intent.reduceOnly : intent.reduceOnly;
	return longLeg ? 'LONG' : 'SHORT';
}

export function hedgeExitRefusal(intent: OrderIntent, quantity: number, symbol: string, sides: UsdmSides): InvalidOrderError | null {
	const leg = hedgePositionSide(intent);
	const held = leg === 'LONG' ? sides.long : -sides.short;
	if (sides.long > 0 && sides.short < 0) {
		return refusal(
			`Binance USD-M holds both a LONG (${sides.long}) and a SHORT (${-sides.short}) ${symbol} position (hedge mode), reported netted as ${Number((sides.long + sides.short).toPrecision(15))}; a reduce-only ${intent.side} cannot tell which to reduce: close one side at Binance first`,
		);
	}
	if (quantity > held) {
		return refusal(`a reduce-only ${intent.side} of ${quantity} ${symbol} would not only reduce the Binance USD-M ${leg} position of ${held} (hedge mode)`);
	}
	return null;
}

function refusal(message: string): InvalidOrderError {
	return new InvalidOrderError(message, errorDetails('binance'));
}
