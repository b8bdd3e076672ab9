import './ccxt-under-jest';

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
	UnsupportedError,
} from '../../../core/brokers/broker-errors';
import { CcxtBroker, createCcxtBroker } from '../../../core/brokers/ccxt/ccxt-broker';
import { loadCcxt } from '../../../core/brokers/ccxt/ccxt-loader';
import type { CcxtExchange, CcxtMarket, CcxtOrder, CcxtParams } from '../../../core/brokers/ccxt/ccxt-types';
import { genericVenue } from '../../../core/brokers/ccxt/generic-venue';
import { placeOnce } from '../../../core/order/place-once';
import { noopOrderJournal } from '../../support/order-journals';
import { rejection } from '../../support/rejection';
import { intent } from './binance-fixture';

const KEY = 'generic-key-0123456789';
const SECRET = 'generic-secret-9876543210';

const MARKET: CcxtMarket = {
	id: 'XBTUSDT',
	symbol: 'BTC/USDT',
	base: 'BTC',
	quote: 'USDT',
	spot: true,
	contract: false,
	active: true,
	precision: { amount: 0.0001, price: 0.1 },
	limits: { amount: { min: 0.0001 }, cost: { min: 5 } },
	info: {},
};

interface Created {
	symbol: string;
	type: string;
	side: string;
	amount: number;
	price: number | undefined;
	params: CcxtParams;
}

/** A ccxt exchange without a network: real ccxt rounding, scripted answers. */
function fakeExchange(has: Record<string, boolean>, behaviour: { create?: (request: Created) => Promise<CcxtOrder>; orders?: CcxtOrder[] } = {}) {
	const ccxt = loadCcxt();
	const real = new (ccxt.kraken as new (config: CcxtParams) => CcxtExchange & { setMarkets(markets: CcxtMarket[]): void })({});
	real.setMarkets([MARKET]);
	const created: Created[] = [];
	const orders = behaviour.orders ?? [];
	const exchange = {
		id: 'kraken',
		name: 'Kraken',
		has,
		urls: { api: {} },
		options: {},
		markets: { [MARKET.symbol]: MARKET },
		markets_by_id: { [MARKET.id]: [MARKET] },
		async loadMarkets() {
			return { [MARKET.symbol]: MARKET };
		},
		amountToPrecision: (symbol: string, amount: number) => real.amountToPrecision(symbol, amount),
		priceToPrecision: (symbol: string, price: number) => real.priceToPrecision(symbol, price),
		async createOrder(symbol: string, type: string, side: string, amount: number, price: number | undefined, params: CcxtParams) {
			const request = { symbol, type, side, amount, price, params };
			created.push(request);
			if (behaviour.create) return await behaviour.create(request);
			const order: CcxtOrder = { id: `o${created.length}`, clientOrderId: params.clientOrderId as string, timestamp: 1_700_000_000_000, symbol, type, side, amount, filled: amount, average: 30000, status: 'closed', info: {} };
			orders.push(order);
			return order;
		},
		async fetchOpenOrders() {
			return orders.filter((order) => order.status === 'open');
		},
		async fetchClosedOrders() {
			return orders.filter((order) => order.status !== 'open');
		},
		handleErrors: () => undefined,
		handleHttpStatusCode: () => undefined,
	} as unknown as CcxtExchange;
	return { exchange, created, orders, ccxt };
}

function genericBroker(exchange: CcxtExchange): CcxtBroker {
	return new CcxtBroker(exchange, genericVenue(exchange, { market: 'spot', quoteAsset: 'USDT' }), loadCcxt(), [KEY, SECRET]);
}

const context = (broker: CcxtBroker) => ({ broker, journal: noopOrderJournal, scope: 'wf/node', retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 }, sleep: async () => {} });

describe('any ccxt exchange (createCcxtBroker, generic venue)', () => {
	it('refuses an exchange id ccxt does not know, naming it', () => {
		const base = { apiKey: KEY, secret: SECRET, sandbox: false };

		expect(() => createCcxtBroker({ ...base, exchangeId: 'notanexchange' })).toThrow(
			new InvalidOrderError(`ccxt ${loadCcxt().version} has no exchange with the id notanexchange`, { broker: 'notanexchange' }),
		);
		expect(() => createCcxtBroker({ ...base, exchangeId: 'Kra ken' })).toThrow(InvalidOrderError);
		expect(() => createCcxtBroker({ ...base, exchangeId: 'kraken', secret: '' })).toThrow(new AuthenticationError('the kraken credential needs a secret', { broker: 'kraken' }));
	});

	it('creates a broker named by the exchange id, with its sandbox when asked, and refuses a sandbox the exchange lacks', () => {
		const bybit = createCcxtBroker({ exchangeId: ' Bybit ', apiKey: KEY, secret: SECRET, sandbox: true });
		const error = (() => {
			try {
				createCcxtBroker({ exchangeId: 'kraken', apiKey: KEY, secret: SECRET, sandbox: true });
			} catch (caught) {
				return caught as Error;
			}
			throw new Error('expected a refusal');
		})();

		expect(bybit.name).toBe('bybit');
		expect(bybit.capabilities).toEqual({
			orderTypes: ['market', 'limit', 'stop', 'stop_limit'],
			brackets: true,
			breakevenStops: false,
			shortSelling: false,
			clientOrderIdUnique: 'while_open',
			reduceOnly: true,
			hedgeMode: false,
			fractional: true,
		});
		expect(createCcxtBroker({ exchangeId: 'kraken', apiKey: KEY, secret: SECRET, sandbox: false }).name).toBe('kraken');
		expect(error).toBeInstanceOf(UnsupportedError);
		expect(error.message).toBe('kraken has no sandbox in ccxt (it has no test addresses): turn Sandbox off to trade on the live exchange');
	});

	it('sends the client order id as ccxt unified clientOrderId (as Kraken takes it), rounded down, and finds the market by BASEQUOTE', async () => {
		const { exchange, created } = fakeExchange({ fetchOpenOrders: true, fetchClosedOrders: true });

		const order = await genericBroker(exchange).placeOrder(intent({ symbol: 'BTCUSDT', quantity: 0.123456 }));

		// tv-0123456789abcdef0123456789ab: Kraken's cl_ord_id takes free text of up to 18 characters
		expect(created).toEqual([{ symbol: 'BTC/USDT', type: 'market', side: 'buy', amount: 0.1234, price: undefined, params: { clientOrderId: 'tv0123456789abcdef' } }]);
		expect(order).toMatchObject({ brokerOrderId: 'o1', clientOrderId: intent().clientOrderId, symbol: 'BTC/USDT', status: 'filled', filledQuantity: 0.1234, averageFillPrice: 30000 });
	});

	it('finds an earlier order with the same client order id among closed orders: duplicate, not a second order', async () => {
		const { exchange, created } = fakeExchange({ fetchOpenOrders: true, fetchClosedOrders: true });
		const broker = genericBroker(exchange);
		const first = await broker.placeOrder(intent());

		const placed = await placeOnce(intent(), context(broker));

		expect(placed).toEqual({ order: first, alreadyPlaced: true, attempts: 1 });
		expect(created).toHaveLength(1);
	});

	it('where orders cannot be looked up by client order id, an unknown outcome is final, not retried', async () => {
		const ccxt = loadCcxt();
		const timeout = fakeExchange({}, { create: async () => Promise.reject(new (ccxt.RequestTimeout as new (message: string) => Error)('kraken POST https://api.kraken.com/0/private/AddOrder?nonce=1 request timed out (10000 ms)')) });
		const limited = fakeExchange({}, { create: async () => Promise.reject(new (ccxt.RateLimitExceeded as new (message: string) => Error)('kraken {"error":["EAPI:Rate limit exceeded"]}')) });

		const unknown = await rejection(placeOnce(intent(), context(genericBroker(timeout.exchange))));
		const rateLimited = await rejection(genericBroker(limited.exchange).placeOrder(intent()));

		expect(unknown.constructor).toBe(BrokerError);
		expect((unknown as BrokerError).retryable).toBe(false);
		expect(unknown.message).toBe(
			'no answer from Kraken: POST https://api.kraken.com/0/private/AddOrder request timed out (10000 ms) — Kraken may or may not have taken the order, and it cannot be looked up by client order id: check at the exchange before sending it again',
		);
		expect(timeout.created).toHaveLength(1);
		expect(rateLimited).toBeInstanceOf(RateLimitedError);
	});

	it.each([
		['InsufficientFunds', 'kraken {"error":["EOrder:Insufficient funds"]}', InsufficientFundsError],
		['InvalidOrder', 'kraken {"error":["EOrder:Invalid price"]}', InvalidOrderError],
		['InvalidOrder', 'okx clOrdId already exists', DuplicateClientOrderIdError],
		['DuplicateOrderId', 'bybit duplicate clientOrderId', DuplicateClientOrderIdError],
		['OrderNotFound', 'kraken {"error":["EOrder:Unknown order"]}', OrderNotFoundError],
		['AuthenticationError', 'kraken {"error":["EAPI:Invalid key"]}', AuthenticationError],
		['PermissionDenied', 'kraken {"error":["EGeneral:Permission denied"]}', AuthenticationError],
		['DDoSProtection', 'kraken 429 Too Many Requests', RateLimitedError],
		['RequestTimeout', 'kraken GET https://api.kraken.com/0/public/Time request timed out', NetworkError],
		['NetworkError', 'kraken GET https://api.kraken.com fetch failed', NetworkError],
		['ExchangeNotAvailable', 'kraken 503 Service Unavailable', BrokerUnavailableError],
		['OnMaintenance', 'kraken {"error":["EService:Unavailable"]}', BrokerUnavailableError],
		['NotSupported', 'kraken createOrder() does not support it', UnsupportedError],
		['ExchangeError', 'kraken {"error":["EGeneral:Internal error"]}', BrokerError],
	])('maps ccxt %s (%s) to %p', async (ccxtClass, message, expected) => {
		const ccxt = loadCcxt();
		const { exchange } = fakeExchange({ fetchOpenOrders: true, fetchClosedOrders: true }, {
			create: async () => Promise.reject(new (ccxt[ccxtClass] as new (text: string) => Error)(message)),
		});

		const error = await rejection(genericBroker(exchange).placeOrder(intent()));

		expect(error).toBeInstanceOf(expected);
		const noAnswer = ccxtClass === 'RequestTimeout' || ccxtClass === 'NetworkError';
		expect(error.message).toBe(`${noAnswer ? 'no answer from Kraken: ' : ''}${message.replace(/^kraken /, '')}`);
		expect((error as BrokerError).details).toEqual({ broker: 'kraken' });
	});

	it('never repeats the credential from a ccxt message, nor a signed query string', async () => {
		const ccxt = loadCcxt();
		const { exchange } = fakeExchange({ fetchOpenOrders: true, fetchClosedOrders: true }, {
			create: async () => Promise.reject(new (ccxt.AuthenticationError as new (text: string) => Error)(`kraken GET https://x.example/api?apiKey=${KEY}&sig=abc bad key ${KEY} / ${SECRET}`)),
		});

		const error = await rejection(genericBroker(exchange).placeOrder(intent()));

		expect(error.message).toBe('GET https://x.example/api bad key [redacted] / [redacted]');
		expect(JSON.stringify(error)).not.toContain(KEY);
	});
});
