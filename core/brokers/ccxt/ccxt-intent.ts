import { BROKER_ORDER_TYPES, type OrderIntent } from '../broker';
import { InvalidOrderError, UnsupportedError } from '../broker-errors';
import { errorDetails } from './ccxt-errors';
import type { CcxtVenue } from './ccxt-venue';

/*
 * Checks on an intent that need no exchange, made before anything is sent:
 * - InvalidOrderError: the client order id (the venue's rule), an empty symbol, a side other than
 *   buy or sell, a quantity or a price that is not a finite number above 0, a limit or stop order
 *   without its price, a limit order's time in force other than gtc, ioc or fok;
 * - UnsupportedError: an order type the venue does not place; exits (take profit, stop loss,
 *   trailing stop) on a venue without them, or of a kind it cannot place (the venue's
 *   exits.check, ccxt-exits.ts).
 * Market and stop (market-on-trigger) orders carry no time in force: the intent's is not sent.
 */

export const LIMIT_TIME_IN_FORCE = Object.freeze({ gtc: 'GTC', ioc: 'IOC', fok: 'FOK' } as const);

export function checkIntent(intent: OrderIntent, venue: CcxtVenue): void {
	const refuse = (message: string): never => {
		throw new InvalidOrderError(message, errorDetails(venue.description.id));
	};
	venue.checkClientOrderId(intent.clientOrderId);
	if (typeof intent.symbol !== 'string' || intent.symbol.trim() === '') refuse('the order needs a symbol');
	if (intent.side !== 'buy' && intent.side !== 'sell') refuse(`side must be buy or sell, not ${String(intent.side)}`);
	if (!BROKER_ORDER_TYPES.includes(intent.type)) refuse(`unknown order type ${String(intent.type)}`);
	if (!venue.description.capabilities.orderTypes.includes(intent.type)) {
		throw new UnsupportedError(
			`${venue.description.label} orders here are ${venue.description.capabilities.orderTypes.join(', ')}; ${intent.type} is not supported`,
			errorDetails(venue.description.id),
		);
	}
	if (!positive(intent.quantity)) refuse(`quantity must be a number greater than 0, not ${String(intent.quantity)}`);
	if ((intent.type === 'limit' || intent.type === 'stop_limit') && !positive(intent.limitPrice)) {
		refuse(`a ${intent.type} order's limit price must be a number greater than 0, not ${String(intent.limitPrice)}`);
	}
	if ((intent.type === 'stop' || intent.type === 'stop_limit') && !positive(intent.stopPrice)) {
		refuse(`a ${intent.type} order's stop price must be a number greater than 0, not ${String(intent.stopPrice)}`);
	}
	if (present(intent.takeProfitPrice) || present(intent.stopLossPrice) || present(intent.trailingStop)) {
		if (venue.exits === undefined) {
			throw new UnsupportedError(
				`${venue.description.label} bracket orders (take-profit or stop-loss with the entry) are not supported: place the exits as their own orders`,
				errorDetails(venue.description.id),
			);
		}
		for (const [name, price] of [['take-profit', intent.takeProfitPrice], ['stop-loss', intent.stopLossPrice]] as const) {
			if (present(price) && !positive(price)) refuse(`the ${name} price must be a number greater than 0, not ${String(price)}`);
		}
		if (intent.reduceOnly) refuse('a reduce-only order carries no take profit, stop loss or trailing stop');
		venue.exits.check(intent);
	}
	if ((intent.type === 'limit' || intent.type === 'stop_limit') && !Object.hasOwn(LIMIT_TIME_IN_FORCE, intent.timeInForce)) {
		refuse(`${venue.description.label} takes limit orders with time in force gtc, ioc or fok, not ${String(intent.timeInForce)}`);
	}
}

function positive(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

function present(value: unknown): boolean {
	return value !== null && value !== undefined;
}
