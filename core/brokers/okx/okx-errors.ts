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
 * OKX v5 answers → the shared error tree, by the code of the answer ({"code":"50113","msg":
 * "Invalid Sign","data":[]}) or, for a refused order, of its item ({"code":"1","data":[{"sCode":
 * "51016","sMsg":"Duplicated clOrdId"}]}, read by ccxt-errors.ts), and HTTP status
 * (https://www.okx.com/docs-v5/en/#error-code):
 *
 *   HTTP 429, 50011, 50061 (too many requests)                        → RateLimitedError
 *   HTTP 5xx, 50001, 50004, 50013, 50026 (unavailable, busy, timeout), 50102 (timestamp expired)
 *                                                                      → BrokerUnavailableError
 *   51016 "Duplicated clOrdId"                                         → DuplicateClientOrderIdError
 *   51603 "Order does not exist", 51400, 51401, 51402 (cancel: none, cancelled, completed)
 *                                                                      → OrderNotFoundError
 *   51008, 51131 (balance, margin)                                     → InsufficientFundsError
 *   50100–50114 (key, passphrase, timestamp format, signature, IP), 50120, HTTP 401
 *                                                                      → AuthenticationError
 *   any other code (51000 parameter error, 51169 no position to reduce…) → InvalidOrderError
 *   anything else                                                      → BrokerError (final)
 */

const RATE_LIMIT = new Set([50011, 50061]);
const UNAVAILABLE = new Set([50001, 50004, 50013, 50026, 50102]);
const NOT_FOUND = new Set([51603, 51400, 51401, 51402]);
const FUNDS = new Set([51008, 51131]);
const AUTH = new Set([50100, 50101, 50103, 50104, 50105, 50106, 50107, 50110, 50111, 50112, 50113, 50114, 50120]);

export function okxErrorClass(code: number | undefined, _message: string, httpStatus: number | undefined): BrokerErrorClass {
	if (httpStatus === 429 || (code !== undefined && RATE_LIMIT.has(code))) return RateLimitedError;
	if ((httpStatus !== undefined && httpStatus >= 500) || (code !== undefined && UNAVAILABLE.has(code))) return BrokerUnavailableError;
	if (code === 51016) return DuplicateClientOrderIdError;
	if (code !== undefined && NOT_FOUND.has(code)) return OrderNotFoundError;
	if (code !== undefined && FUNDS.has(code)) return InsufficientFundsError;
	if (httpStatus === 401 || (code !== undefined && AUTH.has(code))) return AuthenticationError;
	if (code !== undefined && code !== 0) return InvalidOrderError;
	return BrokerError;
}
