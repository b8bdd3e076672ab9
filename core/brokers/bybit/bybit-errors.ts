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
 *   any other retCode but 0 (10001 parameter error, 110017 reduce-only, 110094 notional…)
 *                                                                      → InvalidOrderError
 *   anything else                                                      → BrokerError (final)
 */

export const BYBIT_ERRORS: ErrorTable = Object.freeze({
	codeFirst: { 10006: RateLimitedError, 10018: RateLimitedError, 10429: RateLimitedError },
	statusFirst: { 403: RateLimitedError },
	exact: {
		10000: BrokerUnavailableError,
		10002: BrokerUnavailableError,
		10016: BrokerUnavailableError,
		110072: DuplicateClientOrderIdError,
		10014: DuplicateClientOrderIdError,
		110001: OrderNotFoundError,
		170213: OrderNotFoundError,
		110004: InsufficientFundsError,
		110007: InsufficientFundsError,
		110012: InsufficientFundsError,
		110044: InsufficientFundsError,
		110045: InsufficientFundsError,
		10003: AuthenticationError,
		10004: AuthenticationError,
		10005: AuthenticationError,
		10007: AuthenticationError,
		10009: AuthenticationError,
		10010: AuthenticationError,
		33004: AuthenticationError,
	},
	status: { 401: AuthenticationError },
	otherCode: { any: InvalidOrderError, none: ['0'] },
	otherwise: BrokerError,
});

/** Bybit's "Set leverage not modified": the leverage already is what was asked. */
export const BYBIT_LEVERAGE_NOT_MODIFIED = 110043;
