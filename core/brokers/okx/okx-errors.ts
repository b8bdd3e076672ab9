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
 *   any other code but 0 (51000 parameter error, 51169 no position to reduce…) → InvalidOrderError
 *   anything else                                                      → BrokerError (final)
 */

export const OKX_ERRORS: ErrorTable = Object.freeze({
	codeFirst: { 50011: RateLimitedError, 50061: RateLimitedError },
	exact: {
		50001: BrokerUnavailableError,
		50004: BrokerUnavailableError,
		50013: BrokerUnavailableError,
		50026: BrokerUnavailableError,
		50102: BrokerUnavailableError,
		51016: DuplicateClientOrderIdError,
		51603: OrderNotFoundError,
		51400: OrderNotFoundError,
		51401: OrderNotFoundError,
		51402: OrderNotFoundError,
		51008: InsufficientFundsError,
		51131: InsufficientFundsError,
		50100: AuthenticationError,
		50101: AuthenticationError,
		50103: AuthenticationError,
		50104: AuthenticationError,
		50105: AuthenticationError,
		50106: AuthenticationError,
		50107: AuthenticationError,
		50110: AuthenticationError,
		50111: AuthenticationError,
		50112: AuthenticationError,
		50113: AuthenticationError,
		50114: AuthenticationError,
		50120: AuthenticationError,
	},
	status: { 401: AuthenticationError },
	otherCode: { any: InvalidOrderError, none: ['0'] },
	otherwise: BrokerError,
});
