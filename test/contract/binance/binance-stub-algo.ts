import { type Answer, mandatory, notRequired, ok, orderDoesNotExist, type Params, rejected, unknownOrder } from './binance-stub-answers';
import { priceFailure, quantityFailure, USDM_MARKETS } from './binance-stub-markets';
import type { UsdmBook } from './binance-stub-usdm';
import { units } from './binance-stub-units';

/*
 * Binance USD-M's Algo Service for conditional orders (since 2025-12 the only way to place them):
 * - POST /fapi/v1/algoOrder: algoType CONDITIONAL (else -1116), symbol, side, type
 *   STOP_MARKET / TAKE_PROFIT_MARKET / STOP / TAKE_PROFIT / TRAILING_STOP_MARKET (else -1116);
 *   the *_MARKET stop types need triggerPrice and refuse price and callbackRate (-1102, -1106);
 *   TRAILING_STOP_MARKET needs callbackRate 0.1 to 10 in steps of 0.1 (-2007) and refuses
 *   triggerPrice; quantity unless closePosition=true, never both; reduceOnly not in hedge mode
 *   (-1106) nor with closePosition; positionSide as for orders (-4061); clientAlgoId
 *   ^[\.A-Z\:/a-z0-9_-]{1,36}$ (-1100); LOT_SIZE (-1111 / -4003), the tick (-4014); a reduce-only
 *   or hedge-closing order needs a position it reduces (-2022); a trigger the last price has
 *   already passed (a SELL STOP_MARKET at or above it, a SELL TAKE_PROFIT_MARKET at or below it;
 *   BUY the other way round): -2021 "Order would immediately trigger."; a clientAlgoId of an open
 *   algo order: -4116 "ClientOrderId is duplicated."; any parameter Binance does not read: -1104.
 *   The answer is the algo order (algoStatus NEW).
 * - GET /fapi/v1/algoOrder (algoId or clientAlgoId): the newest with it, -2013 when unknown;
 *   DELETE /fapi/v1/algoOrder: {algoId, clientAlgoId, code: "200", msg: "success"}, -2011 when
 *   unknown or not open; GET /fapi/v1/openAlgoOrders[?symbol=].
 */

export interface AlgoOrder {
	algoId: number;
	clientAlgoId: string;
	algoType: 'CONDITIONAL';
	orderType: string;
	symbol: string;
	side: string;
	positionSide: string;
	timeInForce: string;
	quantity: string;
	algoStatus: string;
	triggerPrice: string;
	price: string;
	icebergQuantity: null;
	selfTradePreventionMode: string;
	workingType: string;
	priceMatch: string;
	closePosition: boolean;
	priceProtect: boolean;
	reduceOnly: boolean;
	activatePrice?: string;
	callbackRate?: string;
	createTime: number;
	updateTime: number;
	triggerTime: number;
	goodTillDate: number;
}

const TYPES = ['STOP_MARKET', 'TAKE_PROFIT_MARKET', 'STOP', 'TAKE_PROFIT', 'TRAILING_STOP_MARKET'];
const CLIENT_ALGO_ID = /^[.A-Z:/a-z0-9_-]{1,36}$/;
const READ = new Set([
	'algoType',
	'symbol',
	'side',
	'positionSide',
	'type',
	'timeInForce',
	'quantity',
	'price',
	'triggerPrice',
	'workingType',
	'priceMatch',
	'closePosition',
	'priceProtect',
	'reduceOnly',
	'activatePrice',
	'callbackRate',
	'clientAlgoId',
	'newOrderRespType',
	'selfTradePreventionMode',
	'goodTillDate',
	'recvWindow',
	'timestamp',
	'signature',
]);

export class AlgoBook {
	readonly orders: AlgoOrder[] = [];
	private nextAlgoId = 9001;

	constructor(private readonly usdm: UsdmBook) {}

	place(params: Params): Answer {
		const refusal = this.refusal(params);
		if (refusal !== null) return refusal;
		const now = Date.now();
		const order: AlgoOrder = {
			algoId: this.nextAlgoId++,
			clientAlgoId: params.clientAlgoId ?? `stub${Math.random().toString(36).slice(2, 12)}`,
			algoType: 'CONDITIONAL',
			orderType: params.type,
			symbol: params.symbol,
			side: params.side,
			positionSide: params.positionSide ?? 'BOTH',
			timeInForce: params.timeInForce ?? 'GTC',
			quantity: params.quantity ?? '0',
			algoStatus: 'NEW',
			triggerPrice: params.triggerPrice ?? '0.00',
			price: params.price ?? '0.00',
			icebergQuantity: null,
			selfTradePreventionMode: 'EXPIRE_MAKER',
			workingType: params.workingType ?? 'CONTRACT_PRICE',
			priceMatch: 'NONE',
			closePosition: params.closePosition === 'true',
			priceProtect: params.priceProtect === 'true',
			reduceOnly: params.reduceOnly === 'true',
			...(params.type === 'TRAILING_STOP_MARKET' ? { callbackRate: params.callbackRate, activatePrice: params.activatePrice ?? '' } : {}),
			createTime: now,
			updateTime: now,
			triggerTime: 0,
			goodTillDate: 0,
		};
		this.orders.push(order);
		return ok({ ...order });
	}

	query(params: Params): Answer {
		const order = this.lookUp(params);
		if (order === 'missing') return mandatory('algoId');
		return order === undefined ? orderDoesNotExist() : ok({ ...order });
	}

	cancel(params: Params): Answer {
		const order = this.lookUp(params);
		if (order === 'missing') return mandatory('algoId');
		if (order === undefined || order.algoStatus !== 'NEW') return unknownOrder();
		order.algoStatus = 'CANCELED';
		order.updateTime = Date.now();
		return ok({ algoId: order.algoId, clientAlgoId: order.clientAlgoId, code: '200', msg: 'success' });
	}

	open(params: Params): Answer {
		return ok(this.orders.filter((order) => order.algoStatus === 'NEW' && (params.symbol === undefined || order.symbol === params.symbol)).map((order) => ({ ...order })));
	}

	private lookUp(params: Params): AlgoOrder | undefined | 'missing' {
		if (params.algoId !== undefined) return this.orders.find((order) => String(order.algoId) === params.algoId);
		if (params.clientAlgoId !== undefined) return [...this.orders].reverse().find((order) => order.clientAlgoId === params.clientAlgoId);
		return 'missing';
	}

	private refusal(params: Params): Answer | null {
		const unread = Object.keys(params).filter((name) => !READ.has(name));
		if (unread.length > 0) {
			const sent = Object.keys(params).length;
			return rejected(-1104, `Not all sent parameters were read; read '${sent - unread.length}' parameter(s) but was sent '${sent}'.`);
		}
		if (params.algoType === undefined) return mandatory('algoType');
		if (params.algoType !== 'CONDITIONAL') return rejected(-1116, 'Invalid algoType.');
		if (params.symbol === undefined) return mandatory('symbol');
		const market = USDM_MARKETS.find((entry) => entry.symbol === params.symbol);
		if (market === undefined) return rejected(-1121, 'Invalid symbol.');
		if (params.side !== 'BUY' && params.side !== 'SELL') return mandatory('side');
		if (params.type === undefined) return mandatory('type');
		if (!TYPES.includes(params.type)) return rejected(-1116, 'Invalid orderType.');
		const trailing = params.type === 'TRAILING_STOP_MARKET';
		const atMarket = params.type.endsWith('_MARKET');
		if (trailing) {
			if (params.callbackRate === undefined) return mandatory('callbackRate');
			if (params.triggerPrice !== undefined) return notRequired('triggerPrice');
			const rate = Number(params.callbackRate);
			if (!/^\d+(\.\d)?$/.test(params.callbackRate) || rate < 0.1 || rate > 10) return rejected(-2007, 'Invalid callBack rate.');
		} else {
			if (params.triggerPrice === undefined) return mandatory('triggerPrice');
			if (params.callbackRate !== undefined) return notRequired('callbackRate');
		}
		if (atMarket && params.price !== undefined) return notRequired('price');
		if (!atMarket && params.price === undefined) return mandatory('price');
		const closeAll = params.closePosition === 'true';
		if (closeAll && params.quantity !== undefined) return notRequired('quantity');
		if (!closeAll && params.quantity === undefined) return mandatory('quantity');
		if (closeAll && params.reduceOnly !== undefined) return notRequired('reduceOnly');
		if (params.clientAlgoId !== undefined && !CLIENT_ALGO_ID.test(params.clientAlgoId)) {
			return rejected(-1100, "Illegal characters found in parameter 'clientAlgoId'; legal range is '^[\\.A-Z\\:/a-z0-9_-]{1,36}$'.");
		}
		const positionSide = params.positionSide ?? 'BOTH';
		if (this.usdm.hedgeMode ? positionSide === 'BOTH' : positionSide !== 'BOTH') return rejected(-4061, "Order's position side does not match user's setting.");
		if (this.usdm.hedgeMode && params.reduceOnly !== undefined) return notRequired('reduceOnly');
		const quantity = params.quantity === undefined ? null : units(params.quantity);
		if (params.quantity !== undefined) {
			if (quantity === null) return rejected(-1111, 'Precision is over the maximum defined for this asset.');
			const failed = quantityFailure(market, quantity);
			if (failed !== null) return quantity > 0n ? rejected(-1111, 'Precision is over the maximum defined for this asset.') : rejected(-4003, 'Quantity less than or equal to zero.');
		}
		for (const name of ['triggerPrice', 'price', 'activatePrice']) {
			if (params[name] === undefined) continue;
			const value = units(params[name]);
			if (value === null || priceFailure(market, value) !== null) return rejected(-4014, 'Price not increased by tick size.');
		}
		const last = this.usdm.prices.get(market.symbol) as bigint;
		const trigger = units(params.triggerPrice);
		if (trigger !== null) {
			const stopType = params.type === 'STOP_MARKET' || params.type === 'STOP';
			const passed = stopType === (params.side === 'SELL') ? trigger >= last : trigger <= last;
			if (passed) return rejected(-2021, 'Order would immediately trigger.');
		}
		const closingLeg = this.usdm.hedgeMode && (params.side === 'SELL') === (positionSide === 'LONG');
		if (quantity !== null && (closingLeg || params.reduceOnly === 'true')) {
			const held = closingLeg ? abs(this.usdm.legs.get(`${market.symbol}:${positionSide}`)?.amount ?? 0n) : this.usdm.positions.get(market.symbol)?.amount ?? 0n;
			const reduces = closingLeg ? quantity <= held : params.side === 'SELL' ? held > 0n && quantity <= held : held < 0n && quantity <= -held;
			if (!reduces) return rejected(-2022, 'ReduceOnly Order is rejected.');
		}
		if (params.clientAlgoId !== undefined && this.orders.some((order) => order.clientAlgoId === params.clientAlgoId && order.algoStatus === 'NEW')) {
			return rejected(-4116, 'ClientOrderId is duplicated.');
		}
		return null;
	}
}

function abs(value: bigint): bigint {
	return value < 0n ? -value : value;
}
