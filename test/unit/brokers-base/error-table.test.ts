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
