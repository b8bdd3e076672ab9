import { ALPACA_LIVE_BASE_URL, ALPACA_PAPER_BASE_URL, AlpacaBroker } from '../../../core/brokers/alpaca/alpaca-broker';
import { alpacaBaseUrl } from '../../../core/brokers/alpaca/alpaca-config';
import { ALPACA, ALPACA_DECIMAL_TEXT } from '../../../core/brokers/alpaca/alpaca-description';
import { ALPACA_ERRORS } from '../../../core/brokers/alpaca/alpaca-errors';
import { parseAlpacaPosition } from '../../../core/brokers/alpaca/alpaca-parse-position';
import { errorFromAnswer } from '../../../core/brokers/base/broker-answers';
import { positiveDecimalText } from '../../../core/brokers/base/decimal-text';
import { PayloadError } from '../../../core/brokers/base/payload';
import { alpacaSymbol } from '../../../core/brokers/alpaca/alpaca-symbols';
import type { HttpRequest } from '../../../core/brokers/http-port';

describe('Alpaca adapter pieces', () => {
	it('has Alpaca addresses, name and capabilities', () => {
		const http = { send: async () => ({ status: 200, headers: {}, body: {} }) };
		const paper = new AlpacaBroker(http, { keyId: 'k', secretKey: 's', environment: 'paper' });

		expect(ALPACA_PAPER_BASE_URL).toBe('https://paper-api.alpaca.markets');
		expect(ALPACA_LIVE_BASE_URL).toBe('https://api.alpaca.markets');
		expect(paper.name).toBe('alpaca');
		expect(paper.capabilities).toEqual({
			orderTypes: ['market', 'limit', 'stop', 'stop_limit'],
			brackets: true,
			trailingStops: true,
			breakevenStops: true,
			shortSelling: true,
			clientOrderIdUnique: 'forever',
			reduceOnly: true,
			hedgeMode: false,
			fractional: true,
		});
		expect(ALPACA.urls).toEqual({ live: ALPACA_LIVE_BASE_URL, sandbox: ALPACA_PAPER_BASE_URL });
		expect(alpacaBaseUrl({ keyId: 'k', secretKey: 's', environment: 'live' })).toBe(ALPACA_LIVE_BASE_URL);
		expect(alpacaBaseUrl({ keyId: 'k', secretKey: 's', environment: 'live', baseUrl: ' https://proxy.example/alpaca/ ' })).toBe('https://proxy.example/alpaca');
		expect(alpacaBaseUrl({ keyId: 'k', secretKey: 's', environment: 'paper', baseUrl: '' })).toBe(ALPACA_PAPER_BASE_URL);
	});

	it('sends to the environment address with a timeout', async () => {
		const requests: HttpRequest[] = [];
		const http = {
			send: async (request: HttpRequest) => {
				requests.push(request);
				return { status: 200, headers: {}, body: { currency: 'USD', cash: '1', equity: '2', buying_power: '3' } };
			},
		};
		await new AlpacaBroker(http, { keyId: 'k', secretKey: 's', environment: 'live' }).getAccount();

		expect(requests).toEqual([
			{
				method: 'GET',
				url: 'https://api.alpaca.markets/v2/account',
				headers: { 'APCA-API-KEY-ID': 'k', 'APCA-API-SECRET-KEY': 's', accept: 'application/json' },
				timeoutMs: 15_000,
			},
		]);
	});

	it.each([
		[10, '10'],
		[0.5, '0.5'],
		[1e-7, '0.0000001'],
		[0.1 + 0.2, '0.3'],
		[123456.123456789, '123456.123456789'],
		[1.0000000004, '1'],
		[1e20, '100000000000000000000'],
		[1e21, '1000000000000000000000'],
	])('writes %p as %p', (value, text) => {
		expect(positiveDecimalText(value, ALPACA_DECIMAL_TEXT)).toBe(text);
	});

	it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, 1e-10])('refuses %p as a decimal', (value) => {
		expect(positiveDecimalText(value, ALPACA_DECIMAL_TEXT)).toBeNull();
	});

	it.each([
		['AAPL', 'AAPL', 'AAPL', false],
		['brk.b', 'BRK.B', 'BRK.B', false],
		['BTCUSD', 'BTC/USD', 'BTCUSD', true],
		['ETHUSDT', 'ETH/USDT', 'ETHUSDT', true],
		['SOLUSDC', 'SOL/USDC', 'SOLUSDC', true],
		['BTC/USD', 'BTC/USD', 'BTCUSD', true],
		['pepe/usd', 'PEPE/USD', 'PEPEUSD', true],
		['PEPEUSD', 'PEPEUSD', 'PEPEUSD', false],
		['USD', 'USD', 'USD', false],
	])('reads symbol %s as order %s, position %s, crypto %s', (symbol, order, position, crypto) => {
		expect(alpacaSymbol(symbol)).toEqual({ order, position, crypto });
	});

	it.each([
		[401, { code: 40110000, message: 'request is not authorized' }, 'AuthenticationError'],
		[403, { code: 40310000, message: 'insufficient buying power' }, 'InsufficientFundsError'],
		[403, { code: 40310000, message: 'insufficient qty available for order (requested: 2, available: 1)' }, 'InsufficientFundsError'],
		[403, { message: 'forbidden.' }, 'AuthenticationError'],
		[422, { code: 40010001, message: 'client_order_id must be unique' }, 'DuplicateClientOrderIdError'],
		[422, { code: 40010001, message: 'invalid order type' }, 'InvalidOrderError'],
		[400, { code: 40010000, message: 'request body format is invalid' }, 'InvalidOrderError'],
		[404, { code: 40410000, message: 'order not found' }, 'OrderNotFoundError'],
		[429, 'Too Many Requests', 'RateLimitedError'],
		[500, '', 'BrokerUnavailableError'],
		[503, { code: 50310000, message: 'service unavailable' }, 'BrokerUnavailableError'],
		[409, { message: 'conflict' }, 'BrokerError'],
	])('maps HTTP %s %j to %s', (status, body, name) => {
		const error = errorFromAnswer(ALPACA_ERRORS, { status, body }, 'GET /v2/account', (text) => text);

		expect(error.constructor.name).toBe(name);
		expect(error.details.broker).toBe('alpaca');
		expect(error.details.httpStatus).toBe(status);
	});

	it('says when Alpaca gave no message', () => {
		expect(errorFromAnswer(ALPACA_ERRORS, { status: 500, body: '' }, 'GET /v2/account', (text) => text).message).toBe('Alpaca answered HTTP 500 to GET /v2/account');
	});

	it('refuses a long position with a negative qty, and an unknown side', () => {
		const base = { symbol: 'AAPL', avg_entry_price: '10' };
		expect(() => parseAlpacaPosition({ ...base, qty: '-5', side: 'long' })).toThrow(PayloadError);
		expect(() => parseAlpacaPosition({ ...base, qty: '5', side: 'sideways' })).toThrow(PayloadError);
		expect(parseAlpacaPosition({ ...base, qty: '-5' })).toEqual({ symbol: 'AAPL', quantity: -5, averagePrice: 10 });
	});
});
