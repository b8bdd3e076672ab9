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
	type Params,
	rejected,
	tooMuchPrecision,
} from './binance-stub-answers';
import { notionalFailure, priceFailure, quantityFailure, SPOT_MARKETS, type StubMarket, trailingDeltaFailure } from './binance-stub-markets';
import type { SpotBook, SpotOrder } from './binance-stub-spot';
import { decimal, tooPrecise, units } from './binance-stub-units';

/*
 * Binance spot order lists (https://developers.binance.com/docs/binance-spot-api-docs/rest-api,
 * "Order lists"), as the stub keeps them in a SpotBook:
 * - POST /api/v3/orderList/oco: symbol, side, quantity, aboveType (STOP_LOSS_LIMIT, STOP_LOSS,
 *   LIMIT_MAKER, TAKE_PROFIT, TAKE_PROFIT_LIMIT), belowType (STOP_LOSS, STOP_LOSS_LIMIT,
 *   TAKE_PROFIT, TAKE_PROFIT_LIMIT), one leg a stop loss and the other not (-1158); each leg's
 *   parameters as its type needs them and no others (-1102 mandatory, -1106 not required),
 *   any parameter Binance does not read (-1104); client ids' format (-1100); the filters per leg
 *   (-1013); the price restrictions against the last price: SELL: limit/take profit above (-1166,
 *   -1199), stop loss below (-1197); BUY the other way round (-1165, -1198, -1196); a
 *   listClientOrderId of an open list or a leg id of an open order (-2010 "Duplicate order
 *   sent."); the balance: the quantity of the base asset (SELL) is locked once for both legs
 *   (-2010 insufficient balance). Both legs rest as NEW with the list's orderListId; the answer
 *   (newOrderRespType RESULT) carries `orders` and `orderReports`.
 * - DELETE /api/v3/orderList (symbol + orderListId or listClientOrderId) cancels both legs and
 *   unlocks the coins; unknown or done: -2011 "Unknown order sent.". DELETE /api/v3/order on
 *   one leg cancels the whole list (binance-stub-spot.ts).
 * - GET /api/v3/orderList?origClientOrderId= (or orderListId): the list, -2013 when unknown;
 *   GET /api/v3/openOrderList.
 * - fillLeg: a price reaching a leg fills it and Binance cancels the other (trigger in tests).
 */

export interface OrderList {
	orderListId: number;
	listClientOrderId: string;
	symbol: string;
	contingencyType: 'OCO';
	listStatusType: 'EXEC_STARTED' | 'ALL_DONE';
	listOrderStatus: 'EXECUTING' | 'ALL_DONE';
	transactionTime: number;
	orderIds: number[];
}

const ABOVE_TYPES = ['STOP_LOSS_LIMIT', 'STOP_LOSS', 'LIMIT_MAKER', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'];
const BELOW_TYPES = ['STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'];
const LEG_FIELDS = ['Type', 'ClientOrderId', 'Price', 'StopPrice', 'TrailingDelta', 'TimeInForce'];
const OCO_PARAMS = new Set([
	'symbol',
	'listClientOrderId',
	'side',
	'quantity',
	'newOrderRespType',
	'selfTradePreventionMode',
	'recvWindow',
	'timestamp',
	'signature',
	...['above', 'below'].flatMap((leg) => LEG_FIELDS.map((field) => `${leg}${field}`)),
]);

/** What each leg type needs (price, stopPrice, timeInForce) and must not carry. */
const LEG_RULES: Record<string, { required: string[]; refused: string[] }> = {
	LIMIT_MAKER: { required: ['Price'], refused: ['StopPrice', 'TimeInForce', 'TrailingDelta'] },
	STOP_LOSS: { required: ['StopPrice'], refused: ['Price', 'TimeInForce'] },
	TAKE_PROFIT: { required: ['StopPrice'], refused: ['Price', 'TimeInForce'] },
	STOP_LOSS_LIMIT: { required: ['Price', 'StopPrice', 'TimeInForce'], refused: [] },
	TAKE_PROFIT_LIMIT: { required: ['Price', 'StopPrice', 'TimeInForce'], refused: [] },
};

const OPEN = ['NEW', 'PARTIALLY_FILLED'];

export function placeOco(book: SpotBook, params: Params): Answer {
	const unread = Object.keys(params).filter((name) => !OCO_PARAMS.has(name));
	if (unread.length > 0) {
		const sent = Object.keys(params).length;
		return rejected(-1104, `Not all sent parameters were read; read '${sent - unread.length}' parameter(s) but was sent '${sent}'.`);
	}
	if (params.symbol === undefined) return mandatory('symbol');
	const market = SPOT_MARKETS.find((entry) => entry.symbol === params.symbol);
	if (market === undefined) return invalidSymbol();
	if (params.side !== 'BUY' && params.side !== 'SELL') return mandatory('side');
	if (params.quantity === undefined) return mandatory('quantity');
	if (params.aboveType === undefined) return mandatory('aboveType');
	if (params.belowType === undefined) return mandatory('belowType');
	if (!ABOVE_TYPES.includes(params.aboveType) || !BELOW_TYPES.includes(params.belowType)) return rejected(-1158, 'Order type not supported in OCO.');
	const stopLeg = (['above', 'below'] as const).filter((leg) => params[`${leg}Type`].startsWith('STOP_LOSS'));
	if (stopLeg.length !== 1) return rejected(-1158, 'Order type not supported in OCO.');
	for (const leg of ['above', 'below'] as const) {
		const rules = LEG_RULES[params[`${leg}Type`]];
		for (const field of rules.required) {
			const name = `${leg}${field}`;
			if (field === 'StopPrice' && params[`${leg}TrailingDelta`] !== undefined) continue;
			if (params[name] === undefined || params[name] === '') return mandatory(name);
		}
		for (const field of rules.refused) if (params[`${leg}${field}`] !== undefined) return notRequired(`${leg}${field}`);
		const delta = params[`${leg}TrailingDelta`];
		if (delta !== undefined) {
			const failed = trailingDeltaFailure(market, params[`${leg}Type`], params.side, delta);
			if (failed !== null) return failed;
		}
		const timeInForce = params[`${leg}TimeInForce`];
		if (timeInForce !== undefined && !['GTC', 'IOC', 'FOK'].includes(timeInForce)) return rejected(-1115, 'Invalid timeInForce.');
	}
	for (const name of ['listClientOrderId', 'aboveClientOrderId', 'belowClientOrderId']) {
		if (params[name] !== undefined && !CLIENT_ORDER_ID_RULE.test(params[name])) return illegalClientOrderId(name);
	}
	for (const name of ['quantity', 'abovePrice', 'aboveStopPrice', 'belowPrice', 'belowStopPrice']) {
		if (params[name] === undefined) continue;
		if (tooPrecise(params[name])) return tooMuchPrecision(name);
		if (units(params[name]) === null) return rejected(-1100, `Illegal characters found in parameter '${name}'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'.`);
	}
	const quantity = units(params.quantity) as bigint;
	const failedQuantity = quantityFailure(market, quantity);
	if (failedQuantity !== null) return filterFailure(failedQuantity);
	for (const leg of ['above', 'below'] as const) {
		for (const field of ['Price', 'StopPrice']) {
			const value = units(params[`${leg}${field}`]);
			const failed = value === null ? null : priceFailure(market, value);
			if (failed !== null) return filterFailure(failed);
		}
		const legPrice = units(params[`${leg}Price`] ?? params[`${leg}StopPrice`]);
		if (legPrice !== null && notionalFailure(market, quantity, legPrice, false) !== null) return filterFailure('NOTIONAL');
	}
	const relation = priceRelation(book, market, params, stopLeg[0]);
	if (relation !== null) return relation;
	const taken = [params.aboveClientOrderId, params.belowClientOrderId].filter((id) => id !== undefined);
	if (new Set(taken).size !== taken.length) return rejected(-2010, 'Duplicate order sent.');
	if (taken.some((id) => book.orders.some((order) => order.clientOrderId === id && OPEN.includes(order.status)))) return rejected(-2010, 'Duplicate order sent.');
	if (params.listClientOrderId !== undefined && book.lists.some((list) => list.listClientOrderId === params.listClientOrderId && list.listStatusType === 'EXEC_STARTED')) {
		return rejected(-2010, 'Duplicate order sent.');
	}
	const lock = params.side === 'SELL' ? { asset: market.baseAsset, amount: quantity } : { asset: market.quoteAsset, amount: maxLegCost(params, quantity) };
	if (book.balance(lock.asset) < lock.amount) return insufficientBalance();
	return ok(store(book, market, params, quantity, lock));
}

/** SELL: the other leg above the last price, the stop loss below it; BUY the other way round. */
function priceRelation(book: SpotBook, market: StubMarket, params: Params, stopLeg: 'above' | 'below'): Answer | null {
	const last = book.prices.get(market.symbol) as bigint;
	const otherLeg = stopLeg === 'above' ? 'below' : 'above';
	const stop = units(params[`${stopLeg}StopPrice`]);
	const other = units(params[`${otherLeg}Price`] ?? params[`${otherLeg}StopPrice`]);
	const limitLike = params[`${otherLeg}Type`] === 'LIMIT_MAKER';
	if (params.side === 'SELL') {
		if (other !== null && !(other > last)) return limitLike ? rejected(-1166, 'A limit order in a sell OCO must be above.') : rejected(-1199, 'A take profit order in a sell OCO must be above.');
		if (stop !== null && !(stop < last)) return rejected(-1197, 'A stop loss order in a sell OCO must be below.');
	} else {
		if (other !== null && !(other < last)) return limitLike ? rejected(-1165, 'A limit order in a buy OCO must be below.') : rejected(-1198, 'A take profit order in a buy OCO must be below.');
		if (stop !== null && !(stop > last)) return rejected(-1196, 'A stop loss order in a buy OCO must be above.');
	}
	return null;
}

function maxLegCost(params: Params, quantity: bigint): bigint {
	const prices = ['abovePrice', 'aboveStopPrice', 'belowPrice', 'belowStopPrice'].map((name) => units(params[name]) ?? 0n);
	const highest = prices.reduce((a, b) => (a > b ? a : b), 0n);
	return (quantity * highest) / 100_000_000n;
}

function store(book: SpotBook, market: StubMarket, params: Params, quantity: bigint, lock: { asset: string; amount: bigint }): Record<string, unknown> {
	const now = Date.now();
	const list: OrderList = {
		orderListId: book.nextOrderListId++,
		listClientOrderId: params.listClientOrderId ?? `stub-list-${Math.random().toString(36).slice(2, 10)}`,
		symbol: market.symbol,
		contingencyType: 'OCO',
		listStatusType: 'EXEC_STARTED',
		listOrderStatus: 'EXECUTING',
		transactionTime: now,
		orderIds: [],
	};
	// Binance lists the stop loss leg first
	const legs: ('above' | 'below')[] = ['above', 'below'];
	legs.sort((a) => (params[`${a}Type`].startsWith('STOP_LOSS') ? -1 : 1));
	const orders: SpotOrder[] = legs.map((leg) => {
		const type = params[`${leg}Type`];
		return {
			symbol: market.symbol,
			orderId: book.nextOrderId++,
			orderListId: list.orderListId,
			clientOrderId: params[`${leg}ClientOrderId`] ?? `stub-${Math.random().toString(36).slice(2, 12)}`,
			price: params[`${leg}Price`] === undefined ? '0.00000000' : decimal(units(params[`${leg}Price`]) as bigint),
			origQty: decimal(quantity),
			executedQty: '0.00000000',
			cummulativeQuoteQty: '0.00000000',
			status: 'NEW',
			timeInForce: params[`${leg}TimeInForce`] ?? 'GTC',
			type,
			side: params.side,
			stopPrice: params[`${leg}StopPrice`] === undefined ? '0.00000000' : decimal(units(params[`${leg}StopPrice`]) as bigint),
			icebergQty: '0.00000000',
			time: now,
			updateTime: now,
			isWorking: type === 'LIMIT_MAKER',
			workingTime: type === 'LIMIT_MAKER' ? now : -1,
			origQuoteOrderQty: '0.00000000',
			selfTradePreventionMode: 'EXPIRE_MAKER',
			...(params[`${leg}TrailingDelta`] === undefined ? {} : { trailingDelta: Number(params[`${leg}TrailingDelta`]) }),
		};
	});
	list.orderIds = orders.map((order) => order.orderId);
	book.orders.push(...orders);
	book.lists.push(list);
	book.free.set(lock.asset, book.balance(lock.asset) - lock.amount);
	book.locked.set(lock.asset, (book.locked.get(lock.asset) ?? 0n) + lock.amount);
	book.locks.set(orders[0].orderId, lock);
	return {
		...listJson(book, list),
		orderReports: orders.map((order) => {
			const { time: _time, updateTime: _update, isWorking: _working, ...rest } = book.json(order);
			return { ...rest, transactTime: now };
		}),
	};
}

export function listJson(book: SpotBook, list: OrderList): Record<string, unknown> {
	return {
		orderListId: list.orderListId,
		contingencyType: list.contingencyType,
		listStatusType: list.listStatusType,
		listOrderStatus: list.listOrderStatus,
		listClientOrderId: list.listClientOrderId,
		transactionTime: list.transactionTime,
		symbol: list.symbol,
		orders: list.orderIds.map((orderId) => {
			const order = book.orders.find((entry) => entry.orderId === orderId) as SpotOrder;
			return { symbol: order.symbol, orderId: order.orderId, clientOrderId: order.clientOrderId };
		}),
	};
}

/** Cancels the list's open legs and unlocks its coins. */
export function cancelList(book: SpotBook, list: OrderList): void {
	for (const orderId of list.orderIds) {
		const order = book.orders.find((entry) => entry.orderId === orderId) as SpotOrder;
		if (OPEN.includes(order.status)) book.cancelOne(order);
	}
	list.listStatusType = 'ALL_DONE';
	list.listOrderStatus = 'ALL_DONE';
}

export function deleteOrderList(book: SpotBook, params: Params): Answer {
	if (params.symbol === undefined) return mandatory('symbol');
	if (params.orderListId === undefined && params.listClientOrderId === undefined) return mandatory('orderListId');
	const list = book.lists.find(
		(entry) =>
			entry.symbol === params.symbol &&
			(params.orderListId === undefined || String(entry.orderListId) === params.orderListId) &&
			(params.listClientOrderId === undefined || entry.listClientOrderId === params.listClientOrderId),
	);
	if (list === undefined || list.listStatusType !== 'EXEC_STARTED') return rejected(-2011, 'Unknown order sent.');
	cancelList(book, list);
	const now = Date.now();
	return ok({
		...listJson(book, list),
		orderReports: list.orderIds.map((orderId) => {
			const order = book.orders.find((entry) => entry.orderId === orderId) as SpotOrder;
			const { clientOrderId, time: _time, updateTime: _update, isWorking: _working, workingTime: _workingTime, ...rest } = book.json(order);
			return { ...rest, origClientOrderId: clientOrderId, clientOrderId: `cancel-${list.orderListId}`, transactTime: now };
		}),
	});
}

export function queryOrderList(book: SpotBook, params: Params): Answer {
	if (params.orderListId === undefined && params.origClientOrderId === undefined) return mandatory('orderListId');
	const list = [...book.lists]
		.reverse()
		.find((entry) => (params.orderListId !== undefined ? String(entry.orderListId) === params.orderListId : entry.listClientOrderId === params.origClientOrderId));
	return list === undefined ? rejected(-2013, 'Order list does not exist.') : ok(listJson(book, list));
}

export function openOrderLists(book: SpotBook): Answer {
	return ok(book.lists.filter((list) => list.listStatusType === 'EXEC_STARTED').map((list) => listJson(book, list)));
}

/** A price reached one leg: it fills at its price (stop loss at its stop), the other is cancelled (tests). */
export function fillLeg(book: SpotBook, clientOrderId: string): void {
	const order = book.orders.find((entry) => entry.clientOrderId === clientOrderId && OPEN.includes(entry.status));
	if (order === undefined) throw new Error(`no open order ${clientOrderId}`);
	const list = book.lists.find((entry) => entry.orderListId === order.orderListId);
	const market = SPOT_MARKETS.find((entry) => entry.symbol === order.symbol) as StubMarket;
	const price = units(order.type.startsWith('STOP_LOSS') || order.type === 'TAKE_PROFIT' ? order.stopPrice : order.price) as bigint;
	const quantity = units(order.origQty) as bigint;
	const lockKey = list === undefined ? order.orderId : list.orderIds[0];
	const lock = book.locks.get(lockKey);
	if (lock !== undefined) {
		book.locked.set(lock.asset, (book.locked.get(lock.asset) ?? 0n) - lock.amount);
		book.free.set(lock.asset, book.balance(lock.asset) + lock.amount);
		book.locks.delete(lockKey);
	}
	const cost = (quantity * price) / 100_000_000n;
	if (order.side === 'SELL') {
		book.free.set(market.baseAsset, book.balance(market.baseAsset) - quantity);
		book.free.set(market.quoteAsset, book.balance(market.quoteAsset) + cost);
	} else {
		book.free.set(market.quoteAsset, book.balance(market.quoteAsset) - cost);
		book.free.set(market.baseAsset, book.balance(market.baseAsset) + quantity);
	}
	Object.assign(order, { status: 'FILLED', executedQty: order.origQty, cummulativeQuoteQty: decimal(cost), updateTime: Date.now() });
	if (list !== undefined) {
		for (const orderId of list.orderIds) {
			const other = book.orders.find((entry) => entry.orderId === orderId) as SpotOrder;
			if (OPEN.includes(other.status)) Object.assign(other, { status: 'EXPIRED', updateTime: Date.now() });
		}
		list.listStatusType = 'ALL_DONE';
		list.listOrderStatus = 'ALL_DONE';
	}
}
