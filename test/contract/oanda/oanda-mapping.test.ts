import {
	AuthenticationError,
	BrokerUnavailableError,
	DuplicateClientOrderIdError,
	InsufficientFundsError,
	InvalidOrderError,
	OrderNotFoundError,
	RateLimitedError,
} from '../../../core/brokers/broker-errors';
import { errorFromAnswer } from '../../../core/brokers/base/broker-answers';
import { decimalText } from '../../../core/brokers/base/decimal-text';
import { parseDecimal } from '../../../core/brokers/oanda/oanda-decimal';
import { OANDA_ERRORS } from '../../../core/brokers/oanda/oanda-errors';
import { toOandaInstrument } from '../../../core/brokers/oanda/oanda-instruments';
import { fillPrice, statusOfCancelReason } from '../../../core/brokers/oanda/oanda-order-parsers';

// The pure pieces: instrument names, decimals, the error map, fill prices, cancel reasons.

describe('OANDA instruments', () => {
	it.each([
		['EURUSD', 'EUR_USD'],
		['XAUUSD', 'XAU_USD'],
		['EUR/USD', 'EUR_USD'],
		['EUR_USD', 'EUR_USD'],
		[' gbpjpy ', 'GBP_JPY'],
		['OANDA:EURUSD', 'EUR_USD'],
		['SPX500_USD', 'SPX500_USD'],
		['DE30/EUR', 'DE30_EUR'],
	])('%s → %s', (symbol, instrument) => {
		expect(toOandaInstrument(symbol)).toBe(instrument);
	});

	it.each(['SPX500USD', 'NAS100USD', 'BTCUSDT', 'EUR', '', 'EUR-USD', 'EUR/USD/JPY'])('%p is an InvalidOrderError naming the form', (symbol) => {
		expect(() => toOandaInstrument(symbol)).toThrow(InvalidOrderError);
		expect(() => toOandaInstrument(symbol)).toThrow(/BASE_QUOTE/);
	});
});

describe('OANDA decimals', () => {
	it.each([
		[100, '100'],
		[-100, '-100'],
		[1.0845, '1.0845'],
		[0.1 + 0.2, '0.3'],
		[1e-7, '0.0000001'],
		[1.5e-7, '0.00000015'],
		[-2.5e-8, '-0.000000025'],
		[1e21, '1000000000000000000000'],
		[1.25e22, '12500000000000000000000'],
	])('%p → %p', (value, text) => {
		expect(decimalText(value)).toBe(text);
	});

	it('parses OANDA strings, and nothing else', () => {
		expect(parseDecimal('-100')).toBe(-100);
		expect(parseDecimal('1.08452')).toBe(1.08452);
		expect(parseDecimal('lots')).toBeNull();
		expect(parseDecimal('')).toBeNull();
		expect(parseDecimal(undefined)).toBeNull();
		expect(parseDecimal(Number.NaN)).toBeNull();
	});
});

describe('OANDA error map', () => {
	const map = (status: number, body: unknown) => errorFromAnswer(OANDA_ERRORS, { status, body }, 'POST /orders', (text) => text);

	it.each([
		[401, { errorMessage: 'Insufficient authorization to perform request.' }, AuthenticationError, undefined],
		[403, { errorMessage: 'The provided request was forbidden.' }, AuthenticationError, undefined],
		[400, { errorMessage: 'x', errorCode: 'CLIENT_ORDER_ID_ALREADY_EXISTS' }, DuplicateClientOrderIdError, 'CLIENT_ORDER_ID_ALREADY_EXISTS'],
		[400, { errorMessage: 'x', orderRejectTransaction: { rejectReason: 'CLIENT_ORDER_ID_ALREADY_EXISTS' } }, DuplicateClientOrderIdError, 'CLIENT_ORDER_ID_ALREADY_EXISTS'],
		[400, { errorMessage: 'x', errorCode: 'INSUFFICIENT_MARGIN' }, InsufficientFundsError, 'INSUFFICIENT_MARGIN'],
		[400, { errorMessage: 'x', orderRejectTransaction: { rejectReason: 'INSUFFICIENT_LIQUIDITY' } }, InsufficientFundsError, 'INSUFFICIENT_LIQUIDITY'],
		[400, { errorMessage: 'x', errorCode: 'UNITS_INVALID' }, InvalidOrderError, 'UNITS_INVALID'],
		[422, { errorMessage: 'x' }, InvalidOrderError, undefined],
		[404, { errorMessage: 'x', errorCode: 'ORDER_DOESNT_EXIST' }, OrderNotFoundError, 'ORDER_DOESNT_EXIST'],
		[429, { errorMessage: 'x' }, RateLimitedError, undefined],
		[500, { errorMessage: 'x' }, BrokerUnavailableError, undefined],
		[503, 'Service Unavailable', BrokerUnavailableError, undefined],
	])('HTTP %i %j → %p', (status, body, kind, brokerCode) => {
		const error = map(status, body);
		expect(error).toBeInstanceOf(kind);
		expect(error.details).toEqual(brokerCode === undefined ? { broker: 'oanda', httpStatus: status } : { broker: 'oanda', brokerCode, httpStatus: status });
		expect(error.message).toBe(typeof body === 'string' ? `OANDA answered HTTP ${status} to POST /orders` : (body as { errorMessage: string }).errorMessage);
	});
});

describe('OANDA fills and cancel reasons', () => {
	it('the fill price is the unit-weighted price of the trades it opened, reduced and closed', () => {
		expect(
			fillPrice({
				price: '9',
				fullVWAP: '8',
				tradeOpened: { units: '50', price: '1.2' },
				tradesClosed: [{ units: '-150', price: '1.1' }],
			}),
		).toBe(1.125);
		expect(fillPrice({ fullVWAP: '1.3', price: '9' })).toBe(1.3);
		expect(fillPrice({ price: '1.4' })).toBe(1.4);
		expect(fillPrice({})).toBeNull();
	});

	it.each([
		['CLIENT_REQUEST', 'canceled'],
		['INSUFFICIENT_LIQUIDITY', 'canceled'],
		['BOUNDS_VIOLATION', 'canceled'],
		['TIME_IN_FORCE_EXPIRED', 'expired'],
		['INSUFFICIENT_MARGIN', 'rejected'],
		['MARKET_HALTED', 'rejected'],
		['STOP_LOSS_ON_FILL_LOSS', 'rejected'],
	])('cancel reason %s → %s', (reason, status) => {
		expect(statusOfCancelReason(reason)).toBe(status);
	});
});
