import type { IncomingHttpHeaders } from 'node:http';

import { signBinanceQuery } from '../../../core/brokers/binance/binance-signature';
import { HttpStub } from '../harness/http-stub';
import type { ReceivedRequest } from '../harness/stub-http';
import { type Answer, mandatory, ok, type Params, rejected } from './binance-stub-answers';
import { deleteOrderList, openOrderLists, placeOco, queryOrderList } from './binance-stub-order-lists';
import { SpotBook } from './binance-stub-spot';
import { UsdmBook } from './binance-stub-usdm';
import { OrderVisibility, type VisibilityRule } from './binance-stub-visibility';

/*
 * A local Binance (node:http on 127.0.0.1, a free port), spot under /api/v3 and USD-M futures
 * under /fapi, that checks what Binance checks, so a wrong adapter fails:
 * - signed endpoints need X-MBX-APIKEY equal to the key: missing → 401 -2014, other → 401
 *   {"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."};
 * - then timestamp (-1102), recvWindow at most 60000 (-1131), the timestamp within recvWindow of
 *   the stub's clock (-1021), and a signature recomputed with signBinanceQuery over the exact
 *   query string followed by the exact form body, the signature parameter left out
 *   (400 {"code":-1022,"msg":"Signature for this request is not valid."});
 * - public: GET /api/v3/exchangeInfo, /api/v3/time, /api/v3/ping, /fapi/v1/exchangeInfo,
 *   /fapi/v1/time (exchangeInfo calls are counted: see `count`);
 * - orders, account and positions: binance-stub-spot.ts and binance-stub-usdm.ts; spot order
 *   lists (OCO): binance-stub-order-lists.ts; USD-M conditional (algo) orders: binance-stub-algo.ts.
 * Anything else is a plain 404. Scripting: failNext (the next n matching requests answer a given
 * status and body, after the key and signature checks), takeThenFail (the next order is stored,
 * its answer replaced: the answer lost), delayOrderVisibility (orders taken are read back as
 * -2013 for a while: binance-stub-visibility.ts), and `requests`, the log of everything received.
 * The HTTP side is the shared HttpStub (harness/http-stub.ts).
 */

export interface StubRequest {
	method: string;
	path: string;
	/** The query and form parameters together, as Binance reads them. */
	params: Params;
	rawQuery: string;
	rawBody: string;
	headers: IncomingHttpHeaders;
}

export interface BinanceStubOptions {
	apiKey: string;
	secretKey: string;
	/** Spot balances, e.g. { USDT: '10000', BTC: '0.5' }. */
	balances?: Record<string, string>;
	/** USD-M wallet balance in USDT. */
	futuresWallet?: string;
}

const PUBLIC_PATHS = new Set(['/api/v3/exchangeInfo', '/api/v3/time', '/api/v3/ping', '/api/v3/ticker/24hr', '/fapi/v1/exchangeInfo', '/fapi/v1/time', '/fapi/v1/ping']);
const ORDER_PATHS = new Set(['/api/v3/order', '/fapi/v1/order']);
const ORDER_PATH = /^\/(api\/v3|fapi\/v1)\/order$/;
/** As Binance writes its answers. */
const CONTENT_TYPES = { json: 'application/json;charset=UTF-8', text: 'text/html' };

export class BinanceStub extends HttpStub<StubRequest> {
	readonly spot: SpotBook;
	readonly usdm: UsdmBook;
	private readonly visibility = new OrderVisibility();

	private constructor(private readonly options: BinanceStubOptions) {
		super({ contentTypes: CONTENT_TYPES });
		// no BNB: the stub has no BNB market, and the account's equity values every coin held
		this.spot = new SpotBook(options.balances ?? { USDT: '10000', BTC: '0' });
		this.usdm = new UsdmBook(options.futuresWallet ?? '10000');
	}

	static async start(options: BinanceStubOptions): Promise<BinanceStub> {
		return await new BinanceStub(options).listen();
	}

	/** The next `times` requests (those matching `match`, when given) answer `status` with `body`. */
	failNext(times: number, status: number, body: unknown, match?: { method?: string; path?: string }): void {
		this.http.failNext(times, { status, body }, match);
	}

	/** The next order is stored (Binance took it) but answered with `status`: the answer is lost. */
	takeThenFail(status: number, body: unknown = { code: -1001, msg: 'Internal error; unable to process your request. Please try again.' }): void {
		// an order refused keeps its answer: only an order stored (200) loses it
		this.http.loseNextAnswer({ method: 'POST', path: ORDER_PATH }, { status, body }, (answer) => answer.status === 200);
	}

	/**
	 * From now on, every order taken stays invisible to GET /api/v3/order and /fapi/v1/order
	 * (-2013) and to openOrders for its first `reads` look-ups and/or `ms` milliseconds; null
	 * switches it off for orders taken later.
	 */
	delayOrderVisibility(rule: VisibilityRule | null): void {
		this.visibility.set(rule);
	}

	/** The POSTed order requests, in order (spot or USD-M). */
	orderPosts(): StubRequest[] {
		return this.requests.filter((request) => request.method === 'POST' && ORDER_PATHS.has(request.path));
	}

	/** The query and form parameters together, as Binance reads them. */
	protected describe({ method, path, rawQuery, rawBody, headers }: ReceivedRequest): StubRequest {
		const params = { ...Object.fromEntries(new URLSearchParams(rawQuery)), ...Object.fromEntries(new URLSearchParams(rawBody)) };
		return { method, path, params, rawQuery, rawBody, headers };
	}

	/** Signed endpoints: the API key, the timestamp and the signature. */
	protected refusal(request: StubRequest): Answer | null {
		if (PUBLIC_PATHS.has(request.path)) return null;
		const key = request.headers['x-mbx-apikey'];
		if (key === undefined || key === '') return rejected(-2014, 'API-key format invalid.', 401);
		if (key !== this.options.apiKey) return rejected(-2015, 'Invalid API-key, IP, or permissions for action.', 401);
		const { params } = request;
		if (params.timestamp === undefined || !/^\d+$/.test(params.timestamp)) return mandatory('timestamp');
		const recvWindow = params.recvWindow === undefined ? 5000 : Number(params.recvWindow);
		if (!Number.isFinite(recvWindow) || recvWindow > 60_000) return rejected(-1131, 'recvWindow must be less than 60000');
		const timestamp = Number(params.timestamp);
		const now = Date.now();
		if (timestamp > now + 1000 || now - timestamp > recvWindow) return rejected(-1021, 'Timestamp for this request is outside of the recvWindow.');
		const query = unsigned(request.rawQuery);
		const body = unsigned(request.rawBody);
		const signature = query.signature ?? body.signature;
		if (signature === undefined || signature !== signBinanceQuery(query.text + body.text, this.options.secretKey)) {
			return rejected(-1022, 'Signature for this request is not valid.');
		}
		return null;
	}

	protected route(request: StubRequest): Answer {
		const { method, path, params } = request;
		switch (`${method} ${path}`) {
			case 'GET /api/v3/ping':
			case 'GET /fapi/v1/ping':
				return ok({});
			case 'GET /api/v3/time':
			case 'GET /fapi/v1/time':
				return ok({ serverTime: Date.now() });
			case 'GET /api/v3/exchangeInfo':
				return ok(this.spot.exchangeInfo());
			case 'GET /fapi/v1/exchangeInfo':
				return ok(this.usdm.exchangeInfo());
			case 'POST /api/v3/order':
				return this.placed(path, this.spot.place(params));
			case 'POST /fapi/v1/order':
				return this.placed(path, this.usdm.place(params));
			case 'GET /api/v3/order':
				return this.visibility.lookUp(path, this.spot.query(params));
			case 'GET /fapi/v1/order':
				return this.visibility.lookUp(path, this.usdm.query(params));
			case 'DELETE /api/v3/order':
				return this.spot.cancel(params);
			case 'DELETE /fapi/v1/order':
				return this.usdm.cancel(params);
			case 'POST /api/v3/orderList/oco':
				return placeOco(this.spot, params);
			case 'DELETE /api/v3/orderList':
				return deleteOrderList(this.spot, params);
			case 'GET /api/v3/orderList':
				return queryOrderList(this.spot, params);
			case 'GET /api/v3/openOrderList':
				return openOrderLists(this.spot);
			case 'GET /api/v3/openOrders':
				return this.visibility.openOrders(path, this.spot.openOrders(params));
			case 'POST /fapi/v1/algoOrder':
				return this.usdm.algo.place(params);
			case 'GET /fapi/v1/algoOrder':
				return this.usdm.algo.query(params);
			case 'DELETE /fapi/v1/algoOrder':
				return this.usdm.algo.cancel(params);
			case 'GET /fapi/v1/openAlgoOrders':
				return this.usdm.algo.open(params);
			case 'GET /fapi/v1/openOrders':
				return this.visibility.openOrders(path, this.usdm.openOrders(params));
			case 'GET /api/v3/account':
				return this.spot.account();
			case 'GET /api/v3/ticker/24hr':
				return this.spot.tickers(params);
			case 'GET /fapi/v3/account':
				return this.usdm.account();
			case 'GET /fapi/v1/positionSide/dual':
				return this.usdm.positionMode();
			case 'POST /fapi/v1/positionSide/dual':
				return this.usdm.changePositionMode(params);
			case 'GET /fapi/v3/positionRisk':
				return this.usdm.positionRisk(params);
			default:
				return { status: 404, body: '' };
		}
	}

	private placed(path: string, result: { answer: Answer; stored: boolean }): Answer {
		if (result.stored) this.visibility.taken(path, (result.answer.body as { orderId?: unknown }).orderId);
		return result.answer;
	}
}

/** The text that was signed (the parameters without `signature`, as received) and the signature. */
function unsigned(raw: string): { text: string; signature: string | undefined } {
	const parts = raw === '' ? [] : raw.split('&');
	const signature = parts.find((part) => part.startsWith('signature='));
	return { text: parts.filter((part) => part !== signature).join('&'), signature: signature?.slice('signature='.length) };
}
