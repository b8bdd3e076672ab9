import type { BrokerErrorDetails } from '../broker-errors';
import type { BrokerDescription } from '../base/description';
import { errorDetails } from '../base/error-details';

// What the OANDA adapter is: its hosts, what it can do, and the limits it works within.

export const OANDA_PRACTICE_URL = 'https://api-fxpractice.oanda.com';
export const OANDA_LIVE_URL = 'https://api-fxtrade.oanda.com';

export const OANDA: BrokerDescription = Object.freeze({
	id: 'oanda',
	label: 'OANDA',
	urls: Object.freeze({ live: OANDA_LIVE_URL, sandbox: OANDA_PRACTICE_URL }),
	capabilities: Object.freeze({
		orderTypes: Object.freeze(['market', 'limit', 'stop', 'stop_limit'] as const),
		brackets: true,
		// trailingStopLossOnFill: OANDA trails from the fill by a distance.
		trailingStops: true,
		// Each open trade's stop loss replaced at the trade's price (oanda-breakeven.ts).
		breakevenStops: true,
		shortSelling: true,
		// OANDA refuses a client id only while the order holding it is pending
		// (CLIENT_ORDER_ID_ALREADY_EXISTS: "already assigned to another pending Order").
		clientOrderIdUnique: 'while_open',
		// positionFill REDUCE_ONLY.
		reduceOnly: true,
		// Positions are read net (long units + short units), also on an account that hedges.
		hedgeMode: false,
		// Currencies trade in whole units (tradeUnitsPrecision 0); OANDA refuses finer units.
		fractional: false,
	}),
});

/** Each request waits at most this long for an answer; no answer is a NetworkError. */
export const OANDA_REQUEST_TIMEOUT_MS = 10_000;

/**
 * How far back, in transaction ids, a client order id is searched for when OANDA's own lookup
 * by client id (`orders/@id`) does not find it (see oanda-order-history.ts).
 */
export const OANDA_HISTORY_LOOKBACK = 1_000;

/** The widest id range asked for in one transactions/idrange request. */
export const OANDA_IDRANGE_PAGE = 1_000;

/** OANDA refuses client ids longer than this. */
export const OANDA_CLIENT_ID_MAX_LENGTH = 128;

export const OANDA_ERROR_DETAILS: BrokerErrorDetails = Object.freeze(errorDetails(OANDA.id));
