import { BrokerError, BrokerUnavailableError, NetworkError } from '../broker-errors';
import { errorDetails } from './error-details';
import { type ErrorBody, type ErrorTable, errorClassFor } from './error-table';
import { isRecord } from './payload';
import { clipped, type Redactor } from './redact';

/** Who a broker is in messages and details, how its error bodies read, and its error table. */
export interface BrokerErrorSpec {
	/** details.broker, e.g. 'alpaca'. */
	broker: string;
	/** In messages, e.g. 'Alpaca'. */
	label: string;
	readError(body: unknown): ErrorBody;
	table: ErrorTable;
}

/** The error for an answer that is not a success; its message is the broker's own, redacted. */
export function errorFromAnswer(spec: BrokerErrorSpec, answer: { status: number; body: unknown }, what: string, redact: Redactor): BrokerError {
	const body = spec.readError(answer.body);
	const errorClass = errorClassFor(spec.table, answer.status, body);
	const text = body.message === undefined ? `${spec.label} answered HTTP ${answer.status} to ${what}` : body.message;
	// Redacted before it is clipped: a cut could leave part of a secret that no longer matches.
	const message = clipped(redact(errorClass === BrokerError && body.message !== undefined ? `${spec.label} answered HTTP ${answer.status}: ${text}` : text));
	return new errorClass(message, errorDetails(spec.broker, { httpStatus: answer.status, brokerCode: body.code }));
}

/**
 * Whether a 404 is the broker's own "no such order/position" (an error body it reads as its own),
 * not a proxy's page or a wrong base URL, which must not read as "nothing there".
 */
export function isOwnNotFound(spec: BrokerErrorSpec, answer: { status: number; body: unknown }): boolean {
	if (answer.status !== 404 || !isRecord(answer.body)) return false;
	const body = spec.readError(answer.body);
	return body.code !== undefined || body.message !== undefined;
}

/** No answer arrived: the request may or may not have been carried out (retryable after a read-back). */
export function networkError(spec: BrokerErrorSpec, what: string, error: unknown, redact: Redactor): NetworkError {
	const reason = error instanceof Error ? [error.message, causeOf(error)].filter(Boolean).join(': ') : String(error);
	return new NetworkError(redact(`no answer from ${spec.label} to ${what}: ${reason || 'unknown error'}`), errorDetails(spec.broker));
}

/** A success status whose body is not what the broker documents (a proxy's page, a cut-off answer). */
export function unreadableAnswer(spec: BrokerErrorSpec, status: number, what: string, problem: string, redact: Redactor): BrokerUnavailableError {
	return new BrokerUnavailableError(
		redact(`${spec.label} answered HTTP ${status} to ${what} but the answer could not be read: ${problem}`),
		errorDetails(spec.broker, { httpStatus: status }),
	);
}

function causeOf(error: Error): string {
	const cause = (error as { cause?: unknown }).cause;
	if (!(cause instanceof Error)) return '';
	const code = (cause as { code?: unknown }).code;
	return code ? String(code) : cause.message;
}
