import { CcxtBroker, type CcxtBrokerOptions } from '../../../core/brokers/ccxt/ccxt-broker';
import { loadCcxt } from '../../../core/brokers/ccxt/ccxt-loader';
import type { CcxtBalance, CcxtExchange, CcxtMarket, CcxtOrder, CcxtParams, CcxtTicker } from '../../../core/brokers/ccxt/ccxt-types';
import { genericVenue } from '../../../core/brokers/ccxt/generic-venue';

/*
 * A ccxt exchange without a network, for the generic venue: ccxt's own rounding on the markets
 * given, balances and tickers as set, and closed orders listed the way the exchange pages them:
 * - 'oldest-first': the first `limit` orders from `since` (until honoured), like Binance;
 * - 'newest-first': the last `limit` orders up to `until` from `since`, like OKX;
 * - 'ignores-until': the last `limit` orders from `since`, `until` ignored.
 * Every call is logged in `calls`.
 */

export const KEY = 'fake-key-0123456789';
export const SECRET = 'fake-secret-9876543210';

export function spotMarket(base: string, quote: string, step: number, tick: number): CcxtMarket {
	return {
		id: `${base}${quote}`,
		symbol: `${base}/${quote}`,
		base,
		quote,
		spot: true,
		contract: false,
		active: true,
		precision: { amount: step, price: tick },
		limits: { amount: { min: step }, cost: { min: 1 } },
		info: {},
	};
}

export const BTC_USDT = spotMarket('BTC', 'USDT', 0.0001, 0.1);
export const ETH_USDT = spotMarket('ETH', 'USDT', 0.001, 0.01);
export const USDT_TRY = spotMarket('USDT', 'TRY', 0.1, 0.001);

export interface Created {
	symbol: string;
	type: string;
	side: string;
	amount: number;
	params: CcxtParams;
}

export type Paging = 'oldest-first' | 'newest-first' | 'ignores-until';

export interface FakeOptions {
	id?: string;
	name?: string;
	markets?: CcxtMarket[];
	has?: Record<string, boolean>;
	free?: Record<string, number>;
	used?: Record<string, number>;
	tickers?: Record<string, Partial<CcxtTicker>>;
	orders?: CcxtOrder[];
	paging?: Paging;
}

export function fakeExchange(options: FakeOptions = {}) {
	const ccxt = loadCcxt();
	const markets = options.markets ?? [BTC_USDT, ETH_USDT];
	const rounding = new (ccxt.kraken as new (config: CcxtParams) => CcxtExchange & { setMarkets(markets: CcxtMarket[]): void })({});
	rounding.setMarkets(markets);
	const calls: string[] = [];
	const created: Created[] = [];
	const orders = options.orders ?? [];
	const free: Record<string, number> = { ...(options.free ?? {}) };
	const used: Record<string, number> = { ...(options.used ?? {}) };
	const tickers: Record<string, Partial<CcxtTicker>> = { ...(options.tickers ?? {}) };
	const paging = options.paging ?? 'oldest-first';
	const list = (symbol: string | undefined, since: number | undefined, limit: number | undefined, params: CcxtParams = {}) => {
		const until = typeof params.until === 'number' && paging !== 'ignores-until' ? params.until : Number.POSITIVE_INFINITY;
		const inRange = orders
			.filter((order) => order.status !== 'open' && (symbol === undefined || order.symbol === symbol))
			.filter((order) => (order.timestamp as number) >= (since ?? 0) && (order.timestamp as number) <= until)
			.sort((a, b) => (a.timestamp as number) - (b.timestamp as number));
		const count = limit ?? inRange.length;
		return paging === 'oldest-first' ? inRange.slice(0, count) : inRange.slice(-count);
	};
	const exchange = {
		id: options.id ?? 'okx',
		name: options.name ?? 'OKX',
		has: options.has ?? { fetchOpenOrders: true, fetchClosedOrders: true, fetchTickers: true },
		urls: { api: {} },
		options: {},
		markets: Object.fromEntries(markets.map((market) => [market.symbol, market])),
		markets_by_id: Object.fromEntries(markets.map((market) => [market.id, [market]])),
		async loadMarkets() {
			return Object.fromEntries(markets.map((market) => [market.symbol, market]));
		},
		amountToPrecision: (symbol: string, amount: number) => rounding.amountToPrecision(symbol, amount),
		priceToPrecision: (symbol: string, price: number) => rounding.priceToPrecision(symbol, price),
		async createOrder(symbol: string, type: string, side: string, amount: number, _price: number | undefined, params: CcxtParams) {
			calls.push(`createOrder ${symbol}`);
			created.push({ symbol, type, side, amount, params });
			const order: CcxtOrder = { id: `o${created.length}`, clientOrderId: params.clientOrderId as string, timestamp: Date.now(), symbol, type, side, amount, filled: amount, average: 30000, status: 'closed', info: {} };
			orders.push(order);
			return order;
		},
		async fetchOpenOrders(symbol?: string) {
			calls.push(`fetchOpenOrders ${symbol ?? ''}`.trim());
			return orders.filter((order) => order.status === 'open' && (symbol === undefined || order.symbol === symbol));
		},
		async fetchClosedOrders(symbol?: string, since?: number, limit?: number, params?: CcxtParams) {
			calls.push(`fetchClosedOrders ${symbol} since=${since} limit=${limit} until=${String(params?.until)}`);
			return list(symbol, since, limit, params);
		},
		async fetchBalance(): Promise<CcxtBalance> {
			calls.push('fetchBalance');
			const assets = [...new Set([...Object.keys(free), ...Object.keys(used)])];
			const total = Object.fromEntries(assets.map((asset) => [asset, (free[asset] ?? 0) + (used[asset] ?? 0)]));
			return { free: { ...free }, used: { ...used }, total, info: {} };
		},
		async fetchTickers(symbols?: string[]) {
			calls.push(`fetchTickers ${(symbols ?? []).join(',')}`);
			return Object.fromEntries((symbols ?? Object.keys(tickers)).filter((symbol) => tickers[symbol] !== undefined).map((symbol) => [symbol, { symbol, info: {}, ...tickers[symbol] }]));
		},
		async fetchTicker(symbol: string) {
			calls.push(`fetchTicker ${symbol}`);
			return { symbol, info: {}, ...(tickers[symbol] ?? {}) };
		},
		handleErrors: () => undefined,
		handleHttpStatusCode: () => undefined,
	} as unknown as CcxtExchange;
	return { exchange, calls, created, orders, free, used, tickers };
}

export function genericBroker(exchange: CcxtExchange, options: CcxtBrokerOptions = {}): CcxtBroker {
	return new CcxtBroker(exchange, genericVenue(exchange, { market: 'spot', quoteAsset: 'USDT' }), loadCcxt(), [KEY, SECRET], options);
}

/** A closed order of ours, `minutesAgo` before now. */
export function closedOrder(index: number, minutesAgo: number, clientOrderId: string, symbol = BTC_USDT.symbol): CcxtOrder {
	return {
		id: `c${index}`,
		clientOrderId,
		timestamp: Date.now() - minutesAgo * 60_000,
		symbol,
		type: 'market',
		side: 'buy',
		amount: 0.001,
		filled: 0.001,
		average: 30000,
		status: 'closed',
		info: {},
	};
}
