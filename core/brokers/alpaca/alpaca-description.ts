import type { BrokerTimeInForce } from '../broker';
import type { BrokerErrorDetails } from '../broker-errors';
import type { DecimalTextOptions } from '../base/decimal-text';
import type { BrokerDescription } from '../base/description';
import { errorDetails } from '../base/error-details';

// What the adapter knows about Alpaca's Trading API v2 before it sends anything.

export const ALPACA_PAPER_BASE_URL = 'https://paper-api.alpaca.markets';
export const ALPACA_LIVE_BASE_URL = 'https://api.alpaca.markets';

export const ALPACA: BrokerDescription = Object.freeze({
	id: 'alpaca',
	label: 'Alpaca',
	urls: Object.freeze({ live: ALPACA_LIVE_BASE_URL, sandbox: ALPACA_PAPER_BASE_URL }),
	capabilities: Object.freeze({
		orderTypes: Object.freeze(['market', 'limit', 'stop', 'stop_limit'] as const),
		brackets: true,
		// A trailing stop is placed as an order of its own once the entry fills (stocks; not crypto).
		trailingStops: true,
		// The working stop-loss legs replaced at the average entry price (alpaca-breakeven.ts).
		breakevenStops: true,
		shortSelling: true,
		// Alpaca refuses a client_order_id used by any earlier order of the account, canceled or filled
		// ("client_order_id must be unique"), so a resend can never place a second order.
		clientOrderIdUnique: 'forever',
		// Alpaca has no such flag: the adapter checks the order against the position before sending.
		reduceOnly: true,
		hedgeMode: false,
		// Fractional shares and coins, to 9 decimals.
		fractional: true,
	}),
});

/**
 * Before a reduce-only order whose shares open orders hold (a bracket's legs), those orders are
 * cancelled and read back until Alpaca reports them done: at most this many reads each, this far
 * apart (Alpaca cancels asynchronously, through pending_cancel).
 */
export const ALPACA_CANCEL_CHECKS = 8;
export const ALPACA_CANCEL_CHECK_INTERVAL_MS = 250;

/** Every request gives up after this long; the HttpPort then throws and it becomes a NetworkError. */
export const ALPACA_TIMEOUT_MS = 15_000;

/** The most orders one GET /v2/orders returns (Alpaca's own ceiling for `limit`). */
export const ALPACA_ORDER_PAGE_LIMIT = 500;

/** Alpaca's own length limit for a client order id. */
export const ALPACA_CLIENT_ORDER_ID_MAX = 128;

/** Crypto orders take only these (stocks take every BrokerTimeInForce). */
export const ALPACA_CRYPTO_TIME_IN_FORCE: readonly BrokerTimeInForce[] = Object.freeze(['gtc', 'ioc'] as const);

/** Quantities and prices are sent with at most this many decimals (Alpaca's fractional precision). */
export const ALPACA_DECIMALS = 9;
export const ALPACA_DECIMAL_TEXT: DecimalTextOptions = Object.freeze({ maxDecimals: ALPACA_DECIMALS });

export const ALPACA_ERROR_DETAILS: BrokerErrorDetails = Object.freeze(errorDetails(ALPACA.id));
