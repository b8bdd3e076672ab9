import type { OrderIntent, TrailingStop } from '../broker';
import { UnsupportedError } from '../broker-errors';
import { errorDetails } from '../ccxt/ccxt-errors';

/**
 * Binance takes an entry's exits only once it has filled (an OCO, algo orders). A limit or stop
 * entry may rest unfilled past Exit Fill Wait and then fill with no exit at all, so such an
 * entry with exits is refused before anything is sent, naming the way that works.
 */
export function refuseRestingEntry(intent: OrderIntent, venue: 'spot' | 'USD-M'): void {
	if (intent.type === 'market') return;
	throw new UnsupportedError(
		`Binance ${venue} takes a take profit or stop loss only after the entry has filled, and a ${intent.type} entry may rest unfilled and later fill without them: send the entry as a market order`,
		errorDetails('binance'),
	);
}

/**
 * The trailing stop's percent (null without one): Binance trails by a percent only, so a
 * trailing stop by an amount is refused before anything is sent, naming the venue's parameter.
 */
export function trailingPercentOf(intent: OrderIntent, venue: 'spot' | 'USD-M', parameter: 'trailingDelta' | 'callbackRate'): number | null {
	const trailing: TrailingStop | null = intent.trailingStop ?? null;
	if (trailing === null) return null;
	if (trailing.percent === null) {
		throw new UnsupportedError(
			`Binance ${venue} trails by a percent (${parameter}), not by an amount of ${String(trailing.amount)}: send the trailing stop as stopLoss.percent`,
			errorDetails('binance'),
		);
	}
	return trailing.percent;
}
