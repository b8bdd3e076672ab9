import type { HttpMethod, HttpResponse } from '../http-port';
import {
	AuthenticationError,
	BrokerError,
	type BrokerErrorDetails,
	BrokerUnavailableError,
	DuplicateClientOrderIdError,
	InsufficientFundsError,
	InvalidOrderError,
	NetworkError,
	OrderNotFoundError,
	RateLimitedError,
} from '../broker-errors';
import { ALPACA_BROKER_NAME } from './alpaca-metadata';
import type { Redactor } from './alpaca-redact';

/*
 * Alpaca's answers → the shared error tree. Alpaca answers errors as {"code":<8 digits>,"message":"..."}:
 *
 *   401 {"code":40110000,"message":"request is not authorized"}      → AuthenticationError
 *   403 {"code":40310000,"message":"insufficient buying power"}      → InsufficientFundsError
 *   403 {"code":40310000,"message":"insufficient qty available for order (requested: 20, available: 10)"}
 *                                                                    → InsufficientFundsError
 *   403 anything else (forbidden)                                    → AuthenticationError
 *   422 {"code":40010001,"message":"client_order_id must be unique"} → DuplicateClientOrderIdError
 *   400 or 422 anything else                                         → InvalidOrderError
 *   404 {"code":40410000,"message":"order not found"}                → OrderNotFoundError
 *   429                                                              → RateLimitedError (retryable)
 *   5xx                                                              → BrokerUnavailableError (retryable)
 *   no answer at all                                                 → NetworkError (retryable)
 *   any other status                                                 → BrokerError (not retryable)
 *
 * 40010001 is also Alpaca's code for every other invalid request, so a duplicate is told by its
 * message. The message is Alpaca's own (its text, when the body is not JSON), with any key or
 * secret replaced; details carry { broker: 'alpaca', brokerCode: Alpaca's code, httpStatus }.
 */

export interface AlpacaErrorBody {
	code: number | string | undefined;
	message: string | undefined;
}

const INSUFFICIENT = /insufficient\s+(buying\s+power|qty|quantity|balance|funds|day\s*trading\s+buying\s+power)/i;
const DUPLICATE = /client[_ ]order[_ ]id\b.*\b(unique|already|exists)/i;
const TEXT_LIMIT = 300;

/** Reads Alpaca's {code, message}; either is undefined when the body does not carry it. */
export function readAlpacaError(body: unknown): AlpacaErrorBody {
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		const text = typeof body === 'string' ? body.trim() : '';
		return { code: undefined, message: text === '' ? undefined : text.slice(0, TEXT_LIMIT) };
	}
	const { code, message } = body as Record<string, unknown>;
	return {
		code: typeof code === 'number' || (typeof code === 'string' && code !== '') ? code : undefined,
		message: typeof message === 'string' && message.trim() !== '' ? message.slice(0, TEXT_LIMIT) : undefined,
	};
}

/** Whether a 404 body is Alpaca's own "not found" (not a proxy's page or a wrong address). */
export function isAlpacaNotFound(response: HttpResponse): boolean {
	if (response.status !== 404) return false;
	const { code, message } = readAlpacaError(response.body);
	const isObject = response.body !== null && typeof response.body === 'object';
	return isObject && (code !== undefined || message !== undefined);
}

export function alpacaErrorDetails(httpStatus: number | undefined, brokerCode?: number | string): BrokerErrorDetails {
	const details: BrokerErrorDetails = { broker: ALPACA_BROKER_NAME };
	if (brokerCode !== undefined) details.brokerCode = brokerCode;
	if (httpStatus !== undefined) details.httpStatus = httpStatus;
	return details;
}

/** The error for an answer that is not a success. */
export function alpacaErrorFor(response: HttpResponse, redact: Redactor): BrokerError {
	const { status } = response;
	const body = readAlpacaError(response.body);
	const message = redact(body.message ?? `Alpaca answered HTTP ${status} with no message`);
	const details = alpacaErrorDetails(status, body.code);
	if (status === 401) return new AuthenticationError(message, details);
	if (status === 403) {
		return INSUFFICIENT.test(message) ? new InsufficientFundsError(message, details) : new AuthenticationError(message, details);
	}
	if (status === 422 || status === 400) {
		if (DUPLICATE.test(message)) return new DuplicateClientOrderIdError(message, details);
		if (INSUFFICIENT.test(message)) return new InsufficientFundsError(message, details);
		return new InvalidOrderError(message, details);
	}
	if (status === 404) return new OrderNotFoundError(message, details);
	if (status === 429) return new RateLimitedError(message, details);
	if (status >= 500 && status <= 599) return new BrokerUnavailableError(message, details);
	return new BrokerError(`Alpaca answered HTTP ${status}: ${message}`, details);
}

/** The HttpPort threw: no answer arrived, so the request may or may not have been carried out. */
export function alpacaNetworkError(method: HttpMethod, path: string, error: unknown, redact: Redactor): NetworkError {
	const reason = error instanceof Error ? [error.message, causeOf(error)].filter(Boolean).join(': ') : String(error);
	return new NetworkError(redact(`no answer from Alpaca to ${method} ${path}: ${reason || 'unknown error'}`), alpacaErrorDetails(undefined));
}

/** A success status whose body is not what Alpaca sends: treated like a lost answer. */
export function alpacaUnreadableAnswer(status: number, what: string, problem: string, redact: Redactor): BrokerUnavailableError {
	return new BrokerUnavailableError(
		redact(`Alpaca answered HTTP ${status} but the ${what} in it could not be read: ${problem}`),
		alpacaErrorDetails(status),
	);
}

function causeOf(error: Error): string {
	const cause = (error as { cause?: unknown }).cause;
	if (cause instanceof Error) return (cause as { code?: unknown }).code ? String((cause as { code?: unknown }).code) : cause.message;
	return '';
}
