import {
	AuthenticationError,
	DuplicateClientOrderIdError,
	InsufficientFundsError,
	OrderNotFoundError,
} from '../broker-errors';
import type { BrokerErrorSpec } from '../base/broker-answers';
import { isRecord } from '../base/payload';
import { OANDA } from './oanda-description';

/*
 * OANDA's answers → the shared error tree.
 *
 * An error body looks like:
 *   {"errorMessage": "Insufficient authorization to perform request."}
 *   {"errorCode": "CLIENT_ORDER_ID_ALREADY_EXISTS", "errorMessage": "…",
 *    "orderRejectTransaction": {"type": "MARKET_ORDER_REJECT", "rejectReason": "CLIENT_ORDER_ID_ALREADY_EXISTS", …},
 *    "relatedTransactionIDs": ["6390"], "lastTransactionID": "6390"}
 *
 * - The message is OANDA's errorMessage, as sent; brokerCode is errorCode, else the reject
 *   transaction's rejectReason.
 * - 401 and 403 (OANDA's answer to an account the token may not use) → AuthenticationError.
 * - 429 → RateLimitedError; 5xx → BrokerUnavailableError (both retried with the same client id).
 * - CLIENT_ORDER_ID_ALREADY_EXISTS → DuplicateClientOrderIdError.
 * - INSUFFICIENT_MARGIN / INSUFFICIENT_FUNDS / INSUFFICIENT_LIQUIDITY → InsufficientFundsError.
 * - 404 → OrderNotFoundError; other 4xx → InvalidOrderError (final, not retried).
 * - Any other status → BrokerError. No answer at all → NetworkError.
 * Every message passes through the redactor, so the token never appears in one.
 */

export const CLIENT_ORDER_ID_ALREADY_EXISTS = 'CLIENT_ORDER_ID_ALREADY_EXISTS';

const REJECT_TRANSACTION_KEYS = [
	'orderRejectTransaction',
	'orderCancelRejectTransaction',
	'longOrderRejectTransaction',
	'shortOrderRejectTransaction',
] as const;

export const OANDA_ERRORS: BrokerErrorSpec = Object.freeze({
	broker: OANDA.id,
	label: OANDA.label,
	readError(body: unknown) {
		const record = isRecord(body) ? body : {};
		let code = typeof record.errorCode === 'string' && record.errorCode !== '' ? record.errorCode : undefined;
		for (const key of REJECT_TRANSACTION_KEYS) {
			const reject = record[key];
			if (code === undefined && isRecord(reject) && typeof reject.rejectReason === 'string') code = reject.rejectReason;
		}
		const message = typeof record.errorMessage === 'string' && record.errorMessage !== '' ? record.errorMessage : undefined;
		return { ...(code === undefined ? {} : { code }), ...(message === undefined ? {} : { message }) };
	},
	table: Object.freeze({
		statusFirst: { 401: AuthenticationError, 403: AuthenticationError },
		exact: {
			[CLIENT_ORDER_ID_ALREADY_EXISTS]: DuplicateClientOrderIdError,
			INSUFFICIENT_MARGIN: InsufficientFundsError,
			INSUFFICIENT_FUNDS: InsufficientFundsError,
			INSUFFICIENT_LIQUIDITY: InsufficientFundsError,
		},
		status: { 404: OrderNotFoundError },
	}),
});
