import {
	AuthenticationError,
	BrokerError,
	BrokerUnavailableError,
	DuplicateClientOrderIdError,
	InsufficientFundsError,
	InvalidOrderError,
	OrderNotFoundError,
	RateLimitedError,
} from '../broker-errors';
import type { ErrorTable } from '../base/error-table';

/*
 * Binance's answers → the shared error tree, decided by Binance's own code ({"code":-2010,"msg":...})
 * and HTTP status, not by ccxt's class: ccxt picks its spot or futures table by the URL's host,
 * which a proxy or test base URL does not match, and maps some codes loosely (-2010 is
 * InvalidOrder for every reason a new order is rejected).
 *
 *   HTTP 429, 418, -1003, -1015 (too many requests / orders)           → RateLimitedError
 *   HTTP 5xx or 408, -1000, -1001, -1006, -1007, -1008, -1021 (timestamp)
 *                                                                      → BrokerUnavailableError
 *     (-1006 and -1007, answered 503 or 408, say "execution status unknown": the order may have
 *     been taken, so it is retryable only after a read-back)
 *   -2010 "Duplicate order sent." (spot), -4116 "ClientOrderId is duplicated." (USD-M)
 *                                                                      → DuplicateClientOrderIdError
 *   -2010 / -2018 / -2019 / -4xxx about balance or margin              → InsufficientFundsError
 *   -2013 "Order does not exist.", -2011 "Unknown order sent."         → OrderNotFoundError
 *   -1002, -1022, -2008, -2014, -2015, -1099, HTTP 401                 → AuthenticationError
 *   any other code with HTTP 400 (-1013 filter failures, -1100…-1199, -2010 others, -4xxx)
 *                                                                      → InvalidOrderError
 *   anything else                                                      → BrokerError (final)
 *
 * "Duplicate" decides only under -2010: -1101 says "Duplicate values for a parameter detected."
 */

const INSUFFICIENT = /insufficient|not enough (balance|margin)|margin is insufficient/i;

export const BINANCE_ERRORS: ErrorTable = Object.freeze({
	codeFirst: { '-1003': RateLimitedError, '-1015': RateLimitedError },
	statusFirst: { 418: RateLimitedError, 408: BrokerUnavailableError },
	exact: {
		'-1000': BrokerUnavailableError,
		'-1001': BrokerUnavailableError,
		'-1006': BrokerUnavailableError,
		'-1007': BrokerUnavailableError,
		'-1008': BrokerUnavailableError,
		'-1021': BrokerUnavailableError,
		'-4116': DuplicateClientOrderIdError,
		'-2018': InsufficientFundsError,
		'-2019': InsufficientFundsError,
		'-2011': OrderNotFoundError,
		'-2013': OrderNotFoundError,
		'-1002': AuthenticationError,
		'-1022': AuthenticationError,
		'-1099': AuthenticationError,
		'-2008': AuthenticationError,
		'-2014': AuthenticationError,
		'-2015': AuthenticationError,
	},
	codeTexts: [
		[/^-2010$/, /duplicat/i, DuplicateClientOrderIdError],
		// -2010 and every code from -4000 down (USD-M's).
		[/^-(2010|[4-9]\d{3}|[1-9]\d{4,})$/, INSUFFICIENT, InsufficientFundsError],
	] as const,
	status: { 401: AuthenticationError },
	otherCode: { status: { 400: InvalidOrderError } },
	otherwise: BrokerError,
});
