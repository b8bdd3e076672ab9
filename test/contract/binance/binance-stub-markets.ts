import { times, units } from './binance-stub-units';

/*
 * The stub's markets as Binance's exchangeInfo describes them, and the filters it enforces
 * (https://developers.binance.com/docs/binance-spot-api-docs/filters):
 *   PRICE_FILTER  price >= minPrice, (price - minPrice) % tickSize == 0
 *   LOT_SIZE      minQty <= quantity <= maxQty, (quantity - minQty) % stepSize == 0
 *   NOTIONAL      price × quantity >= minNotional (market orders too when applyMinToMarket)
 *   MIN_NOTIONAL  the older spot filter (applyToMarket); USD-M's, with field "notional"
 * A failure is -1013 "Filter failure: <FILTER>" (spot); USD-M answers as Binance futures does.
 */

export type Filter = Record<string, string | number | boolean> & { filterType: string };

export interface StubMarket {
	symbol: string;
	/** TRADING unless said otherwise (BREAK: halted). */
	status?: string;
	baseAsset: string;
	quoteAsset: string;
	filters: Filter[];
	orderTypes: string[];
}

const SPOT_ORDER_TYPES = ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'];
const USDM_ORDER_TYPES = ['LIMIT', 'MARKET', 'STOP', 'STOP_MARKET', 'TAKE_PROFIT', 'TAKE_PROFIT_MARKET', 'TRAILING_STOP_MARKET'];

export const SPOT_MARKETS: readonly StubMarket[] = [
	{
		symbol: 'BTCUSDT',
		baseAsset: 'BTC',
		quoteAsset: 'USDT',
		orderTypes: SPOT_ORDER_TYPES,
		filters: [
			{ filterType: 'PRICE_FILTER', minPrice: '0.01000000', maxPrice: '1000000.00000000', tickSize: '0.01000000' },
			{ filterType: 'LOT_SIZE', minQty: '0.00001000', maxQty: '9000.00000000', stepSize: '0.00001000' },
			{ filterType: 'ICEBERG_PARTS', limit: 10 },
			{ filterType: 'MARKET_LOT_SIZE', minQty: '0.00000000', maxQty: '100.00000000', stepSize: '0.00000000' },
			{ filterType: 'NOTIONAL', minNotional: '5.00000000', applyMinToMarket: true, maxNotional: '9000000.00000000', applyMaxToMarket: false, avgPriceMins: 5 },
			{ filterType: 'TRAILING_DELTA', minTrailingAboveDelta: 10, maxTrailingAboveDelta: 2000, minTrailingBelowDelta: 10, maxTrailingBelowDelta: 2000 },
		],
	},
	{
		symbol: 'ETHUSDT',
		baseAsset: 'ETH',
		quoteAsset: 'USDT',
		orderTypes: SPOT_ORDER_TYPES,
		filters: [
			{ filterType: 'PRICE_FILTER', minPrice: '0.01000000', maxPrice: '1000000.00000000', tickSize: '0.01000000' },
			{ filterType: 'LOT_SIZE', minQty: '0.00010000', maxQty: '9000.00000000', stepSize: '0.00010000' },
			{ filterType: 'NOTIONAL', minNotional: '5.00000000', applyMinToMarket: true, maxNotional: '9000000.00000000', applyMaxToMarket: false, avgPriceMins: 5 },
		],
	},
	{
		symbol: 'ETHBTC',
		baseAsset: 'ETH',
		quoteAsset: 'BTC',
		orderTypes: SPOT_ORDER_TYPES,
		filters: [
			{ filterType: 'PRICE_FILTER', minPrice: '0.00001000', maxPrice: '922327.00000000', tickSize: '0.00001000' },
			{ filterType: 'LOT_SIZE', minQty: '0.00100000', maxQty: '100000.00000000', stepSize: '0.00010000' },
			{ filterType: 'MIN_NOTIONAL', minNotional: '0.00010000', applyToMarket: true, avgPriceMins: 5 },
		],
	},
	{
		symbol: 'LUNAUSDT',
		status: 'BREAK',
		baseAsset: 'LUNA',
		quoteAsset: 'USDT',
		orderTypes: SPOT_ORDER_TYPES,
		filters: [
			{ filterType: 'PRICE_FILTER', minPrice: '0.00010000', maxPrice: '1000.00000000', tickSize: '0.00010000' },
			{ filterType: 'LOT_SIZE', minQty: '0.01000000', maxQty: '9000000.00000000', stepSize: '0.01000000' },
		],
	},
];

export const USDM_MARKETS: readonly StubMarket[] = [
	{
		symbol: 'BTCUSDT',
		baseAsset: 'BTC',
		quoteAsset: 'USDT',
		orderTypes: USDM_ORDER_TYPES,
		filters: [
			{ filterType: 'PRICE_FILTER', minPrice: '556.80', maxPrice: '4529764', tickSize: '0.10' },
			{ filterType: 'LOT_SIZE', minQty: '0.001', maxQty: '1000', stepSize: '0.001' },
			{ filterType: 'MARKET_LOT_SIZE', minQty: '0.001', maxQty: '120', stepSize: '0.001' },
			{ filterType: 'MAX_NUM_ORDERS', limit: 200 },
			{ filterType: 'MIN_NOTIONAL', notional: '100' },
			{ filterType: 'PERCENT_PRICE', multiplierUp: '1.0500', multiplierDown: '0.9500', multiplierDecimal: '4' },
		],
	},
];

export function spotSymbolJson(market: StubMarket): Record<string, unknown> {
	return {
		symbol: market.symbol,
		status: market.status ?? 'TRADING',
		baseAsset: market.baseAsset,
		baseAssetPrecision: 8,
		quoteAsset: market.quoteAsset,
		quotePrecision: 8,
		quoteAssetPrecision: 8,
		baseCommissionPrecision: 8,
		quoteCommissionPrecision: 8,
		orderTypes: market.orderTypes,
		icebergAllowed: true,
		ocoAllowed: true,
		otoAllowed: true,
		quoteOrderQtyMarketAllowed: true,
		allowTrailingStop: true,
		cancelReplaceAllowed: true,
		isSpotTradingAllowed: true,
		isMarginTradingAllowed: false,
		filters: market.filters,
		permissions: [],
		permissionSets: [['SPOT']],
		defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
		allowedSelfTradePreventionModes: ['EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH'],
	};
}

export function usdmSymbolJson(market: StubMarket): Record<string, unknown> {
	return {
		symbol: market.symbol,
		pair: market.symbol,
		contractType: 'PERPETUAL',
		deliveryDate: 4133404800000,
		onboardDate: 1569398400000,
		status: 'TRADING',
		maintMarginPercent: '2.5000',
		requiredMarginPercent: '5.0000',
		baseAsset: market.baseAsset,
		quoteAsset: market.quoteAsset,
		marginAsset: market.quoteAsset,
		pricePrecision: 2,
		quantityPrecision: 3,
		baseAssetPrecision: 8,
		quotePrecision: 8,
		underlyingType: 'COIN',
		underlyingSubType: ['PoW'],
		triggerProtect: '0.0500',
		liquidationFee: '0.012500',
		marketTakeBound: '0.05',
		maxMoveOrderLimit: 10000,
		filters: market.filters,
		orderTypes: market.orderTypes,
		timeInForce: ['GTC', 'IOC', 'FOK', 'GTX', 'GTD'],
	};
}

export function filterOf(market: StubMarket, type: string): Filter | undefined {
	return market.filters.find((filter) => filter.filterType === type);
}

/** The failed filter's name for a price, or null when it passes. */
export function priceFailure(market: StubMarket, price: bigint): string | null {
	const filter = filterOf(market, 'PRICE_FILTER');
	if (filter === undefined) return null;
	const min = units(String(filter.minPrice)) ?? 0n;
	const max = units(String(filter.maxPrice)) ?? 0n;
	const tick = units(String(filter.tickSize)) ?? 0n;
	if (price < min || (max > 0n && price > max) || (tick > 0n && (price - min) % tick !== 0n)) return 'PRICE_FILTER';
	return null;
}

/** The failed filter's name for a quantity, or null when it passes. */
export function quantityFailure(market: StubMarket, quantity: bigint): string | null {
	const filter = filterOf(market, 'LOT_SIZE');
	if (filter === undefined) return null;
	const min = units(String(filter.minQty)) ?? 0n;
	const max = units(String(filter.maxQty)) ?? 0n;
	const step = units(String(filter.stepSize)) ?? 0n;
	if (quantity < min || quantity > max || (step > 0n && (quantity - min) % step !== 0n)) return 'LOT_SIZE';
	return null;
}

/** The failed notional filter's name, or null. `atMarket`: a market order, checked at its fill price. */
export function notionalFailure(market: StubMarket, quantity: bigint, price: bigint, atMarket: boolean, reduceOnly = false): string | null {
	const notional = times(quantity, price);
	const current = filterOf(market, 'NOTIONAL');
	if (current !== undefined) {
		if (atMarket && current.applyMinToMarket === false) return null;
		return notional < (units(String(current.minNotional)) ?? 0n) ? 'NOTIONAL' : null;
	}
	const older = filterOf(market, 'MIN_NOTIONAL');
	if (older === undefined || reduceOnly) return null;
	if (atMarket && older.applyToMarket === false) return null;
	return notional < (units(String(older.minNotional ?? older.notional)) ?? 0n) ? 'MIN_NOTIONAL' : null;
}

/** TRAILING_DELTA: a whole number of basis points within the filter's range for the order's direction, else -1013. */
export function trailingDeltaFailure(market: StubMarket, type: string, side: string, value: string): { status: number; body: unknown } | null {
	if (!/^\d+$/.test(value)) return { status: 400, body: { code: -1100, msg: "Illegal characters found in parameter 'trailingDelta'; legal range is '^([0-9]{1,20})$'." } };
	const filter = filterOf(market, 'TRAILING_DELTA');
	if (filter === undefined) return null;
	const above = (type.startsWith('STOP_LOSS') && side === 'BUY') || (type.startsWith('TAKE_PROFIT') && side === 'SELL');
	const [min, max] = above ? [filter.minTrailingAboveDelta, filter.maxTrailingAboveDelta] : [filter.minTrailingBelowDelta, filter.maxTrailingBelowDelta];
	const delta = Number(value);
	return delta < Number(min) || delta > Number(max) ? { status: 400, body: { code: -1013, msg: 'Filter failure: TRAILING_DELTA' } } : null;
}
