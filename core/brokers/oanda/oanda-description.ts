import type { BrokerCapabilities } from '../broker';
import type { BrokerErrorDetails } from '../broker-errors';

// What the OANDA adapter is: its hosts, what it can do, and the limits it works within.

export const OANDA_PRACTICE_URL = 'https://api-fxpractice.oanda.com';
export const OANDA_LIVE_URL = 'https://api-fxtrade.oanda.com';

export const OANDA_BROKER_NAME = 'oanda';

export const OANDA_CAPABILITIES: BrokerCapabilities = Object.freeze({
	orderTypes: Object.freeze(['market', 'limit', 'stop', 'stop_limit'] as const),
	brackets: true,
	// trailingStopLossOnFill: OANDA trails from the fill by a distance.
	trailingStops: true,
	shortSelling: true,
	// OANDA refuses a client id only while the order holding it is pending
	// (CLIENT_ORDER_ID_ALREADY_EXISTS: "already assigned to another pending Order").
	clientOrderIdUnique: 'while_open',
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

export function oandaDetails(extra: Omit<BrokerErrorDetails, 'broker'> = {}): BrokerErrorDetails {
	const details: BrokerErrorDetails = { broker: OANDA_BROKER_NAME };
	if (extra.brokerCode !== undefined) details.brokerCode = extra.brokerCode;
	if (extra.httpStatus !== undefined) details.httpStatus = extra.httpStatus;
	return details;
}
