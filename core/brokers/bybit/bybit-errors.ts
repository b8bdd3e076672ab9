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
 * Bybit V5 answers → the shared error tree, by retCode ({"retCode":110072,"retMsg":"OrderLinkedID
 * is duplicate","result":{}}, HTTP 200) and HTTP status, https://bybit-exchange.github.io/docs/v5/error:
 *
 *   HTTP 429 or 403 (IP rate limit), 10006, 10018, 10429               → RateLimitedError
 *   HTTP 5xx, 10000 (server timeout), 10002 (request expired), 10016 (service restarting)
 *                                                                      → BrokerUnavailableError
 *   110072 "OrderLinkedID is duplicate", 10014 "Request is duplicate"   → DuplicateClientOrderIdError
 *   110001, 170213 "Order does not exist"                             → OrderNotFoundError
 *   110004, 110007, 110012, 110044, 110045 (balance, margin)          → InsufficientFundsError
 *   10003 (invalid key), 10004 (signature), 10005 (permission), 10007, 10009, 10010 (IP),
 *   33004 (key expired), HTTP 401                                     → AuthenticationError
 *   any other retCode (10001 parameter error, 110017 reduce-only, 110094 notional…)
 *                                                                      → InvalidOrderError
 *   anything else                                                      → BrokerError (final)
 */

const RATE_LIMIT = new Set([10006, 10018, 10429]);
const UNAVAILABLE = new Set([10000, 10002, 10016]);
const DUPLICATE = new Set([110072, 10014]);
const NOT_FOUND = new Set([110001, 170213]);
const FUNDS = new Set([110004, 110007, 110012, 110044, 110045]);
const AUTH = new Set([10003, 10004, 10005, 10007, 10009, 10010, 33004]);

/** Bybit's "Set leverage not modified": the leverage already is what was asked. */
export const BYBIT_LEVERAGE_NOT_MODIFIED = 110043;

export function bybitErrorClass(code: number | undefined, _message: string, httpStatus: number | undefined): BrokerErrorClass {
	if (httpStatus === 429 || httpStatus === 403 || (code !== undefined && RATE_LIMIT.has(code))) return RateLimitedError;
	if ((httpStatus !== undefined && httpStatus >= 500) || (code !== undefined && UNAVAILABLE.has(code))) return BrokerUnavailableError;
	if (code !== undefined && DUPLICATE.has(code)) return DuplicateClientOrderIdError;
	if (code !== undefined && NOT_FOUND.has(code)) return OrderNotFoundError;
	if (code !== undefined && FUNDS.has(code)) return InsufficientFundsError;
	if (httpStatus === 401 || (code !== undefined && AUTH.has(code))) return AuthenticationError;
	if (code !== undefined && code !== 0) return InvalidOrderError;
	return BrokerError;
}
