import type { OrderIntent } from '../broker';
import { type BrokerError, InvalidOrderError, UnsupportedError } from '../broker-errors';
import { ALPACA_DECIMALS, ALPACA_ERROR_DETAILS } from './alpaca-description';
import type { AlpacaSymbol } from './alpaca-symbols';

/*
 * Checks Alpaca cannot make for us, against the position read just before sending:
 * - reduceOnly: Alpaca has no reduce-only flag, so a reduce-only order must be on the other side
 *   of the position and no larger, else InvalidOrderError.
 * - crypto cannot be sold short at Alpaca: a crypto sell larger than the coins held is
 *   UnsupportedError.
 * Quantities are compared at Alpaca's 9 decimals. The position can still change between the
 * read and the order (another order filling); Alpaca's own checks remain behind this one.
 * Shares held by open orders (a bracket's legs) are not this guard's concern: the broker frees
 * them before a reduce-only order (alpaca-release-shares.ts) and checks the position again.
 */

export function needsPosition(intent: OrderIntent, symbol: AlpacaSymbol): boolean {
	return intent.reduceOnly === true || (symbol.crypto && intent.side === 'sell');
}

export function positionRefusal(intent: OrderIntent, symbol: AlpacaSymbol, held: number): BrokerError | null {
	const quantity = rounded(intent.quantity);
	const position = rounded(held);
	if (intent.reduceOnly === true) {
		const reduces = intent.side === 'sell' ? position > 0 && quantity <= position : position < 0 && quantity <= -position;
		if (!reduces) {
			return new InvalidOrderError(
				`a reduce-only ${intent.side} of ${quantity} ${symbol.order} would not only reduce the Alpaca position of ${position}`,
				ALPACA_ERROR_DETAILS,
			);
		}
	}
	if (symbol.crypto && intent.side === 'sell' && quantity > Math.max(position, 0)) {
		return new UnsupportedError(
			`Alpaca does not sell crypto short: a sell of ${quantity} ${symbol.order} is more than the ${Math.max(position, 0)} held`,
			ALPACA_ERROR_DETAILS,
		);
	}
	return null;
}

/** A quantity at Alpaca's 9 decimals, as compared here. */
export function rounded(value: number): number {
	return Number(value.toFixed(ALPACA_DECIMALS));
}
