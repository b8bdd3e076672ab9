import { createHmac } from 'node:crypto';

import { isMultiple } from '../harness/decimal-step';
import type { Answer } from '../harness/stub-http';
import { StubbedExchange, type StubRequest } from '../harness/stubbed-exchange';
import { type BookOrder, type Leg, PerpetualBook } from '../harness/perpetual-book';

/*
 * A local Bybit V5 (category linear only) that checks what Bybit checks
 * (https://bybit-exchange.github.io/docs/v5/guide, /docs/v5/error):
 * - private endpoints need X-BAPI-API-KEY (else retCode 10003 "API key is invalid."),
 *   X-BAPI-TIMESTAMP within X-BAPI-RECV-WINDOW of the stub's clock (10002), and X-BAPI-SIGN =
 *   hex HMAC-SHA256(secret, timestamp + apiKey + recvWindow + queryString | body) (10004, whose
 *   message echoes the signed text as Bybit's does — API key included, which the adapter must
 *   not repeat);
 * - every answer is HTTP 200 {retCode, retMsg, result, retExtInfo, time};
 * - POST /v5/order/create: orderLinkId 1–36 of [A-Za-z0-9_-] (10001), used before → 110072
 *   "OrderLinkedID is duplicate", positionIdx against the position mode (10001 "position idx not
 *   match position mode"), reduce-only with nothing to reduce → 110017, qty a multiple of the
 *   step (10001), takeProfit above / stopLoss below the mark for a buy (10001);
 * - GET /v5/order/realtime (open orders; by orderId or orderLinkId closed ones too) and
 *   /v5/order/history (closed orders); POST /v5/order/cancel;
 *   POST /v5/position/set-leverage (the same again → 110043 "Set leverage not modified");
 *   GET /v5/position/list; GET /v5/account/wallet-balance; GET /v5/market/instruments-info.
 */

export interface BybitStubOptions {
	apiKey: string;
	secret: string;
}

const INSTRUMENTS = [
	{ symbol: 'BTCUSDT', baseCoin: 'BTC', tickSize: '0.10', qtyStep: '0.001', minOrderQty: '0.001', minNotionalValue: '5', priceScale: '2' },
	{ symbol: 'ETHUSDT', baseCoin: 'ETH', tickSize: '0.01', qtyStep: '0.01', minOrderQty: '0.01', minNotionalValue: '5', priceScale: '2' },
];

const ORDER_LINK_ID = /^[A-Za-z0-9_-]{1,36}$/;

export class BybitStub extends StubbedExchange {
	readonly book = new PerpetualBook();

	private constructor(private readonly options: BybitStubOptions) {
		super();
	}

	static async start(options: BybitStubOptions): Promise<BybitStub> {
		return await new BybitStub(options).listen();
	}

	/** The bodies of the orders POSTed, in order. */
	orderBodies(): Record<string, unknown>[] {
		return this.bodies('POST', '/v5/order/create');
	}

	authRefusal(request: StubRequest): Answer | null {
		if (request.path.startsWith('/v5/market/')) return null;
		const header = (name: string) => {
			const value = request.headers[name];
			return typeof value === 'string' ? value : '';
		};
		const key = header('x-bapi-api-key');
		if (key !== this.options.apiKey) return failure(10003, 'API key is invalid.');
		const timestamp = header('x-bapi-timestamp');
		const recvWindow = header('x-bapi-recv-window') || '5000';
		const now = Date.now();
		if (!/^\d+$/.test(timestamp) || Number(timestamp) > now + 1000 || now - Number(timestamp) > Number(recvWindow)) {
			return failure(10002, `invalid request, please check your server timestamp or recv_window param. req_timestamp[${timestamp}],server_timestamp[${now}],recv_window[${recvWindow}]`);
		}
		const payload = request.method === 'GET' ? request.rawQuery : request.rawBody;
		const signed = `${timestamp}${key}${recvWindow}${payload}`;
		if (header('x-bapi-sign') !== createHmac('sha256', this.options.secret).update(signed).digest('hex')) {
			return failure(10004, `error sign! origin_string[${signed}]`);
		}
		return null;
	}

	route(request: StubRequest): Answer {
		const params = request.method === 'GET' ? request.query : ((request.json ?? {}) as Record<string, unknown>);
		const needLinear = () => (params.category === 'linear' ? null : failure(10001, 'params error: category only support linear'));
		switch (`${request.method} ${request.path}`) {
			case 'GET /v5/market/instruments-info':
				// one page of instruments, all trading: a later page (cursor) or the pre-launch ones are none
				return (
					needLinear() ??
					success({ category: 'linear', list: params.cursor !== undefined || (params.status !== undefined && params.status !== 'Trading') ? [] : INSTRUMENTS.map(instrument), nextPageCursor: '' })
				);
			case 'GET /v5/market/time':
				return success({ timeSecond: String(Math.floor(Date.now() / 1000)), timeNano: `${Date.now()}000000` });
			case 'POST /v5/order/create':
				return needLinear() ?? this.create(params);
			case 'GET /v5/order/realtime':
				// open orders; asked by orderId or orderLinkId, the recent closed ones too
				return needLinear() ?? this.query(params, (order) => order.status === 'open' || params.orderLinkId !== undefined || params.orderId !== undefined);
			case 'GET /v5/order/history':
				return needLinear() ?? this.query(params, (order) => order.status !== 'open');
			case 'POST /v5/order/cancel':
				return needLinear() ?? this.cancel(params);
			case 'POST /v5/position/set-leverage':
				return needLinear() ?? this.setLeverage(params);
			case 'GET /v5/position/list':
				return needLinear() ?? this.positions(params);
			case 'GET /v5/account/wallet-balance':
				return this.wallet();
			default:
				return { status: 404, body: '' };
		}
	}

	private create(params: Record<string, unknown>): Answer {
		const spec = INSTRUMENTS.find((entry) => entry.symbol === params.symbol);
		if (spec === undefined) return failure(10001, 'params error: symbol invalid');
		const linkId = String(params.orderLinkId ?? '');
		if (!ORDER_LINK_ID.test(linkId)) return failure(10001, 'params error: orderLinkId invalid');
		const qty = Number(params.qty);
		if (!(qty > 0) || !isMultiple(String(params.qty), spec.qtyStep)) return failure(10001, 'Qty invalid');
		const side = params.side === 'Buy' ? 'buy' : params.side === 'Sell' ? 'sell' : null;
		const type = params.orderType === 'Market' ? 'market' : params.orderType === 'Limit' ? 'limit' : null;
		if (side === null || type === null) return failure(10001, 'params error: side or orderType invalid');
		if (type === 'limit' && !(Number(params.price) > 0)) return failure(10001, 'params error: price invalid');
		const positionIdx = Number(params.positionIdx ?? 0);
		const leg: Leg | null = positionIdx === 0 ? 'net' : positionIdx === 1 ? 'long' : positionIdx === 2 ? 'short' : null;
		if (leg === null) return failure(10001, 'params error: positionIdx invalid');
		const direction = leg === 'short' ? -1 : leg === 'long' ? 1 : side === 'buy' ? 1 : -1;
		const exitRefusal = this.exitRefusal(params, direction);
		if (exitRefusal !== null) return exitRefusal;
		const placed = this.book.place({
			clientId: linkId,
			symbol: spec.symbol,
			side,
			type,
			quantity: qty,
			price: type === 'limit' ? Number(params.price) : null,
			leg,
			reduceOnly: params.reduceOnly === true,
			takeProfit: typeof params.takeProfit === 'string' ? params.takeProfit : null,
			stopLoss: typeof params.stopLoss === 'string' ? params.stopLoss : null,
		});
		if (placed === 'duplicate') return failure(110072, 'OrderLinkedID is duplicate');
		if (placed === 'position-mode') return failure(10001, 'position idx not match position mode');
		if (placed === 'reduce-only') return failure(110017, 'current position is zero, cannot fix reduce-only order qty');
		return success({ orderId: placed.orderId, orderLinkId: placed.clientId });
	}

	/** Bybit takes takeProfit / stopLoss only on the side of the mark that can trigger them for the position opened. */
	private exitRefusal(params: Record<string, unknown>, direction: number): Answer | null {
		const mark = this.book.markPrice;
		if (params.takeProfit !== undefined && (Number(params.takeProfit) - mark) * direction <= 0) {
			return failure(10001, `TakeProfit:${params.takeProfit} set for ${direction > 0 ? 'Buy' : 'Sell'} position should be ${direction > 0 ? 'higher' : 'lower'} than base_price:${mark}`);
		}
		if (params.stopLoss !== undefined && (mark - Number(params.stopLoss)) * direction <= 0) {
			return failure(10001, `StopLoss:${params.stopLoss} set for ${direction > 0 ? 'Buy' : 'Sell'} position should be ${direction > 0 ? 'lower' : 'higher'} than base_price:${mark}`);
		}
		return null;
	}

	private query(params: Record<string, unknown>, include: (order: BookOrder) => boolean): Answer {
		const list = [...this.book.orders.values()].filter(
			(order) =>
				include(order) &&
				(params.orderLinkId === undefined || order.clientId === params.orderLinkId) &&
				(params.orderId === undefined || order.orderId === params.orderId) &&
				(params.symbol === undefined || order.symbol === params.symbol),
		);
		return success({ category: 'linear', list: list.reverse().map(orderJson), nextPageCursor: '' });
	}

	private cancel(params: Record<string, unknown>): Answer {
		const order = [...this.book.orders.values()].find((entry) => entry.clientId === params.orderLinkId || entry.orderId === params.orderId);
		const cancelled = order === undefined ? null : this.book.cancel(order.clientId);
		if (cancelled === null) return failure(110001, 'order not exists or too late to cancel');
		return success({ orderId: cancelled.orderId, orderLinkId: cancelled.clientId });
	}

	private setLeverage(params: Record<string, unknown>): Answer {
		const symbol = String(params.symbol);
		if (!INSTRUMENTS.some((entry) => entry.symbol === symbol)) return failure(10001, 'params error: symbol invalid');
		if (params.buyLeverage !== params.sellLeverage && !this.book.hedgeMode) return failure(10001, 'buy leverage must equal sell leverage in one-way mode');
		if (this.book.leverage.get(symbol) === params.buyLeverage) return failure(110043, 'Set leverage not modified');
		this.book.leverage.set(symbol, String(params.buyLeverage));
		return success({});
	}

	private positions(params: Record<string, unknown>): Answer {
		if (params.symbol === undefined && params.settleCoin === undefined) return failure(10001, 'params error: symbol or settleCoin is required');
		const list = this.book
			.openPositions()
			.filter((position) => params.symbol === undefined || position.symbol === params.symbol)
			.map((position) => ({
				positionIdx: position.leg === 'net' ? 0 : position.leg === 'long' ? 1 : 2,
				riskId: 1,
				riskLimitValue: '2000000',
				symbol: position.symbol,
				side: position.size > 0 ? 'Buy' : 'Sell',
				size: String(Math.abs(position.size)),
				avgPrice: String(position.entry),
				positionValue: String(Math.abs(position.size) * position.entry),
				tradeMode: 0,
				positionStatus: 'Normal',
				autoAddMargin: 0,
				adlRankIndicator: 2,
				leverage: this.book.leverage.get(position.symbol) ?? '10',
				positionBalance: '0',
				markPrice: String(this.book.markPrice),
				liqPrice: '',
				bustPrice: '',
				positionMM: '0',
				positionIM: '0',
				tpslMode: 'Full',
				takeProfit: '0.00',
				stopLoss: '0.00',
				trailingStop: '0.00',
				unrealisedPnl: String((this.book.markPrice - position.entry) * position.size),
				curRealisedPnl: '0',
				cumRealisedPnl: '0',
				seq: 1,
				isReduceOnly: false,
				mmrSysUpdateTime: '',
				leverageSysUpdatedTime: '',
				sessionAvgPrice: '',
				createdTime: '1700000000000',
				updatedTime: String(Date.now()),
			}));
		return success({ category: 'linear', list, nextPageCursor: '' });
	}

	private wallet(): Answer {
		const usdt = String(this.book.wallet);
		return success({
			list: [
				{
					accountType: 'UNIFIED',
					accountIMRate: '0',
					accountMMRate: '0',
					totalEquity: usdt,
					totalWalletBalance: usdt,
					totalMarginBalance: usdt,
					totalAvailableBalance: usdt,
					totalPerpUPL: '0',
					totalInitialMargin: '0',
					totalMaintenanceMargin: '0',
					coin: [{ coin: 'USDT', equity: usdt, usdValue: usdt, walletBalance: usdt, locked: '0', borrowAmount: '0', availableToWithdraw: usdt, totalOrderIM: '0', totalPositionIM: '0', totalPositionMM: '0', unrealisedPnl: '0', cumRealisedPnl: '0', marginCollateral: true, collateralSwitch: true }],
				},
			],
		});
	}
}

function instrument(spec: (typeof INSTRUMENTS)[number]) {
	return {
		symbol: spec.symbol,
		contractType: 'LinearPerpetual',
		status: 'Trading',
		baseCoin: spec.baseCoin,
		quoteCoin: 'USDT',
		launchTime: '1585526400000',
		deliveryTime: '0',
		deliveryFeeRate: '',
		priceScale: spec.priceScale,
		leverageFilter: { minLeverage: '1', maxLeverage: '100.00', leverageStep: '0.01' },
		priceFilter: { minPrice: spec.tickSize, maxPrice: '1999999.80', tickSize: spec.tickSize },
		lotSizeFilter: { maxOrderQty: '1190.000', minOrderQty: spec.minOrderQty, qtyStep: spec.qtyStep, postOnlyMaxOrderQty: '1190.000', maxMktOrderQty: '500.000', minNotionalValue: spec.minNotionalValue },
		unifiedMarginTrade: true,
		fundingInterval: 480,
		settleCoin: 'USDT',
		copyTrading: 'both',
		upperFundingRate: '0.00375',
		lowerFundingRate: '-0.00375',
		isPreListing: false,
		preListingInfo: null,
		displayName: '',
	};
}

function orderJson(order: BookOrder) {
	const status = order.status === 'filled' ? 'Filled' : order.status === 'canceled' ? 'Cancelled' : 'New';
	return {
		orderId: order.orderId,
		orderLinkId: order.clientId,
		blockTradeId: '',
		symbol: order.symbol,
		price: order.price === null ? '0' : String(order.price),
		qty: String(order.quantity),
		side: order.side === 'buy' ? 'Buy' : 'Sell',
		isLeverage: '',
		positionIdx: order.leg === 'net' ? 0 : order.leg === 'long' ? 1 : 2,
		orderStatus: status,
		cancelType: order.status === 'canceled' ? 'CancelByUser' : 'UNKNOWN',
		rejectReason: 'EC_NoError',
		avgPrice: order.averagePrice === null ? '' : String(order.averagePrice),
		leavesQty: String(order.quantity - order.filled),
		leavesValue: '0',
		cumExecQty: String(order.filled),
		cumExecValue: String(order.filled * (order.averagePrice ?? 0)),
		cumExecFee: '0',
		timeInForce: order.type === 'market' ? 'IOC' : 'GTC',
		orderType: order.type === 'market' ? 'Market' : 'Limit',
		stopOrderType: '',
		orderIv: '',
		triggerPrice: '',
		takeProfit: order.takeProfit ?? '',
		stopLoss: order.stopLoss ?? '',
		tpTriggerBy: order.takeProfit === null ? '' : 'LastPrice',
		slTriggerBy: order.stopLoss === null ? '' : 'LastPrice',
		triggerDirection: 0,
		triggerBy: '',
		lastPriceOnCreated: String(order.averagePrice ?? ''),
		reduceOnly: order.reduceOnly,
		closeOnTrigger: false,
		smpType: 'None',
		smpGroup: 0,
		smpOrderId: '',
		tpslMode: order.takeProfit === null && order.stopLoss === null ? '' : 'Full',
		tpLimitPrice: '',
		slLimitPrice: '',
		placeType: '',
		createdTime: String(order.createdAt),
		updatedTime: String(order.createdAt),
	};
}

function success(result: unknown): Answer {
	return { status: 200, body: { retCode: 0, retMsg: 'OK', result, retExtInfo: {}, time: Date.now() } };
}

export function failure(retCode: number, retMsg: string): Answer {
	return { status: 200, body: { retCode, retMsg, result: {}, retExtInfo: {}, time: Date.now() } };
}
