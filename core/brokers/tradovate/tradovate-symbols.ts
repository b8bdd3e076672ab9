import { InvalidOrderError } from '../broker-errors';
import { errorDetails } from '../base/error-details';
import { TRADOVATE } from './tradovate-description';

/*
 * TradingView's futures symbols → what Tradovate is asked for:
 *
 *   NQ1!, MNQ1!, ES1!   continuous: the front month of product NQ, MNQ, ES (NQ2!: the next one)
 *   ESZ2026, ESZ26      explicit: Tradovate's contract ESZ6 (month code, last digit of the year)
 *   NQH6                explicit, already in Tradovate's form
 *
 * An exchange prefix (CME_MINI:NQ1!) is split off before the symbol reaches a broker.
 */

export type FuturesSymbol = { kind: 'continuous'; product: string; rank: number } | { kind: 'explicit'; contract: string };

const CONTINUOUS = /^([A-Z0-9][A-Z0-9]{0,5}?)([1-9])!$/;
// Product root, CME month code (F G H J K M N Q U V X Z), a year of 1, 2 or 4 digits.
const EXPLICIT = /^([A-Z0-9][A-Z0-9]{0,4}?)([FGHJKMNQUVXZ])(\d|\d{2}|\d{4})$/;

export function futuresSymbol(symbol: string): FuturesSymbol {
	const text = typeof symbol === 'string' ? symbol.trim().toUpperCase() : '';
	const continuous = CONTINUOUS.exec(text);
	if (continuous) return { kind: 'continuous', product: continuous[1], rank: Number(continuous[2]) };
	const explicit = EXPLICIT.exec(text);
	if (explicit) return { kind: 'explicit', contract: `${explicit[1]}${explicit[2]}${explicit[3].slice(-1)}` };
	throw new InvalidOrderError(
		`symbol "${text}" is not a futures symbol Tradovate can trade: use TradingView's continuous form (NQ1!, ES1!) or a contract (ESZ2026, NQH6)`,
		errorDetails(TRADOVATE.id),
	);
}
