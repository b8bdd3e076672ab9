import {
	type Answer,
	CLIENT_ORDER_ID_RULE,
	filterFailure,
	illegalClientOrderId,
	insufficientBalance,
	invalidSymbol,
	mandatory,
	notRequired,
	ok,
	orderDoesNotExist,
	type Params,
	rejected,
	tooMuchPrecision,
	unknownOrder,
} from './binance-stub-answers';
import { notionalFailure, priceFailure, quantityFailure, SPOT_MARKETS, spotSymbolJson, type StubMarket, trailingDeltaFailure } from './binance-stub-markets';
import { cancelList, type OrderList } from './binance-stub-order-lists';
import { decimal, times, tooPrecise, units } from './binance-stub-units';

/*
 * Binance spot's account and orders (/api/v3/...), in memory:
 * - POST /api/v3/order checks what Binance checks, in its order: symbol, side, type (one the
 *   symbol lists), the parameters each type needs and no others (timeInForce on a MARKET order is
 *   -1106), newClientOrderId's format, the filters (-1013 LOT_SIZE / PRICE_FILTER / NOTIONAL),
 *   trailingDelta (STOP_LOSS / TAKE_PROFIT types, in place of or with stopPrice; the
 *   TRAILING_DELTA filter), a stop that would trigger at once (-2010),
 *   a newClientOrderId already used by an OPEN order (-2010 "Duplicate order sent." — Binance
 *   takes it again once that order is filled or cancelled), then the balance (-2010).
 * - MARKET fills at once at the symbol's price (setPrice) and moves the balances; LIMIT,
 *   STOP_LOSS and STOP_LOSS_LIMIT rest as NEW with their funds locked until cancelled.
 * - GET /api/v3/order (symbol + origClientOrderId or orderId; the newest with that id), -2013
 *   when unknown; DELETE /api/v3/order, -2011 when unknown or not open; GET /api/v3/openOrders;
 *   GET /api/v3/account.
 */

export interface SpotOrder {
	symbol: string;
	orderId: number;
	orderListId: number;
	clientOrderId: string;
	price: string;
	origQty: string;
	executedQty: string;
	cummulativeQuoteQty: string;
	status: string;
	timeInForce: string;
	type: string;
	side: string;
	stopPrice: string;
	icebergQty: string;
	time: number;
	updateTime: number;
	isWorking: boolean;
	workingTime: number;
	origQuoteOrderQty: string;
	selfTradePreventionMode: string;
	/** Trailing stops only (Binance's conditional field). */
	trailingDelta?: number;
}

const TYPE_PARAMS: Record<string, { required: string[]; refused: string[] }> = {
	MARKET: { required: ['quantity'], refused: ['timeInForce', 'price', 'stopPrice'] },
	LIMIT: { required: ['timeInForce', 'quantity', 'price'], refused: ['stopPrice'] },
	STOP_LOSS: { required: ['quantity', 'stopPrice'], refused: ['timeInForce', 'price'] },
	STOP_LOSS_LIMIT: { required: ['timeInForce', 'quantity', 'price', 'stopPrice'], refused: [] },
	TAKE_PROFIT: { required: ['quantity', 'stopPrice'], refused: ['timeInForce', 'price'] },
	TAKE_PROFIT_LIMIT: { required: ['timeInForce', 'quantity', 'price', 'stopPrice'], refused: [] },
	LIMIT_MAKER: { required: ['quantity', 'price'], refused: ['timeInForce', 'stopPrice'] },
};

const ZERO = '0.00000000';

export class SpotBook {
	readonly orders: SpotOrder[] = [];
	readonly free = new Map<string, bigint>();
	readonly locked = new Map<string, bigint>();
	readonly prices = new Map<string, bigint>([
		['BTCUSDT', units('30000') as bigint],
		['ETHUSDT', units('2000') as bigint],
		['ETHBTC', units('0.05') as bigint],
		['LUNAUSDT', units('0.0001') as bigint],
	]);
	/** Funds locked by an open order (by orderId), or by an order list (by its first leg's orderId, shared by the legs). */
	readonly locks = new Map<number, { asset: string; amount: bigint }>();
	/** Spot order lists (OCO): binance-stub-order-lists.ts. */
	readonly lists: OrderList[] = [];
	nextOrderId = 1001;
	nextOrderListId = 1;

	constructor(balances: Record<string, string>) {
		for (const [asset, amount] of Object.entries(balances)) this.free.set(asset, units(amount) ?? 0n);
	}

	setPrice(symbol: string, price: string): void {
		this.prices.set(symbol, units(price) as bigint);
	}

	setBalance(asset: string, free: string, locked = '0'): void {
		this.free.set(asset, units(free) ?? 0n);
		this.locked.set(asset, units(locked) ?? 0n);
	}

	exchangeInfo(): unknown {
		return { timezone: 'UTC', serverTime: Date.now(), rateLimits: [], exchangeFilters: [], symbols: SPOT_MARKETS.map(spotSymbolJson) };
	}

	findByClientId(symbol: string, clientOrderId: string): SpotOrder | undefined {
		return [...this.orders].reverse().find((order) => order.symbol === symbol && order.clientOrderId === clientOrderId);
	}

	place(params: Params): { answer: Answer; stored: boolean } {
		const refusal = this.refusal(params);
		if (refusal !== null) return { answer: refusal, stored: false };
		const market = SPOT_MARKETS.find((entry) => entry.symbol === params.symbol) as StubMarket;
		const type = params.type;
		const quantity = units(params.quantity) as bigint;
		const now = Date.now();
		const order: SpotOrder = {
			symbol: market.symbol,
			orderId: this.nextOrderId++,
			orderListId: -1,
			clientOrderId: params.newClientOrderId ?? `stub-${Math.random().toString(36).slice(2, 12)}`,
			price: params.price === undefined ? ZERO : decimal(units(params.price) as bigint),
			origQty: decimal(quantity),
			executedQty: ZERO,
			cummulativeQuoteQty: ZERO,
			status: 'NEW',
			timeInForce: params.timeInForce ?? 'GTC',
			type,
			side: params.side,
			stopPrice: params.stopPrice === undefined ? ZERO : decimal(units(params.stopPrice) as bigint),
			icebergQty: ZERO,
			time: now,
			updateTime: now,
			isWorking: type === 'LIMIT' || type === 'MARKET',
			workingTime: now,
			origQuoteOrderQty: ZERO,
			selfTradePreventionMode: 'EXPIRE_MAKER',
			...(params.trailingDelta === undefined ? {} : { trailingDelta: Number(params.trailingDelta) }),
		};
		const fill = this.prices.get(market.symbol) as bigint;
		if (type === 'MARKET') {
			const cost = times(quantity, fill);
			const paying = params.side === 'BUY' ? market.quoteAsset : market.baseAsset;
			if (this.balance(paying) < (params.side === 'BUY' ? cost : quantity)) return { answer: insufficientBalance(), stored: false };
			this.move(market, params.side, quantity, cost);
			Object.assign(order, { executedQty: decimal(quantity), cummulativeQuoteQty: decimal(cost), status: 'FILLED' });
		} else {
			const lockPrice = units(params.price ?? params.stopPrice) as bigint;
			const lock = params.side === 'BUY' ? { asset: market.quoteAsset, amount: times(quantity, lockPrice) } : { asset: market.baseAsset, amount: quantity };
			if (this.balance(lock.asset) < lock.amount) return { answer: insufficientBalance(), stored: false };
			this.free.set(lock.asset, this.balance(lock.asset) - lock.amount);
			this.locked.set(lock.asset, (this.locked.get(lock.asset) ?? 0n) + lock.amount);
			this.locks.set(order.orderId, lock);
		}
		this.orders.push(order);
		const fills = order.status === 'FILLED' ? [{ price: decimal(fill), qty: order.executedQty, commission: ZERO, commissionAsset: 'BNB', tradeId: order.orderId * 10 }] : [];
		return { answer: ok({ ...this.json(order), transactTime: now, fills }), stored: true };
	}

	query(params: Params): Answer {
		if (params.symbol === undefined) return mandatory('symbol');
		if (!SPOT_MARKETS.some((market) => market.symbol === params.symbol)) return invalidSymbol();
		const order = this.lookUp(params);
		if (order === 'missing') return rejected(-1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
		return order === undefined ? orderDoesNotExist() : ok(this.json(order));
	}

	cancel(params: Params): Answer {
		if (params.symbol === undefined) return mandatory('symbol');
		const order = this.lookUp(params);
		if (order === 'missing') return rejected(-1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
		if (order === undefined || !['NEW', 'PARTIALLY_FILLED'].includes(order.status)) return unknownOrder();
		// "Canceling an individual order from an order list will cancel the entire order list."
		const list = this.lists.find((entry) => entry.orderListId === order.orderListId);
		if (list !== undefined) cancelList(this, list);
		else this.cancelOne(order);
		const { clientOrderId, time: _time, updateTime: _update, isWorking: _working, workingTime: _workingTime, ...rest } = this.json(order);
		return ok({ ...rest, origClientOrderId: clientOrderId, clientOrderId: `cancel-${order.orderId}`, transactTime: order.updateTime });
	}

	/** Cancels one open order and unlocks its funds (an order list's lock goes with its first leg). */
	cancelOne(order: SpotOrder): void {
		order.status = 'CANCELED';
		order.updateTime = Date.now();
		const lock = this.locks.get(order.orderId);
		if (lock !== undefined) {
			this.locked.set(lock.asset, (this.locked.get(lock.asset) ?? 0n) - lock.amount);
			this.free.set(lock.asset, this.balance(lock.asset) + lock.amount);
			this.locks.delete(order.orderId);
		}
	}

	openOrders(params: Params): Answer {
		if (params.symbol !== undefined && !SPOT_MARKETS.some((market) => market.symbol === params.symbol)) return invalidSymbol();
		const open = this.orders.filter((order) => ['NEW', 'PARTIALLY_FILLED'].includes(order.status) && (params.symbol === undefined || order.symbol === params.symbol));
		return ok(open.map((order) => this.json(order)));
	}

	/** GET /api/v3/ticker/24hr?symbol= or ?symbols=["…"]: the price set for each (0 when none), -1121 for an unknown symbol. */
	tickers(params: Params): Answer {
		const symbols: string[] = params.symbols !== undefined ? (JSON.parse(params.symbols) as string[]) : params.symbol !== undefined ? [params.symbol] : SPOT_MARKETS.map((market) => market.symbol);
		if (symbols.some((symbol) => !SPOT_MARKETS.some((market) => market.symbol === symbol))) return invalidSymbol();
		const now = Date.now();
		const rows = symbols.map((symbol) => {
			const price = decimal(this.prices.get(symbol) ?? 0n);
			return { symbol, lastPrice: price, bidPrice: price, askPrice: price, openPrice: price, highPrice: price, lowPrice: price, volume: ZERO, quoteVolume: ZERO, openTime: now - 86_400_000, closeTime: now, count: 0 };
		});
		return ok(params.symbol !== undefined ? rows[0] : rows);
	}

	account(): Answer {
		const assets = [...new Set([...this.free.keys(), ...this.locked.keys()])].sort();
		return ok({
			makerCommission: 10,
			takerCommission: 10,
			canTrade: true,
			canWithdraw: true,
			canDeposit: true,
			updateTime: Date.now(),
			accountType: 'SPOT',
			balances: assets.map((asset) => ({ asset, free: decimal(this.balance(asset)), locked: decimal(this.locked.get(asset) ?? 0n) })),
			permissions: ['SPOT'],
			uid: 354937868,
		});
	}

	private refusal(params: Params): Answer | null {
		const market = SPOT_MARKETS.find((entry) => entry.symbol === params.symbol);
		if (params.symbol === undefined) return mandatory('symbol');
		if (market === undefined) return invalidSymbol();
		if (params.side !== 'BUY' && params.side !== 'SELL') return mandatory('side');
		if (params.type === undefined) return mandatory('type');
		const rules = TYPE_PARAMS[params.type];
		if (rules === undefined || !market.orderTypes.includes(params.type)) return rejected(-1116, 'Invalid orderType.');
		if (params.quoteOrderQty !== undefined) return notRequired('quoteOrderQty');
		for (const name of rules.required) {
			if (name === 'stopPrice' && params.trailingDelta !== undefined) continue;
			if (params[name] === undefined || params[name] === '') return mandatory(name);
		}
		if (params.trailingDelta !== undefined) {
			if (!['STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'].includes(params.type)) return notRequired('trailingDelta');
			const failed = trailingDeltaFailure(market, params.type, params.side, params.trailingDelta);
			if (failed !== null) return failed;
		}
		for (const name of rules.refused) if (params[name] !== undefined) return notRequired(name);
		if (params.timeInForce !== undefined && !['GTC', 'IOC', 'FOK'].includes(params.timeInForce)) return rejected(-1115, 'Invalid timeInForce.');
		if (params.newClientOrderId !== undefined && !CLIENT_ORDER_ID_RULE.test(params.newClientOrderId)) return illegalClientOrderId('newClientOrderId');
		for (const name of ['quantity', 'price', 'stopPrice']) {
			if (params[name] === undefined) continue;
			if (tooPrecise(params[name])) return tooMuchPrecision(name);
			if (units(params[name]) === null) return rejected(-1100, `Illegal characters found in parameter '${name}'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'.`);
		}
		const quantity = units(params.quantity) as bigint;
		const failedQuantity = quantityFailure(market, quantity);
		if (failedQuantity !== null) return filterFailure(failedQuantity);
		for (const name of ['price', 'stopPrice']) {
			const value = params[name] === undefined ? null : (units(params[name]) as bigint);
			const failed = value === null ? null : priceFailure(market, value);
			if (failed !== null) return filterFailure(failed);
		}
		const atMarket = params.type === 'MARKET' || params.type === 'STOP_LOSS' || params.type === 'TAKE_PROFIT';
		const price = units(params.price ?? params.stopPrice) ?? (this.prices.get(market.symbol) as bigint);
		const failedNotional = notionalFailure(market, quantity, params.type === 'MARKET' ? (this.prices.get(market.symbol) as bigint) : price, atMarket);
		if (failedNotional !== null) return filterFailure(failedNotional);
		const stop = params.stopPrice === undefined ? null : (units(params.stopPrice) as bigint);
		const last = this.prices.get(market.symbol) as bigint;
		if (stop !== null && (params.type.startsWith('STOP_LOSS') ? (params.side === 'SELL' ? stop >= last : stop <= last) : params.side === 'SELL' ? stop <= last : stop >= last)) {
			return rejected(-2010, 'Order would trigger immediately.');
		}
		const open = this.orders.some(
			(order) => order.clientOrderId === params.newClientOrderId && ['NEW', 'PARTIALLY_FILLED'].includes(order.status),
		);
		if (params.newClientOrderId !== undefined && open) return rejected(-2010, 'Duplicate order sent.');
		return null;
	}

	private lookUp(params: Params): SpotOrder | undefined | 'missing' {
		if (params.origClientOrderId !== undefined) return this.findByClientId(params.symbol, params.origClientOrderId);
		if (params.orderId !== undefined) return this.orders.find((order) => order.symbol === params.symbol && String(order.orderId) === params.orderId);
		return 'missing';
	}

	private move(market: StubMarket, side: string, quantity: bigint, cost: bigint): void {
		const [gain, gained, spend, spent] =
			side === 'BUY' ? [market.baseAsset, quantity, market.quoteAsset, cost] : [market.quoteAsset, cost, market.baseAsset, quantity];
		this.free.set(spend, this.balance(spend) - spent);
		this.free.set(gain, this.balance(gain) + gained);
	}

	balance(asset: string): bigint {
		return this.free.get(asset) ?? 0n;
	}

	json(order: SpotOrder): Record<string, unknown> {
		return { ...order };
	}
}
