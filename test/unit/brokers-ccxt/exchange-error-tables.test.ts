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
import { errorClassFor } from '../../../core/brokers/base/error-table';
import { BYBIT_ERRORS } from '../../../core/brokers/bybit/bybit-errors';
import { BINANCE_ERRORS } from '../../../core/brokers/binance/binance-errors';
import { OKX_ERRORS } from '../../../core/brokers/okx/okx-errors';

// The Binance table's common answers are in test/contract/binance/ccxt-units.test.ts; here what
// only the table's order decides.
describe('Binance error table', () => {
	it.each([
		['a rate-limit code whatever the status', 408, -1003, 'Too many requests', RateLimitedError],
		['408 before the code', 408, -2013, 'Order does not exist.', BrokerUnavailableError],
		['"duplicate" under -1101 is no duplicate order', 400, -1101, 'Duplicate values for a parameter detected.', InvalidOrderError],
		['USD-M balance text', 400, -4050, 'Cross balance insufficient.', InsufficientFundsError],
		['balance text under a -1xxx code decides nothing', 400, -1013, 'Filter failure: insufficient notional', InvalidOrderError],
		['any other code under 401', 401, -1100, 'Illegal characters found in a parameter.', AuthenticationError],
		['any other code under 403', 403, -1100, 'Illegal characters found in a parameter.', BrokerError],
		['no code under 400', 400, undefined, 'Bad Request', BrokerError],
	] as const)('%s', (_, status, code, message, expected) => {
		expect(errorClassFor(BINANCE_ERRORS, status, { code, message })).toBe(expected);
	});
});

describe('Bybit error table', () => {
	it.each([
		[200, 110072, 'OrderLinkedID is duplicate', DuplicateClientOrderIdError],
		[200, 10014, 'Request is duplicate', DuplicateClientOrderIdError],
		[200, 110001, 'Order does not exist', OrderNotFoundError],
		[200, 170213, 'Order does not exist.', OrderNotFoundError],
		[200, 110007, 'ab not enough for new order', InsufficientFundsError],
		[200, 10003, 'API key is invalid.', AuthenticationError],
		[200, 33004, 'Your api key has expired.', AuthenticationError],
		[200, 10006, 'Too many visits!', RateLimitedError],
		[500, 10429, 'System has been hit too many times', RateLimitedError],
		[403, undefined, 'access too frequent', RateLimitedError],
		[429, 110072, '', RateLimitedError],
		[200, 10016, 'Server Error.', BrokerUnavailableError],
		[502, 110072, '', BrokerUnavailableError],
		[200, 10001, 'params error', InvalidOrderError],
		[404, 110017, 'reduce-only order has same side with current position', InvalidOrderError],
		[401, 10001, 'params error', AuthenticationError],
		[401, undefined, '', AuthenticationError],
		[200, 0, 'OK', BrokerError],
		[404, undefined, 'Not Found', BrokerError],
	] as const)('HTTP %s retCode %s (%s) → %p', (status, code, message, expected) => {
		expect(errorClassFor(BYBIT_ERRORS, status, { code, message })).toBe(expected);
	});
});

describe('OKX error table', () => {
	// ccxt-errors.ts reads OKX's text codes ("51016") as numbers before the table.
	it.each([
		[200, 51016, 'Duplicated clOrdId', DuplicateClientOrderIdError],
		[200, 51603, 'Order does not exist', OrderNotFoundError],
		[200, 51401, 'Order cancellation failed as the order has been canceled', OrderNotFoundError],
		[200, 51008, 'Order failed. Insufficient USDT balance in account.', InsufficientFundsError],
		[401, 50113, 'Invalid Sign', AuthenticationError],
		[200, 50120, 'API key doesn’t have permission', AuthenticationError],
		[200, 50011, 'Rate limit reached', RateLimitedError],
		[503, 50061, 'Sub-account rate limit exceeded', RateLimitedError],
		[200, 50001, 'Service temporarily unavailable', BrokerUnavailableError],
		[200, 50102, 'Timestamp request expired', BrokerUnavailableError],
		[500, 51016, '', BrokerUnavailableError],
		[200, 51000, 'Parameter sz error', InvalidOrderError],
		[400, 51169, 'Order failed because you don’t have any positions to reduce', InvalidOrderError],
		[403, undefined, 'Forbidden', BrokerError],
		[401, undefined, '', AuthenticationError],
		[200, 0, '', BrokerError],
	] as const)('HTTP %s code %s (%s) → %p', (status, code, message, expected) => {
		expect(errorClassFor(OKX_ERRORS, status, { code, message })).toBe(expected);
	});
});
