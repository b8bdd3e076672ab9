import { createHmac } from 'node:crypto';

import { isMultiple } from '../harness/decimal-step';
import type { Answer } from '../harness/stub-http';
import { StubbedExchange, type StubRequest } from '../harness/stubbed-exchange';
import { type BookOrder, type Leg, PerpetualBook } from '../harness/perpetual-book';

/*
 * A local OKX v5 (SWAP only) that checks what OKX checks (https://www.okx.com/docs-v5/en/#overview-rest-authentication,
 * #error-code):
 * - private endpoints need OK-ACCESS-KEY (missing 50103, other 50111), OK-ACCESS-PASSPHRASE
 *   (missing 50105 "can not be empty", other 50105 "incorrect"), OK-ACCESS-TIMESTAMP in ISO form
 *   with milliseconds (50112) within 30 s of the stub's clock (50102), and OK-ACCESS-SIGN =
 *   base64 HMAC-SHA256(secret, timestamp + METHOD + requestPath with its query + body) (50113
 *   "Invalid Sign"), all HTTP 401 {code, msg, data: []}; with `demo`, x-simulated-trading: 1 is
 *   required (50101 "APIKey does not match current environment.");
 * - an order refused is HTTP 200 {code: "1", msg, data: [{clOrdId, ordId: "", sCode, sMsg}]}:
 *   51016 "Duplicated clOrdId", 51000 "Parameter <name> error" (clOrdId 1–32 letters and digits,
 *   tdMode, posSide against the position mode, sz a multiple of lotSz, TP/SL on the wrong side of
 *   the mark), 51169 nothing to reduce;
 * - GET /api/v5/trade/order by clOrdId or ordId (none: 51603 "Order does not exist"),
 *   POST /api/v5/trade/cancel-order (51400), POST /api/v5/account/set-leverage,
 *   GET /api/v5/account/positions, GET /api/v5/account/balance, GET /api/v5/account/config,
 *   GET /api/v5/public/instruments?instType=SWAP (BTC-USDT-SWAP: 1 contract = 0.01 BTC).
 * Sizes are contracts, as OKX counts them.
 */

export interface OkxStubOptions {
	apiKey: string;
	secret: string;
	passphrase: string;
	/** Demo trading: every private request must carry x-simulated-trading: 1. */
	demo?: boolean;
}

const INSTRUMENTS = [
	{ instId: 'BTC-USDT-SWAP', uly: 'BTC-USDT', ctVal: '0.01', ctValCcy: 'BTC', tickSz: '0.1', lotSz: '0.01', minSz: '0.01' },
	{ instId: 'ETH-USDT-SWAP', uly: 'ETH-USDT', ctVal: '0.1', ctValCcy: 'ETH', tickSz: '0.01', lotSz: '0.01', minSz: '0.01' },
];

const CL_ORD_ID = /^[A-Za-z0-9]{1,32}$/;

export class OkxStub extends StubbedExchange {
	readonly book = new PerpetualBook();
	readonly marginModes = new Map<string, string>();

	private constructor(private readonly options: OkxStubOptions) {
		super();
	}

	static async start(options: OkxStubOptions): Promise<OkxStub> {
		return await new OkxStub(options).listen();
	}

	/** The bodies of the orders POSTed, in order. */
	orderBodies(): Record<string, unknown>[] {
		return this.bodies('POST', '/api/v5/trade/order');
	}

	authRefusal(request: StubRequest): Answer | null {
		if (request.path.startsWith('/api/v5/public/') || request.path.startsWith('/api/v5/market/')) return null;
		const header = (name: string) => {
			const value = request.headers[name];
			return typeof value === 'string' ? value : '';
		};
		const key = header('ok-access-key');
		if (key === '') return refused(50103, 'Request header OK-ACCESS-KEY can not be empty.');
		if (key !== this.options.apiKey) return refused(50111, 'Invalid OK-ACCESS-KEY.');
		const passphrase = header('ok-access-passphrase');
		if (passphrase === '') return refused(50105, 'Request header OK-ACCESS-PASSPHRASE can not be empty.');
		if (passphrase !== this.options.passphrase) return refused(50105, 'Request header OK-ACCESS-PASSPHRASE incorrect.');
		const timestamp = header('ok-access-timestamp');
		if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(timestamp)) return refused(50112, 'Invalid OK-ACCESS-TIMESTAMP.');
		if (Math.abs(Date.now() - Date.parse(timestamp)) > 30_000) return refused(50102, 'Timestamp request expired.');
		const requestPath = request.rawQuery === '' ? request.path : `${request.path}?${request.rawQuery}`;
		const expected = createHmac('sha256', this.options.secret).update(`${timestamp}${request.method}${requestPath}${request.rawBody}`).digest('base64');
		if (header('ok-access-sign') !== expected) return refused(50113, 'Invalid Sign.');
		if (this.options.demo === true && header('x-simulated-trading') !== '1') return refused(50101, 'APIKey does not match current environment.');
		return null;
	}

	route(request: StubRequest): Answer {
		const params = request.method === 'GET' ? request.query : ((request.json ?? {}) as Record<string, unknown>);
		switch (`${request.method} ${request.path}`) {
			case 'GET /api/v5/public/instruments':
				return success(params.instType === 'SWAP' ? INSTRUMENTS.map(instrument) : []);
			case 'GET /api/v5/public/time':
				return success([{ ts: String(Date.now()) }]);
			case 'POST /api/v5/trade/order':
				return this.place(params);
			case 'GET /api/v5/trade/order':
				return this.query(params);
			case 'POST /api/v5/trade/cancel-order':
				return this.cancel(params);
			case 'POST /api/v5/account/set-leverage':
				return this.setLeverage(params);
			case 'GET /api/v5/account/positions':
				return this.positions(params);
			case 'GET /api/v5/account/balance':
				return this.balance();
			case 'GET /api/v5/account/config':
				return success([{ uid: '44705892343619584', acctLv: '2', posMode: this.book.hedgeMode ? 'long_short_mode' : 'net_mode', autoLoan: false, greeksType: 'PA', level: 'Lv1', levelTmp: '' }]);
			default:
				return { status: 404, body: '' };
		}
	}

	private place(params: Record<string, unknown>): Answer {
		const clOrdId = String(params.clOrdId ?? '');
		const refuse = (sCode: number, sMsg: string) => itemFailure(clOrdId, sCode, sMsg);
		const spec = INSTRUMENTS.find((entry) => entry.instId === params.instId);
		if (spec === undefined) return refuse(51001, "Instrument ID, Instrument ID code, or Spread ID doesn't exist.");
		if (!CL_ORD_ID.test(clOrdId)) return refuse(51000, 'Parameter clOrdId error');
		if (params.tdMode !== 'cross' && params.tdMode !== 'isolated') return refuse(51000, 'Parameter tdMode error');
		const side = params.side === 'buy' || params.side === 'sell' ? params.side : null;
		const type = params.ordType === 'market' || params.ordType === 'limit' ? params.ordType : null;
		if (side === null || type === null) return refuse(51000, 'Parameter side or ordType error');
		const size = String(params.sz ?? '');
		if (!(Number(size) > 0) || !isMultiple(size, spec.lotSz)) return refuse(51121, `Order quantity must be a multiple of the lot size.`);
		if (type === 'limit' && !(Number(params.px) > 0)) return refuse(51000, 'Parameter px error');
		const posSide = params.posSide === undefined ? 'net' : String(params.posSide);
		if (!['net', 'long', 'short'].includes(posSide) || (this.book.hedgeMode ? posSide === 'net' : posSide !== 'net')) return refuse(51000, 'Parameter posSide error');
		const leg = posSide as Leg;
		const closing = leg === 'long' ? side === 'sell' : leg === 'short' ? side === 'buy' : false;
		const reduceOnly = params.reduceOnly === true || params.reduceOnly === 'true' || closing;
		const exits = this.attachedExits(params, leg === 'short' || (leg === 'net' && side === 'sell') ? -1 : 1);
		if (typeof exits === 'string') return refuse(51000, `Parameter ${exits} error`);
		const placed = this.book.place({ clientId: clOrdId, symbol: spec.instId, side, type, quantity: Number(size), price: type === 'limit' ? Number(params.px) : null, leg, reduceOnly, ...exits });
		if (placed === 'duplicate') return refuse(51016, 'Duplicated clOrdId');
		if (placed === 'position-mode') return refuse(51000, 'Parameter posSide error');
		if (placed === 'reduce-only') return refuse(51169, "Order failed because you don't have any positions in this direction for this contract to reduce or close.");
		this.marginModes.set(clOrdId, String(params.tdMode));
		return success([{ clOrdId, ordId: placed.orderId, tag: '', ts: String(Date.now()), sCode: '0', sMsg: 'Order placed' }]);
	}

	/** attachAlgoOrds: the take profit above the mark and the stop loss below it for a long (the other way for a short); the field in error otherwise. */
	private attachedExits(params: Record<string, unknown>, direction: number): { takeProfit: string | null; stopLoss: string | null } | string {
		const attached = params.attachAlgoOrds;
		if (attached === undefined) return { takeProfit: null, stopLoss: null };
		if (!Array.isArray(attached) || attached.length !== 1) return 'attachAlgoOrds';
		const entry = attached[0] as Record<string, unknown>;
		const mark = this.book.markPrice;
		const takeProfit = typeof entry.tpTriggerPx === 'string' ? entry.tpTriggerPx : null;
		const stopLoss = typeof entry.slTriggerPx === 'string' ? entry.slTriggerPx : null;
		if (takeProfit !== null && ((Number(takeProfit) - mark) * direction <= 0 || entry.tpOrdPx === undefined)) return 'tpTriggerPx';
		if (stopLoss !== null && ((mark - Number(stopLoss)) * direction <= 0 || entry.slOrdPx === undefined)) return 'slTriggerPx';
		return { takeProfit, stopLoss };
	}

	private find(params: Record<string, unknown>): BookOrder | undefined {
		return [...this.book.orders.values()].find(
			(order) => order.symbol === params.instId && ((params.clOrdId !== undefined && order.clientId === params.clOrdId) || (params.ordId !== undefined && order.orderId === params.ordId)),
		);
	}

	private query(params: Record<string, unknown>): Answer {
		if (params.instId === undefined) return refused(51000, 'Parameter instId error', 200);
		if (params.clOrdId === undefined && params.ordId === undefined) return refused(51000, 'Parameter ordId error', 200);
		const order = this.find(params);
		if (order === undefined) return refused(51603, 'Order does not exist', 200);
		return success([this.orderJson(order)]);
	}

	private cancel(params: Record<string, unknown>): Answer {
		const order = this.find(params);
		const cancelled = order === undefined ? null : this.book.cancel(order.clientId);
		if (cancelled === null) return itemFailure(String(params.clOrdId ?? ''), 51400, 'Order cancellation failed as the order has been filled, canceled or does not exist.');
		return success([{ clOrdId: cancelled.clientId, ordId: cancelled.orderId, ts: String(Date.now()), sCode: '0', sMsg: '' }]);
	}

	private setLeverage(params: Record<string, unknown>): Answer {
		const instId = String(params.instId);
		if (!INSTRUMENTS.some((entry) => entry.instId === instId)) return refused(51001, "Instrument ID, Instrument ID code, or Spread ID doesn't exist.", 200);
		if (params.mgnMode !== 'cross' && params.mgnMode !== 'isolated') return refused(51000, 'Parameter mgnMode error', 200);
		const lever = Number(params.lever);
		if (!(lever >= 0.01 && lever <= 125)) return refused(51000, 'Parameter lever error', 200);
		const posSide = params.posSide === undefined ? undefined : String(params.posSide);
		if (params.mgnMode === 'isolated' && this.book.hedgeMode && posSide !== 'long' && posSide !== 'short') return refused(51000, 'Parameter posSide error', 200);
		this.book.leverage.set(posSide === undefined || posSide === 'net' ? instId : `${instId}:${posSide}`, String(params.lever));
		return success([{ lever: String(params.lever), mgnMode: params.mgnMode, instId, posSide: posSide ?? '' }]);
	}

	private positions(params: Record<string, unknown>): Answer {
		const wanted = params.instId === undefined ? null : String(params.instId).split(',');
		const data = this.book
			.openPositions()
			.filter((position) => wanted === null || wanted.includes(position.symbol))
			.map((position) => ({
				instType: 'SWAP',
				instId: position.symbol,
				mgnMode: 'cross',
				posId: `pos-${position.symbol}-${position.leg}`,
				posSide: position.leg,
				pos: String(position.leg === 'net' ? position.size : Math.abs(position.size)),
				posCcy: '',
				availPos: '',
				avgPx: String(position.entry),
				markPx: String(this.book.markPrice),
				upl: '0',
				uplRatio: '0',
				lever: this.book.leverage.get(position.symbol) ?? '10',
				liqPx: '',
				imr: '0',
				margin: '',
				mgnRatio: '',
				mmr: '0',
				notionalUsd: '0',
				ccy: 'USDT',
				last: String(this.book.markPrice),
				realizedPnl: '0',
				cTime: '1700000000000',
				uTime: String(Date.now()),
			}));
		return success(data);
	}

	private balance(): Answer {
		const usdt = String(this.book.wallet);
		return success([
			{
				totalEq: usdt,
				adjEq: usdt,
				isoEq: '0',
				ordFroz: '0',
				imr: '0',
				mmr: '0',
				upl: '0',
				uTime: String(Date.now()),
				details: [{ ccy: 'USDT', eq: usdt, cashBal: usdt, availBal: usdt, availEq: usdt, frozenBal: '0', ordFrozen: '0', upl: '0', disEq: usdt, eqUsd: usdt, uTime: String(Date.now()) }],
			},
		]);
	}

	private orderJson(order: BookOrder) {
		const attachAlgoOrds =
			order.takeProfit === null && order.stopLoss === null
				? []
				: [{ attachAlgoId: `algo-${order.orderId}`, attachAlgoClOrdId: '', tpTriggerPx: order.takeProfit ?? '', tpOrdPx: order.takeProfit === null ? '' : '-1', slTriggerPx: order.stopLoss ?? '', slOrdPx: order.stopLoss === null ? '' : '-1', tpTriggerPxType: 'last', slTriggerPxType: 'last', sz: '', amendPxOnTriggerType: '0' }];
		return {
			instType: 'SWAP',
			instId: order.symbol,
			tgtCcy: '',
			ccy: '',
			ordId: order.orderId,
			clOrdId: order.clientId,
			tag: '',
			px: order.price === null ? '' : String(order.price),
			pxUsd: '',
			pxVol: '',
			pxType: '',
			sz: String(order.quantity),
			pnl: '0',
			ordType: order.type,
			side: order.side,
			posSide: order.leg,
			tdMode: this.marginModes.get(order.clientId) ?? 'cross',
			accFillSz: String(order.filled),
			fillPx: order.averagePrice === null ? '' : String(order.averagePrice),
			tradeId: order.filled > 0 ? `t${order.orderId}` : '',
			fillSz: String(order.filled),
			fillTime: order.filled > 0 ? String(order.createdAt) : '',
			avgPx: order.averagePrice === null ? '' : String(order.averagePrice),
			state: order.status === 'filled' ? 'filled' : order.status === 'canceled' ? 'canceled' : 'live',
			lever: this.book.leverage.get(order.symbol) ?? '10',
			attachAlgoClOrdId: '',
			tpTriggerPx: '',
			tpTriggerPxType: '',
			tpOrdPx: '',
			slTriggerPx: '',
			slTriggerPxType: '',
			slOrdPx: '',
			attachAlgoOrds,
			stpId: '',
			stpMode: 'cancel_maker',
			feeCcy: 'USDT',
			fee: '0',
			rebateCcy: 'USDT',
			rebate: '0',
			source: '',
			category: 'normal',
			reduceOnly: String(order.reduceOnly),
			isTpLimit: 'false',
			cancelSource: '',
			cancelSourceReason: '',
			quickMgnType: '',
			algoClOrdId: '',
			algoId: '',
			uTime: String(order.createdAt),
			cTime: String(order.createdAt),
		};
	}
}

function instrument(spec: (typeof INSTRUMENTS)[number]) {
	return {
		instType: 'SWAP',
		instId: spec.instId,
		uly: spec.uly,
		instFamily: spec.uly,
		category: '1',
		baseCcy: '',
		quoteCcy: '',
		settleCcy: 'USDT',
		ctVal: spec.ctVal,
		ctMult: '1',
		ctValCcy: spec.ctValCcy,
		optType: '',
		stk: '',
		listTime: '1611916828000',
		expTime: '',
		lever: '100',
		tickSz: spec.tickSz,
		lotSz: spec.lotSz,
		minSz: spec.minSz,
		ctType: 'linear',
		alias: '',
		state: 'live',
		ruleType: 'normal',
		maxLmtSz: '100000000',
		maxMktSz: '10000',
		maxLmtAmt: '20000000',
		maxMktAmt: '',
		maxTwapSz: '',
		maxIcebergSz: '',
		maxTriggerSz: '',
		maxStopSz: '',
	};
}

function success(data: unknown[]): Answer {
	return { status: 200, body: { code: '0', msg: '', data } };
}

/** A request refused as a whole: {code, msg, data: []}. */
export function refused(code: number, msg: string, status = 401): Answer {
	return { status, body: { code: String(code), msg, data: [] } };
}

/** One order refused: code 1, the reason in its item. */
export function itemFailure(clOrdId: string, sCode: number, sMsg: string): Answer {
	return { status: 200, body: { code: '1', msg: 'All operations failed', data: [{ clOrdId, ordId: '', tag: '', ts: String(Date.now()), sCode: String(sCode), sMsg }] } };
}
