import {
	AuthenticationError,
	BrokerError,
	BrokerUnavailableError,
	DuplicateClientOrderIdError,
	InsufficientFundsError,
	InvalidOrderError,
	OrderNotFoundError,
	RateLimitedError,
} from '../../../core/brokers/broker-errors';
import { type ErrorTable, errorClassFor } from '../../../core/brokers/base/error-table';

const table: ErrorTable = {
	statusFirst: { 401: AuthenticationError, 503: InvalidOrderError },
	exact: { DUP: DuplicateClientOrderIdError, '-2018': InsufficientFundsError },
	broad: [
		[/duplicate/i, DuplicateClientOrderIdError],
		[/insufficient/i, InsufficientFundsError],
	],
	status: { 404: OrderNotFoundError, 403: AuthenticationError },
};

describe('errorClassFor with otherwise', () => {
	const documented: ErrorTable = { status: { 400: InvalidOrderError }, otherwise: BrokerError };

	it.each([
		['a named status keeps its class', 400, InvalidOrderError],
		['another 4xx takes otherwise', 409, BrokerError],
		['429 is still rate limited', 429, RateLimitedError],
		['5xx is still unavailable', 503, BrokerUnavailableError],
	] as const)('%s', (_, status, expected) => {
		expect(errorClassFor(documented, status, {})).toBe(expected);
	});
});

describe('errorClassFor', () => {
	it.each([
		['statusFirst before the body', 401, { code: 'DUP' }, AuthenticationError],
		['statusFirst overrides the 5xx default', 503, {}, InvalidOrderError],
		['429 is rate limited', 429, { code: 'DUP' }, RateLimitedError],
		['5xx is unavailable', 502, { message: 'insufficient' }, BrokerUnavailableError],
		['exact code, text or number', 400, { code: -2018 }, InsufficientFundsError],
		['exact before broad', 422, { code: 'DUP', message: 'insufficient' }, DuplicateClientOrderIdError],
		['broad by message, first match', 422, { code: 40010001, message: 'Client order id must be duplicate-free, insufficient' }, DuplicateClientOrderIdError],
		['status after code and text', 404, { message: 'order not found' }, OrderNotFoundError],
		['broad before status', 403, { message: 'insufficient buying power' }, InsufficientFundsError],
		['other 4xx is invalid', 418, {}, InvalidOrderError],
		['other status is a plain BrokerError', 302, {}, BrokerError],
		['no status and no match', undefined, { code: 'X' }, BrokerError],
	] as const)('%s', (_, status, body, expected) => {
		expect(errorClassFor(table, status, body)).toBe(expected);
	});
});

describe('errorClassFor for code-keyed exchanges', () => {
	const coded: ErrorTable = {
		codeFirst: { '-1003': RateLimitedError },
		statusFirst: { 408: BrokerUnavailableError },
		exact: { '-2013': OrderNotFoundError },
		codeTexts: [[/^-2010$/, /duplicat/i, DuplicateClientOrderIdError]],
		status: { 401: AuthenticationError },
		otherCode: { status: { 400: InvalidOrderError }, any: BrokerUnavailableError, none: ['0'] },
		otherwise: BrokerError,
	};

	it.each([
		['codeFirst before statusFirst and 5xx', 503, { code: -1003 }, RateLimitedError],
		['statusFirst before exact', 408, { code: -2013 }, BrokerUnavailableError],
		['codeTexts: code and text both match', 400, { code: -2010, message: 'Duplicate order sent.' }, DuplicateClientOrderIdError],
		['codeTexts: the text under another code decides nothing', 400, { code: -1101, message: 'Duplicate values for a parameter detected.' }, InvalidOrderError],
		['codeTexts: no code, no match', 400, { message: 'Duplicate order sent.' }, BrokerError],
		['status before otherCode', 401, { code: -1100 }, AuthenticationError],
		['otherCode by status', 400, { code: -1100 }, InvalidOrderError],
		['otherCode for any other status', 404, { code: -1100 }, BrokerUnavailableError],
		['a code saying no error is no code', 404, { code: 0 }, BrokerError],
		['no code takes otherwise', 400, {}, BrokerError],
	] as const)('%s', (_, status, body, expected) => {
		expect(errorClassFor(coded, status, body)).toBe(expected);
	});
});
