import type { AlertAction, OrderSide, QuantityType, StopLoss } from './normalised-alert';
import { MARKET_POSITIONS, ORDER_TYPES, SENTIMENTS, TIME_IN_FORCE } from './normalised-alert';

/** The words accepted for one enumerated field (compared lowercased) and what each one means. */
export interface Vocabulary<T extends string> {
	meanings: ReadonlyMap<string, T>;
	/** How the accepted words are named in an issue. */
	expected: string;
}

function vocabulary<T extends string>(
	entries: ReadonlyArray<readonly [string, T]>,
	expected: string,
): Vocabulary<T> {
	return { meanings: new Map(entries), expected };
}

function identity<T extends string>(values: readonly T[]): Array<readonly [string, T]> {
	return values.map((value) => [value, value] as const);
}

/** A Map, not an object: `constructor` or `toString` must not look like a known word. */
export function meaningOf<T extends string>(words: Vocabulary<T>, word: string): T | null {
	return words.meanings.get(word.trim().toLowerCase()) ?? null;
}

export const ACTION_WORDS = vocabulary<AlertAction>(
	[
		['buy', 'buy'],
		['sell', 'sell'],
		['add', 'add'],
		['exit', 'exit'],
		['cancel', 'cancel'],
		['breakeven', 'breakeven'],
		['break_even', 'breakeven'],
		['break-even', 'breakeven'],
		['price', 'price'],
		['long', 'buy'],
		['short', 'sell'],
		['close', 'exit'],
		['flat', 'exit'],
	],
	'buy, sell, add, exit, cancel, breakeven or price (long, short, close and flat also work)',
);

export const ORDER_SIDE_WORDS = vocabulary<OrderSide>(
	[
		['buy', 'buy'],
		['sell', 'sell'],
	],
	'buy or sell',
);

export const SENTIMENT_WORDS = vocabulary<(typeof SENTIMENTS)[number]>(
	[
		['long', 'long'],
		['bullish', 'long'],
		['short', 'short'],
		['bearish', 'short'],
		['flat', 'flat'],
	],
	'long, short or flat (bullish and bearish also work)',
);

export const ORDER_TYPE_WORDS = vocabulary<(typeof ORDER_TYPES)[number]>(
	[...identity(ORDER_TYPES), ['stop-limit', 'stop_limit'], ['stoplimit', 'stop_limit']],
	'market, limit, stop or stop_limit',
);

/**
 * TradersPost's other quantity types (dollar_amount, risk_dollar_amount, percent_of_equity) are
 * not taken: the quantity would otherwise be read as units. Broker Order's Sizing does those.
 */
export const QUANTITY_TYPE_WORDS = vocabulary<QuantityType>(
	[
		['fixed_quantity', 'fixed_quantity'],
		['percent_of_position', 'percent_of_position'],
	],
	"fixed_quantity or percent_of_position (size by amount, risk or equity with Broker Order's Sizing instead)",
);

export const STOP_LOSS_TYPE_WORDS = vocabulary<NonNullable<StopLoss['type']>>(
	[
		['stop', 'stop'],
		['stop_limit', 'stop_limit'],
		['stop-limit', 'stop_limit'],
		['stoplimit', 'stop_limit'],
		['trailing_stop', 'trailing_stop'],
		['trailing-stop', 'trailing_stop'],
		['trailingstop', 'trailing_stop'],
	],
	'stop, stop_limit or trailing_stop',
);

export const TIME_IN_FORCE_WORDS = vocabulary(
	identity(TIME_IN_FORCE),
	'day, gtc, ioc, fok, opg or cls',
);

export const MARKET_POSITION_WORDS = vocabulary(identity(MARKET_POSITIONS), 'long, short or flat');
