import {
	AuthenticationError,
	BrokerUnavailableError,
	InvalidOrderError,
	OrderNotFoundError,
	RateLimitedError,
} from '../broker-errors';
import type { BrokerErrorSpec } from '../base/broker-answers';
import type { ErrorBody, ErrorTable } from '../base/error-table';
import { isRecord } from '../base/payload';
import { TRADOVATE } from './tradovate-description';

/*
 * Tradovate's answers → the shared error tree. Transport-level problems come as HTTP statuses
 * (401 a missing or expired token, 404 an unknown entity, 429 too many requests); business
 * refusals come as HTTP 200 with a body that says so:
 *
 *   200 {"errorText":"Incorrect username or password..."}          (token request, cash snapshot)
 *   200 {"failureReason":"InvalidContract","failureText":"..."}     (placeOrder, placeOSO, cancelOrder)
 *
 * failureReason is Tradovate's code; the table below sorts the ones it documents. 200 answers
 * with an unknown code stay a final BrokerError: never resent.
 */

const INVALID_ORDER = [
	'InvalidContract',
	'InvalidPrice',
	'BackMonthProhibited',
	'Unsupported',
	'AdvancedTrailingStopUnsupported',
	'TrailingStopNonOrderQtyModify',
	'MaxOrderQtyLimitReached',
	'MaxOrderQtyIsNotSpecified',
	'MaxPosLimitReached',
	'MaxPosLimitMisconfigured',
	'MaxTotalPosLimitReached',
	'SessionClosed',
	'TooLate',
	'LiquidationOnly',
	'LiquidationOnlyBeforeExpiration',
	'NoQuote',
	'NotEnoughLiquidity',
	'ParentRejected',
	'AccountClosed',
	'TradingLocked',
	'MultipleAccountPlanRequired',
] as const;

/** Tradovate could not decide in time: the command may or may not stand, so it is read back. */
const NOT_DECIDED = ['ExecutionProviderUnavailable', 'ExecutionProviderNotConfigured', 'RiskCheckTimeout', 'AnotherCommandPending'] as const;

export const TRADOVATE_ERROR_TABLE: ErrorTable = Object.freeze<ErrorTable>({
	statusFirst: { 401: AuthenticationError, 403: AuthenticationError },
	exact: {
		...Object.fromEntries(INVALID_ORDER.map((code) => [code, InvalidOrderError])),
		...Object.fromEntries(NOT_DECIDED.map((code) => [code, BrokerUnavailableError])),
		Unauthorized: AuthenticationError,
		TooManyRequests: RateLimitedError,
	},
	broad: [[/\baccess (is )?denied\b/i, AuthenticationError]],
	status: { 404: OrderNotFoundError },
});

/** Reads {failureReason, failureText}, {errorText}, or a text body. */
export function readTradovateError(body: unknown): ErrorBody {
	if (!isRecord(body)) {
		const text = typeof body === 'string' ? body.trim() : '';
		return text === '' ? {} : { message: text };
	}
	const reason = nonEmpty(body.failureReason);
	const message = nonEmpty(body.failureText) ?? nonEmpty(body.errorText) ?? reason;
	return { ...(reason === undefined ? {} : { code: reason }), ...(message === undefined ? {} : { message }) };
}

/** The refusal a 200 answer carries, or null: a failureReason other than Success, or an errorText. */
export function refusalIn(body: unknown): ErrorBody | null {
	if (!isRecord(body)) return null;
	const reason = nonEmpty(body.failureReason);
	if (reason !== undefined && reason !== 'Success') return readTradovateError(body);
	if (nonEmpty(body.errorText) !== undefined) return readTradovateError(body);
	return null;
}

export const TRADOVATE_ERRORS: BrokerErrorSpec = Object.freeze({
	broker: TRADOVATE.id,
	label: TRADOVATE.label,
	readError: readTradovateError,
	table: TRADOVATE_ERROR_TABLE,
});

function nonEmpty(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
