import { createHash } from 'node:crypto';

/**
 * The client order id of one order leg caused by one alert at one Broker Order node. The same
 * inputs always give the same id, so a retried execution or a redelivered alert meets the
 * broker's duplicate check instead of placing a second order. 31 characters of [a-z0-9-]: within
 * every broker's rules (Binance spot allows 36 of [a-zA-Z0-9-_], Alpaca 128, OANDA 128).
 */
export function clientOrderIdFor(scope: string, alertId: string, leg: string): string {
	const digest = createHash('sha256').update(`${scope}\n${alertId}\n${leg}`, 'utf8').digest('hex');
	return `tv-${digest.slice(0, 28)}`;
}
