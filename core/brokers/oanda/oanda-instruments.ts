import { InvalidOrderError } from '../broker-errors';
import { OANDA_ERROR_DETAILS } from './oanda-description';

/*
 * TradingView symbols → OANDA instrument names (BASE_QUOTE).
 *
 * - Six letters are a currency pair or a metal: EURUSD → EUR_USD, XAUUSD → XAU_USD.
 * - A symbol that already has a separator keeps its two parts: EUR/USD, EUR_USD, SPX500/USD →
 *   EUR_USD, EUR_USD, SPX500_USD.
 * - An exchange prefix is dropped (OANDA:EURUSD → EUR_USD) and letters are upper-cased.
 * - Anything else (SPX500USD, NAS100USD, BTCUSDT) is an InvalidOrderError naming the expected
 *   form: where an index or commodity name ends and its currency begins is not guessed, because a
 *   wrong guess is a wrong order. Write those as SPX500_USD or SPX500/USD.
 *
 * Orders, positions and read-backs report OANDA's instrument name (EUR_USD), the same whichever
 * spelling was sent, so a placed order and its read-back always agree.
 */

const PAIR = /^[A-Z]{6}$/;
const SEPARATED = /^([A-Z0-9]+)[/_]([A-Z0-9]+)$/;

export function toOandaInstrument(symbol: string): string {
	const raw = typeof symbol === 'string' ? symbol.trim().toUpperCase() : '';
	const bare = raw.includes(':') ? raw.slice(raw.lastIndexOf(':') + 1) : raw;
	if (PAIR.test(bare)) return `${bare.slice(0, 3)}_${bare.slice(3)}`;
	const separated = SEPARATED.exec(bare);
	if (separated) return `${separated[1]}_${separated[2]}`;
	throw new InvalidOrderError(
		`OANDA cannot tell the instrument in symbol "${String(symbol)}": use six letters (EURUSD, XAUUSD) or BASE_QUOTE / BASE/QUOTE (EUR_USD, SPX500_USD)`,
		OANDA_ERROR_DETAILS,
	);
}
