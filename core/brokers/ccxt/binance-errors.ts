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
import type { BrokerErrorClass } from '../base/error-table';

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
 */

const RATE_LIMIT_CODES = new Set([-1003, -1015]);
const UNAVAILABLE_CODES = new Set([-1000, -1001, -1006, -1007, -1008, -1021]);
const AUTH_CODES = new Set([-1002, -1022, -1099, -2008, -2014, -2015]);
const NOT_FOUND_CODES = new Set([-2011, -2013]);
const FUNDS_CODES = new Set([-2018, -2019]);

const DUPLICATE = /duplicat/i;
const INSUFFICIENT = /insufficient|not enough (balance|margin)|margin is insufficient/i;

export function binanceErrorClass(code: number | undefined, message: string, httpStatus: number | undefined): BrokerErrorClass {
	if (httpStatus === 429 || httpStatus === 418 || (code !== undefined && RATE_LIMIT_CODES.has(code))) return RateLimitedError;
	if ((httpStatus !== undefined && (httpStatus >= 500 || httpStatus === 408)) || (code !== undefined && UNAVAILABLE_CODES.has(code))) return BrokerUnavailableError;
	if (code === -4116 || (code === -2010 && DUPLICATE.test(message))) return DuplicateClientOrderIdError;
	if ((code !== undefined && FUNDS_CODES.has(code)) || ((code === -2010 || (code !== undefined && code <= -4000)) && INSUFFICIENT.test(message))) {
		return InsufficientFundsError;
	}
	if (code !== undefined && NOT_FOUND_CODES.has(code)) return OrderNotFoundError;
	if (httpStatus === 401 || (code !== undefined && AUTH_CODES.has(code))) return AuthenticationError;
	if (code !== undefined && (httpStatus === 400 || httpStatus === undefined)) return InvalidOrderError;
	return BrokerError;
}
