import type { BrokerOrder, OrderIntent } from '../broker';
import { type BrokerError, InvalidOrderError } from '../broker-errors';
import { decimalText, withoutFloatNoise } from './ccxt-decimal';
import { errorDetails } from './ccxt-errors';
import { rounded } from './ccxt-order-amounts';
import type { CcxtExchange, CcxtMarket } from './ccxt-types';

/*
 * Exits (take profit, stop loss, trailing stop) on a ccxt venue that keeps them itself. A venue
 * without `exits` takes none (UnsupportedError before sending, ccxt-intent.ts).
 *
 * - check: before anything is sent, refuses what the venue cannot place (UnsupportedError) or
 *   what is malformed (InvalidOrderError);
 * - entryParams: exits that travel with the entry's createOrder (ccxt's unified takeProfit /
 *   stopLoss params); none when the venue places them after the fill;
 * - attach: places the exits of a filled entry (Broker.attachExits), each under a client id
 *   derived from the entry's (ccxt-exit-ids.ts), reading back those already there;
 * - release: before a reduce-only order, cancels the exits that hold what it needs (spot: the
 *   coins locked by open sells) or that would outlive the position it closes (USD-M);
 * - breakeven: moves the symbol's working stop losses to the entry price, never loosening one.
 * Exit prices are rounded to the market's tick (ccxt's priceToPrecision), not refused.
 */

/** The market the exits are priced in. */
export interface MarketContext {
	exchange: CcxtExchange;
	market: CcxtMarket;
	/** The market's symbol as reported (BTCUSDT on Binance). */
	symbol: string;
}

export interface ExitContext extends MarketContext {
	/** Maps anything the exchange threw into the shared error tree (the venue's codes first). */
	mapError(error: unknown): BrokerError;
}

export interface VenueExits {
	check(intent: OrderIntent): void;
	entryParams?(context: MarketContext, intent: OrderIntent): Record<string, unknown>;
	attach?(context: ExitContext, intent: OrderIntent, entry: BrokerOrder): Promise<BrokerOrder[]>;
	release?(context: ExitContext, intent: OrderIntent): Promise<void>;
	breakeven?(context: ExitContext): Promise<BrokerOrder[]>;
}

/** The price rounded to the market's tick, as decimal text; a price that rounds to 0 is refused. */
export function exitPriceText(context: MarketContext, price: number, what: string, broker: string): string {
	const text = rounded(() => context.exchange.priceToPrecision(context.market.symbol, withoutFloatNoise(price)));
	if (text === null) throw new InvalidOrderError(`the ${what} ${decimalText(price)} rounds to 0 at the price tick of ${context.symbol}`, errorDetails(broker));
	return text;
}

/** The quantity rounded down to the market's step, as decimal text, or null when it rounds to 0. */
export function exitQuantityText(context: MarketContext, quantity: number): string | null {
	return rounded(() => context.exchange.amountToPrecision(context.market.symbol, withoutFloatNoise(quantity)));
}
