import { HttpStub } from '../harness/http-stub';
import { type Answer, type BodyRequest, bodyRequest, type ReceivedRequest } from '../harness/stub-http';
import { OPEN_STATUSES, positionKey, StubBook, type StubOrder } from './alpaca-stub-book';
import { checkOrderRequest, positiveDecimal } from './alpaca-stub-order-rules';

/*
 * A local Alpaca Trading API v2 (node:http on 127.0.0.1, a free port) that checks what the real
 * one checks, so a wrong adapter fails:
 * - both APCA-API-KEY-ID and APCA-API-SECRET-KEY must equal the configured pair, else
 *   401 {"code":40110000,"message":"request is not authorized"};
 * - POST /v2/orders validates the body (alpaca-stub-order-rules.ts): 422 {"code":40010001,...};
 *   a reused client_order_id: 422 {"code":40010001,"message":"client_order_id must be unique"};
 *   buying power and held quantity: 403 {"code":40310000,...}; a close beyond what open orders
 *   (bracket legs included) leave of a position: 403 {"code":40310000,"message":"insufficient qty
 *   available for order (requested: 10, available: 0)","symbol":…,"existing_qty":…,
 *   "held_for_orders":…,"available":…};
 * - a bracket or OTO entry creates its legs (alpaca-stub-legs.ts), listed in the entry's `legs`;
 * - a market order fills at once at `book.fillPrice` (or the symbol's price) and moves the
 *   position and the cash; other orders rest as "new";
 * - GET /v2/orders (legs listed as orders of their own; nested=true rolls them into their entry,
 *   an entry listed while it or a leg is open), /v2/orders/{id}, /v2/orders:by_client_order_id,
 *   DELETE /v2/orders/{id} (a leg's siblings are cancelled with it; `book.cancelAfterReads` makes
 *   cancels asynchronous),
 *   PATCH /v2/orders/{id} (replace: a new order with a new id takes the old one's place, in its
 *   bracket too; the old one reads "replaced"),
 *   GET /v2/positions, /v2/positions/{symbol}, GET /v2/account; anything else is a plain 404.
 * - a trailing_stop order (a simple order only, day or gtc, no crypto, trail_price xor
 *   trail_percent) rests "new" with its stop at the price less the trail, and holds shares as any
 *   open order does; stock prices in sub-pennies (more than 2 decimals at or above $1, 4 below)
 *   are refused as Alpaca refuses them.
 * Scripting: failNext (the next n requests answer a given status), takeThenFail (the next order
 * is stored, its answer replaced by an error: the answer lost), and `requests`, the log.
 * The HTTP side is the shared HttpStub (harness/http-stub.ts).
 */

export type StubRequest = BodyRequest;

export interface AlpacaStubOptions {
	keyId: string;
	secretKey: string;
	cash?: number;
	fillPrice?: number;
	/** Market orders read "new" this long before they fill (0: at once). */
	marketFillDelayMs?: number;
}

const notFound = (message: string): Answer => ({ status: 404, body: { code: 40410000, message } });
const unprocessable = (message: string): Answer => ({ status: 422, body: { code: 40010001, message } });

export class AlpacaStub extends HttpStub<StubRequest> {
	readonly book: StubBook;

	private constructor(private readonly options: AlpacaStubOptions) {
		super();
		this.book = new StubBook(options.cash ?? 100_000, options.fillPrice ?? 100);
		this.book.marketFillDelayMs = options.marketFillDelayMs ?? 0;
	}

	static async start(options: AlpacaStubOptions): Promise<AlpacaStub> {
		return await new AlpacaStub(options).listen();
	}

	/** The next `times` requests (those matching `match`, when given) answer `status` with `body`. */
	failNext(times: number, status: number, body: unknown, match?: { method?: string; path?: string }): void {
		this.http.failNext(times, { status, body }, match);
	}

	/** The next POST /v2/orders is carried out, but answered with `status`: the answer is lost. */
	takeThenFail(status: number, body: unknown = 'upstream connect error or disconnect/reset before headers'): void {
		// an order refused keeps its answer: only an order taken (200) loses it
		this.http.loseNextAnswer({ method: 'POST', path: '/v2/orders' }, { status, body }, (answer) => answer.status === 200);
	}

	get orders(): StubOrder[] {
		return this.book.orders;
	}

	protected describe(received: ReceivedRequest): StubRequest {
		return bodyRequest(received);
	}

	protected refusal({ headers }: StubRequest, { badJson }: ReceivedRequest): Answer | null {
		if (badJson) return { status: 400, body: { code: 40010000, message: 'request body format is invalid' } };
		if (headers['apca-api-key-id'] !== this.options.keyId || headers['apca-api-secret-key'] !== this.options.secretKey) {
			return { status: 401, body: { code: 40110000, message: 'request is not authorized' } };
		}
		return null;
	}

	protected route(request: StubRequest): Answer {
		const { method, path, query } = request;
		if (method === 'POST' && path === '/v2/orders') return this.placeOrder(request.body);
		if (method === 'GET' && path === '/v2/orders') return this.listOrders(query);
		if (method === 'GET' && path === '/v2/orders:by_client_order_id') {
			if (!query.client_order_id) return unprocessable('client_order_id is required');
			const order = this.book.findByClientId(query.client_order_id);
			return order ? { status: 200, body: order } : notFound(`order not found for ${query.client_order_id}`);
		}
		const orderPath = /^\/v2\/orders\/([^/]+)$/.exec(path);
		if (orderPath) {
			const order = this.book.findById(decodeURIComponent(orderPath[1]));
			if (!order) return notFound('order not found');
			if (method === 'GET') return { status: 200, body: this.book.read(order) };
			if (method === 'DELETE') return this.cancel(order);
			if (method === 'PATCH') return this.replace(order, request.body);
		}
		if (method === 'GET' && path === '/v2/positions') {
			return { status: 200, body: [...this.book.holdings.keys()].map((key) => this.book.positionJson(key)) };
		}
		const positionPath = /^\/v2\/positions\/([^/]+)$/.exec(path);
		if (method === 'GET' && positionPath) {
			const position = this.book.positionJson(positionKey(decodeURIComponent(positionPath[1])));
			return position ? { status: 200, body: position } : notFound('position does not exist');
		}
		if (method === 'GET' && path === '/v2/account') return { status: 200, body: this.book.accountJson() };
		return { status: 404, body: '404 page not found' };
	}

	private placeOrder(body: unknown): Answer {
		const checked = checkOrderRequest(body);
		if (!checked.ok) return unprocessable(checked.message);
		const { order: request } = checked;
		if (request.clientOrderId !== null && this.book.findByClientId(request.clientOrderId)) {
			return unprocessable('client_order_id must be unique');
		}
		const refusal = this.book.refusal(request);
		if (refusal) return { status: refusal.status, body: { ...refusal.extra, code: refusal.code, message: refusal.message } };
		return { status: 200, body: this.book.accept(request) };
	}

	private listOrders(query: Record<string, string>): Answer {
		const status = query.status ?? 'open';
		const limit = query.limit === undefined ? 50 : Number(query.limit);
		if (!['open', 'closed', 'all'].includes(status)) return unprocessable('invalid status');
		if (!Number.isInteger(limit) || limit < 1 || limit > 500) return unprocessable('invalid limit');
		const symbols = query.symbols ? query.symbols.split(',').map(positionKey) : null;
		const nested = query.nested === 'true';
		const legs = new Set(this.book.orders.flatMap((order) => order.legs ?? []));
		const orders = this.book.orders.filter((order) => {
			if (nested && legs.has(order)) return false;
			const open = [order, ...(nested ? (order.legs ?? []) : [])].some((entry) => OPEN_STATUSES.includes(entry.status));
			if (status === 'open' && !open) return false;
			if (status === 'closed' && open) return false;
			return symbols === null || symbols.includes(positionKey(order.symbol));
		});
		if (query.direction !== 'asc') orders.reverse();
		const page = orders.slice(0, limit);
		return { status: 200, body: nested ? page : page.map((order) => ({ ...order, legs: null })) };
	}

	/** PATCH /v2/orders/{id}: qty, time_in_force, limit_price, stop_price, trail, client_order_id. */
	private replace(order: StubOrder, body: unknown): Answer {
		if (body === null || typeof body !== 'object' || Array.isArray(body)) return unprocessable('request body format is invalid');
		const fields = body as Record<string, unknown>;
		const allowed = new Set(['qty', 'time_in_force', 'limit_price', 'stop_price', 'trail', 'client_order_id']);
		for (const name of Object.keys(fields)) if (!allowed.has(name)) return unprocessable(`unexpected field ${name}`);
		if (!OPEN_STATUSES.includes(order.status) || order.status === 'pending_cancel') {
			return { status: 422, body: { code: 42210000, message: `order is not replaceable (status: ${order.status})` } };
		}
		const stopPrice = fields.stop_price === undefined ? undefined : positiveDecimal(fields.stop_price);
		if (stopPrice === null) return unprocessable('stop_price must be a positive decimal string');
		if (stopPrice !== undefined && order.type !== 'stop' && order.type !== 'stop_limit') return unprocessable(`stop_price is not allowed for ${order.type} orders`);
		if (stopPrice !== undefined && order.asset_class !== 'crypto' && Math.abs(Math.round(stopPrice * (stopPrice >= 1 ? 100 : 10_000)) - stopPrice * (stopPrice >= 1 ? 100 : 10_000)) > 1e-6) {
			return unprocessable(`invalid stop_price ${stopPrice}. sub-penny increment does not fulfill minimum pricing criteria`);
		}
		return { status: 200, body: this.book.replace(order, { stopPrice }) };
	}

	private cancel(order: StubOrder): Answer {
		if (!OPEN_STATUSES.includes(order.status)) {
			return { status: 422, body: { code: 42210000, message: `order is not cancelable (status: ${order.status})` } };
		}
		this.book.cancel(order);
		return { status: 204 };
	}
}
