import {
	AuthenticationError,
	BrokerError,
	BrokerUnavailableError,
	DuplicateClientOrderIdError,
	InsufficientFundsError,
	InvalidOrderError,
	NetworkError,
	OrderNotFoundError,
	RateLimitedError,
} from '../broker-errors';
import type { HttpResponse } from '../http-port';
import { oandaDetails } from './oanda-metadata';

/*
 * OANDA's answers → the shared error tree (ccxt's shape: one map, decided by status and code).
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
 * - CLIENT_ORDER_ID_ALREADY_EXISTS, whatever the status → DuplicateClientOrderIdError.
 * - 429 → RateLimitedError; 5xx → BrokerUnavailableError (both retried with the same client id).
 * - 404 → OrderNotFoundError.
 * - Other 4xx: INSUFFICIENT_MARGIN / INSUFFICIENT_FUNDS / INSUFFICIENT_LIQUIDITY →
 *   InsufficientFundsError, the rest → InvalidOrderError (final, not retried).
 * - Any other status → BrokerError. No answer at all → NetworkError.
 * Every message passes through the redactor, so the token never appears in one.
 */

export const CLIENT_ORDER_ID_ALREADY_EXISTS = 'CLIENT_ORDER_ID_ALREADY_EXISTS';

const INSUFFICIENT_FUNDS_CODES = new Set(['INSUFFICIENT_MARGIN', 'INSUFFICIENT_FUNDS', 'INSUFFICIENT_LIQUIDITY']);

const REJECT_TRANSACTION_KEYS = [
	'orderRejectTransaction',
	'orderCancelRejectTransaction',
	'longOrderRejectTransaction',
	'shortOrderRejectTransaction',
] as const;

export type Redact = (text: string) => string;

export interface OandaErrorFields {
	errorMessage: string | null;
	brokerCode: string | null;
}

export function oandaErrorFields(body: unknown): OandaErrorFields {
	const record = isRecord(body) ? body : {};
	const errorMessage = typeof record.errorMessage === 'string' && record.errorMessage !== '' ? record.errorMessage : null;
	let brokerCode = typeof record.errorCode === 'string' && record.errorCode !== '' ? record.errorCode : null;
	for (const key of REJECT_TRANSACTION_KEYS) {
		const reject = record[key];
		if (brokerCode === null && isRecord(reject) && typeof reject.rejectReason === 'string') brokerCode = reject.rejectReason;
	}
	return { errorMessage, brokerCode };
}

/** The error for an answer that is not the success the request expected. */
export function oandaErrorFrom(response: HttpResponse, what: string, redact: Redact): BrokerError {
	const { status } = response;
	const { errorMessage, brokerCode } = oandaErrorFields(response.body);
	const message = redact(errorMessage ?? `OANDA answered HTTP ${status} to ${what}`);
	const details = oandaDetails({ brokerCode: brokerCode ?? undefined, httpStatus: status });
	if (status === 401 || status === 403) return new AuthenticationError(message, details);
	if (brokerCode === CLIENT_ORDER_ID_ALREADY_EXISTS) return new DuplicateClientOrderIdError(message, details);
	if (status === 429) return new RateLimitedError(message, details);
	if (status >= 500) return new BrokerUnavailableError(message, details);
	if (status === 404) return new OrderNotFoundError(message, details);
	if (status >= 400 && status < 500) {
		if (brokerCode !== null && INSUFFICIENT_FUNDS_CODES.has(brokerCode)) return new InsufficientFundsError(message, details);
		return new InvalidOrderError(message, details);
	}
	return new BrokerError(message, details);
}

/** No answer arrived: the request may or may not have reached OANDA. */
export function oandaNetworkError(error: unknown, what: string, redact: Redact): NetworkError {
	const reason = error instanceof Error ? error.message : String(error);
	return new NetworkError(redact(`no answer from OANDA to ${what}: ${reason}`), oandaDetails());
}

/**
 * A success status whose body is not what OANDA documents (a proxy page, a cut-off answer).
 * Retryable: for an order the caller reads back before sending again.
 */
export function oandaUnexpectedAnswer(what: string, problem: string, status: number): BrokerUnavailableError {
	return new BrokerUnavailableError(`unexpected answer from OANDA to ${what}: ${problem}`, oandaDetails({ httpStatus: status }));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
