import type { OrderIntent } from '../broker';
import { UnsupportedError } from '../broker-errors';
import { errorDetails } from './ccxt-errors';

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
