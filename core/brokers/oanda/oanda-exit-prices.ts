import type { OrderIntent, TrailingStop } from '../broker';
import { InvalidOrderError } from '../broker-errors';
import { decimalText } from '../base/decimal-text';
import type { OandaInstrumentDetails } from './oanda-instrument-details';
import { OANDA_ERROR_DETAILS } from './oanda-description';

/*
 * An entry's exits as OANDA takes them, at the instrument's displayPrecision (to the nearest):
 * - take profit and stop loss: prices, rounded (1.0850123 on EUR_USD, 5 decimals → "1.08501");
 * - a trailing stop: a distance in price units. An amount is the distance; a percent becomes one
 *   measured from the entry's price (its limit price, its stop price for a stop order, else the
 *   alert's price): 0.5 % of 1.1 on EUR_USD → "0.0055". A distance OANDA would refuse (below the
 *   instrument's minimumTrailingStopDistance, above its maximum, or rounding to 0) is refused here,
 *   before anything is sent.
 */

export function roundToPrecision(value: number, precision: number): number {
	return Number((Math.round(Number(`${value}e${precision}`)) / 10 ** precision).toFixed(precision));
}

export function exitPriceText(value: number, precision: number, what: string): string {
	const rounded = roundToPrecision(value, precision);
	if (!(rounded > 0)) invalid(`the ${what} ${value} rounds to ${rounded} at the instrument's ${precision} decimals`);
	return decimalText(rounded);
}

export function trailingDistanceText(intent: OrderIntent, trailing: TrailingStop, details: OandaInstrumentDetails): string {
	let distance: number;
	if (trailing.amount !== null) distance = trailing.amount;
	else {
		const base = intent.type === 'limit' ? intent.limitPrice : intent.type === 'stop' || intent.type === 'stop_limit' ? intent.stopPrice : intent.referencePrice;
		if (base === null || !(base > 0)) {
			invalid("a trailing stop given as a percent needs the entry's price to become OANDA's distance: send price in the alert");
		}
		distance = (base * (trailing.percent ?? 0)) / 100;
	}
	const rounded = roundToPrecision(distance, details.displayPrecision);
	if (!(rounded > 0)) invalid(`the trailing stop distance ${distance} rounds to 0 at ${details.name}'s ${details.displayPrecision} decimals`);
	const minimum = details.minimumTrailingStopDistance;
	if (minimum !== null && rounded < minimum) {
		invalid(`the trailing stop distance ${decimalText(rounded)} is below OANDA's minimum of ${decimalText(minimum)} for ${details.name}`);
	}
	const maximum = details.maximumTrailingStopDistance;
	if (maximum !== null && rounded > maximum) {
		invalid(`the trailing stop distance ${decimalText(rounded)} is above OANDA's maximum of ${decimalText(maximum)} for ${details.name}`);
	}
	return decimalText(rounded);
}

function invalid(message: string): never {
	throw new InvalidOrderError(message, OANDA_ERROR_DETAILS);
}
