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
	UnsupportedError,
} from '../broker-errors';
import { type BrokerErrorClass, type ErrorTable, errorClassFor } from '../base/error-table';
import { type CapturedAnswer, capturedAnswer } from './ccxt-error-capture';
import { clipped, type Redactor } from '../base/redact';
import type { CcxtErrorClasses } from './ccxt-types';

/*
 * ccxt's exceptions → the shared error tree.
 *
 * The message is the exchange's own ("msg" or "message" of its JSON answer, or its text), else
 * ccxt's message without the leading exchange id; either way with the credential and every URL's
 * query string removed (redactor), at most 300 characters. Details carry the exchange's code
 * (from its JSON answer) and the HTTP status, when there was an answer.
 *
 * A venue may decide an answer by the exchange's own code, through its error table (Binance,
 * Bybit, OKX: binance/binance-errors.ts…); otherwise ccxt's class decides, most specific first:
 *
 *   DuplicateOrderId, or an order rejection whose message says the client id is taken
 *                                                       → DuplicateClientOrderIdError
 *   OrderNotFound                                        → OrderNotFoundError
 *   InsufficientFunds                                    → InsufficientFundsError
 *   AuthenticationError (PermissionDenied, AccountSuspended…) → AuthenticationError
 *   NotSupported                                         → UnsupportedError
 *   InvalidOrder, BadSymbol, BadRequest, ArgumentsRequired, OperationRejected → InvalidOrderError
 *   RateLimitExceeded, DDoSProtection                    → RateLimitedError (retryable)
 *   ExchangeNotAvailable, OnMaintenance, InvalidNonce, BadResponse, other OperationFailed
 *                                                        → BrokerUnavailableError (retryable)
 *   RequestTimeout, other NetworkError (no answer)       → NetworkError (retryable)
 *   ExchangeError, anything else                         → BrokerError (final)
 */

export interface ErrorMapping {
	broker: string;
	/** How the exchange is named in messages, e.g. 'Binance', 'Kraken'. */
	label: string;
	exchangeId: string;
	ccxt: CcxtErrorClasses;
	redact: Redactor;
	/** Decides by the exchange's own code, when the venue knows its codes. */
	table?: ErrorTable;
}

const DUPLICATE_ID =
	/\b(client[\s_-]*(order)?[\s_-]*id|clordid|clientoid|cl_ord_id)\b.*\b(duplicat\w*|already|exists?|unique|used)\b|\bduplicat\w*\s+(order|client)/i;

/** The BrokerError for anything thrown while talking to the exchange (a BrokerError passes through). */
export function brokerErrorFor(error: unknown, mapping: ErrorMapping): BrokerError {
	if (error instanceof BrokerError) return error;
	const answer = capturedAnswer(error);
	const body = answer === undefined ? { code: undefined, message: undefined } : readAnswer(answer);
	const message = mapping.redact(clipped(body.message ?? fallbackMessage(error, answer, mapping)));
	const details = errorDetails(mapping.broker, answer?.httpStatus, body.code);
	if (mapping.table && answer !== undefined && (body.code !== undefined || answer.httpStatus >= 400)) {
		const numeric = typeof body.code === 'number' ? body.code : typeof body.code === 'string' && /^-?\d{1,9}$/.test(body.code) ? Number(body.code) : undefined;
		return new (errorClassFor(mapping.table, answer.httpStatus, { code: numeric, message }))(message, details);
	}
	return new (classFor(error, message, mapping.ccxt))(message, details);
}

export function errorDetails(broker: string, httpStatus?: number, brokerCode?: string | number): BrokerErrorDetails {
	const details: BrokerErrorDetails = { broker };
	if (brokerCode !== undefined) details.brokerCode = brokerCode;
	if (httpStatus !== undefined) details.httpStatus = httpStatus;
	return details;
}

/**
 * ccxt's classes, most specific first: the first the error is an instance of decides. ccxt's
 * classes inherit (RateLimitExceeded is a DDoSProtection is a NetworkError), hence a list.
 */
const BY_CCXT_CLASS: ReadonlyArray<readonly [keyof CcxtErrorClasses, BrokerErrorClass]> = [
	['DuplicateOrderId', DuplicateClientOrderIdError],
	['OrderNotFound', OrderNotFoundError],
	['InsufficientFunds', InsufficientFundsError],
	['AuthenticationError', AuthenticationError],
	['NotSupported', UnsupportedError],
	['InvalidOrder', InvalidOrderError],
	['BadRequest', InvalidOrderError],
	['ArgumentsRequired', InvalidOrderError],
	['OperationRejected', InvalidOrderError],
	['RateLimitExceeded', RateLimitedError],
	['DDoSProtection', RateLimitedError],
	['RequestTimeout', NetworkError],
	['ExchangeNotAvailable', BrokerUnavailableError],
	['InvalidNonce', BrokerUnavailableError],
	['BadResponse', BrokerUnavailableError],
	['NetworkError', NetworkError],
	['OperationFailed', BrokerUnavailableError],
	['ExchangeError', BrokerError],
];

/** Refusals that may be a taken client id, told by the message: an order refused, an exchange error. */
const DUPLICATE_TOLD_BY_TEXT: ReadonlySet<BrokerErrorClass> = new Set([InvalidOrderError, BrokerError]);

function classFor(error: unknown, message: string, ccxt: CcxtErrorClasses): BrokerErrorClass {
	const found = BY_CCXT_CLASS.find(([type]) => error instanceof ccxt[type]);
	if (found === undefined) return BrokerError;
	return DUPLICATE_TOLD_BY_TEXT.has(found[1]) && DUPLICATE_ID.test(message) ? DuplicateClientOrderIdError : found[1];
}

/** The exchange's code and message from its JSON ({code, msg}, {code, message}, {retCode, retMsg}, OKX's data[0].sCode…) or text. */
function readAnswer(answer: CapturedAnswer): { code: string | number | undefined; message: string | undefined } {
	const json = answer.json;
	if (json !== null && typeof json === 'object' && !Array.isArray(json)) {
		const fields = itemFailure(json as Record<string, unknown>);
		const code = firstOf(fields, ['code', 'retCode', 'error_code', 'errorCode']);
		const text = firstOf(fields, ['msg', 'message', 'retMsg', 'error_message', 'errorMessage', 'error']);
		return {
			code: typeof code === 'number' || (typeof code === 'string' && code !== '') ? code : undefined,
			message: typeof text === 'string' && text.trim() !== '' ? text : Array.isArray(text) && text.length > 0 ? text.map(String).join('; ') : undefined,
		};
	}
	const text = answer.body.trim();
	return { code: undefined, message: text === '' || answer.json !== undefined ? undefined : text };
}

/** OKX answers a refused order with code 1 (or 2) and the reason in data[0]: {code:"1", data:[{sCode:"51016", sMsg}]}. */
function itemFailure(fields: Record<string, unknown>): Record<string, unknown> {
	const first = Array.isArray(fields.data) ? (fields.data[0] as unknown) : undefined;
	if (first === null || typeof first !== 'object') return fields;
	const item = first as Record<string, unknown>;
	const failed = typeof item.sCode === 'string' && item.sCode !== '' && item.sCode !== '0';
	return failed ? { code: item.sCode, msg: typeof item.sMsg === 'string' && item.sMsg.trim() !== '' ? item.sMsg : fields.msg } : fields;
}

function firstOf(fields: Record<string, unknown>, names: string[]): unknown {
	for (const name of names) if (fields[name] !== undefined && fields[name] !== null) return fields[name];
	return undefined;
}

function fallbackMessage(error: unknown, answer: CapturedAnswer | undefined, mapping: ErrorMapping): string {
	const raw = error instanceof Error ? error.message : String(error);
	const withoutId = raw.startsWith(`${mapping.exchangeId} `) ? raw.slice(mapping.exchangeId.length + 1) : raw;
	if (answer !== undefined) return withoutId || `${mapping.label} answered HTTP ${answer.httpStatus} with no message`;
	const noAnswer = error instanceof mapping.ccxt.RequestTimeout || (error as Error).constructor === mapping.ccxt.NetworkError;
	if (noAnswer) return `no answer from ${mapping.label}: ${withoutId}`;
	return withoutId || `${mapping.label} failed with no message`;
}
