// The narrow slice of ccxt this adapter uses, typed structurally: the types cost nothing at run
// time and keep the core independent of ccxt's own (very large) declarations.

export type CcxtParams = Record<string, unknown>;

export interface CcxtMarket {
	id: string;
	symbol: string;
	base: string;
	quote: string;
	settle?: string | null;
	type?: string;
	spot?: boolean;
	swap?: boolean;
	future?: boolean;
	contract?: boolean;
	linear?: boolean | null;
	active?: boolean | null;
	contractSize?: number | null;
	precision: { amount?: number | null; price?: number | null };
	limits: {
		amount?: { min?: number | null; max?: number | null };
		price?: { min?: number | null; max?: number | null };
		cost?: { min?: number | null; max?: number | null };
	};
	info: unknown;
}

/** ccxt's unified order; `info` is the exchange's own JSON. */
export interface CcxtOrder {
	id?: string;
	clientOrderId?: string;
	timestamp?: number;
	datetime?: string;
	symbol?: string;
	type?: string;
	side?: string;
	price?: number;
	triggerPrice?: number;
	stopPrice?: number;
	amount?: number;
	filled?: number;
	average?: number;
	status?: string;
	info: unknown;
}

export interface CcxtBalance {
	free: Record<string, number | undefined>;
	used: Record<string, number | undefined>;
	total: Record<string, number | undefined>;
	info: unknown;
}

/** ccxt's unified ticker: the prices a spot holding is valued at. */
export interface CcxtTicker {
	symbol?: string;
	last?: number | null;
	close?: number | null;
	bid?: number | null;
	ask?: number | null;
	info: unknown;
}

export interface CcxtPosition {
	symbol?: string;
	contracts?: number;
	contractSize?: number;
	side?: string;
	entryPrice?: number;
	info: unknown;
}

/** The methods and fields of a ccxt exchange instance the adapter calls. */
export interface CcxtExchange {
	id: string;
	name?: string;
	apiKey?: string;
	secret?: string;
	has: Record<string, boolean | string | undefined>;
	urls: Record<string, unknown>;
	options: Record<string, unknown>;
	markets?: Record<string, CcxtMarket>;
	markets_by_id?: Record<string, CcxtMarket[]>;
	loadMarkets(reload?: boolean): Promise<Record<string, CcxtMarket>>;
	setSandboxMode(enabled: boolean): void;
	amountToPrecision(symbol: string, amount: number): string;
	priceToPrecision(symbol: string, price: number): string;
	createOrder(symbol: string, type: string, side: string, amount: number, price?: number, params?: CcxtParams): Promise<CcxtOrder>;
	fetchOrder(id: string | undefined, symbol?: string, params?: CcxtParams): Promise<CcxtOrder>;
	cancelOrder(id: string | undefined, symbol?: string, params?: CcxtParams): Promise<CcxtOrder>;
	fetchOpenOrders(symbol?: string, since?: number, limit?: number, params?: CcxtParams): Promise<CcxtOrder[]>;
	fetchClosedOrders(symbol?: string, since?: number, limit?: number, params?: CcxtParams): Promise<CcxtOrder[]>;
	fetchOrders(symbol?: string, since?: number, limit?: number, params?: CcxtParams): Promise<CcxtOrder[]>;
	fetchBalance(params?: CcxtParams): Promise<CcxtBalance>;
	fetchTicker(symbol: string, params?: CcxtParams): Promise<CcxtTicker>;
	fetchTickers(symbols?: string[], params?: CcxtParams): Promise<Record<string, CcxtTicker>>;
	fetchPositions(symbols?: string[], params?: CcxtParams): Promise<CcxtPosition[]>;
	setLeverage(leverage: number, symbol?: string, params?: CcxtParams): Promise<unknown>;
	/** The exchange's own order JSON → ccxt's unified order. */
	parseOrder(order: unknown, market?: CcxtMarket): CcxtOrder;
	/** ccxt's hook that turns an HTTP answer into an exception; wrapped to keep the status and body. */
	handleErrors(...args: unknown[]): unknown;
	handleHttpStatusCode(...args: unknown[]): unknown;
	[implicitApiMethod: string]: unknown;
}

export type CcxtExchangeClass = new (config: CcxtParams) => CcxtExchange;

/** The error classes ccxt exports (base/errors.js), the ones the adapter tells apart. */
export interface CcxtErrorClasses {
	BaseError: ErrorClass;
	ExchangeError: ErrorClass;
	AuthenticationError: ErrorClass;
	ArgumentsRequired: ErrorClass;
	BadRequest: ErrorClass;
	BadSymbol: ErrorClass;
	InsufficientFunds: ErrorClass;
	InvalidOrder: ErrorClass;
	OrderNotFound: ErrorClass;
	DuplicateOrderId: ErrorClass;
	NotSupported: ErrorClass;
	OperationRejected: ErrorClass;
	OperationFailed: ErrorClass;
	NetworkError: ErrorClass;
	DDoSProtection: ErrorClass;
	RateLimitExceeded: ErrorClass;
	ExchangeNotAvailable: ErrorClass;
	InvalidNonce: ErrorClass;
	RequestTimeout: ErrorClass;
	BadResponse: ErrorClass;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- ccxt's error constructors take varied arguments
export type ErrorClass = abstract new (...args: any[]) => Error;

export interface CcxtModule extends CcxtErrorClasses {
	version: string;
	/** The ids of every exchange ccxt supports, e.g. 'binance', 'kraken'. */
	exchanges: string[];
	[exchangeId: string]: unknown;
}
