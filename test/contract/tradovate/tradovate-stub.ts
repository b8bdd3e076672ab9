import { randomBytes } from 'node:crypto';

import type { TradovateConfig } from '../../../core/brokers/tradovate/tradovate-config';
import { HttpStub } from '../harness/http-stub';
import { type Answer, type BodyRequest, bodyRequest, type ReceivedRequest } from '../harness/stub-http';
import { type StubAccount, StubBook, type StubOrder } from './tradovate-stub-book';
import { checkBracket, checkEntry } from './tradovate-stub-rules';

/*
 * A local Tradovate REST API (node:http on 127.0.0.1, a free port, paths below /v1) that checks
 * what the real one checks, so a wrong adapter fails:
 * - POST /auth/accesstokenrequest needs name, password, appId, appVersion, cid (a number) and sec,
 *   all matching the configured credential, else 200 {"errorText":…}; a token lives
 *   `tokenLifetimeMs` (80 minutes unless told); GET /auth/renewaccesstoken extends a working one;
 * - every other request needs "Authorization: Bearer <a token that has not expired>", else 401;
 * - placeOrder / placeOSO bodies are checked field by field (tradovate-stub-rules.ts): 400 for a
 *   malformed body, 200 {failureReason, failureText} for an order Tradovate would refuse;
 * - a reused clOrdId is taken, as Tradovate takes it: a second order is created;
 * - a market order fills at once at `book.fillPrice`; an OSO's exits wait (Suspended) for their
 *   entry, work once it fills, and cancel each other (OCO);
 * - the entity reads: account/list, contract/find|item|deps, product/find|item, contractMaturity/item|deps,
 *   order/list|item, orderVersion/deps, fill/deps, command/list, position/list, and
 *   cashBalance/getcashbalancesnapshot; anything else is a plain 404.
 * Scripting: failNext, takeThenFail (the order is created, its answer replaced: the answer lost),
 * rejectNext (a 200 failureReason), expireTokens, and `requests`, the log. The HTTP side is the
 * shared HttpStub (harness/http-stub.ts); a scripted failure answers after the token check.
 */

/** What the token request must carry, as the adapter's credential names it. */
export type TradovateCredential = Pick<TradovateConfig, 'username' | 'password' | 'appId' | 'appVersion' | 'cid' | 'secret'>;

export interface TradovateStubOptions extends TradovateCredential {
	accounts?: StubAccount[];
	fillPrice?: number;
	tokenLifetimeMs?: number;
	cash?: number;
}

export type StubRequest = BodyRequest;

const PREFIX = '/v1';
const ORDER_PATHS = ['/order/placeorder', '/order/placeoso'];
const ORDER_PATH = /^\/order\/place(order|oso)$/;

export class TradovateStub extends HttpStub<StubRequest> {
	readonly book: StubBook;
	readonly tokens = new Map<string, number>();
	private rejection: { failureReason: string; failureText: string } | null = null;

	private constructor(private readonly options: TradovateStubOptions) {
		super();
		this.book = new StubBook(options.accounts ?? [{ id: 37, name: 'DEMO1234567', active: true }], options.fillPrice ?? 21_000, Date.now());
	}

	static async start(options: TradovateStubOptions): Promise<TradovateStub> {
		return await new TradovateStub(options).listen();
	}

	/** The credential's Base URL: the address with /v1, as Tradovate's own. */
	override get baseUrl(): string {
		return `${this.http.origin}${PREFIX}`;
	}

	failNext(times: number, status: number, body: unknown, match?: { method?: string; path?: string }): void {
		this.http.failNext(times, { status, body }, match);
	}

	/** The next placeOrder / placeOSO is carried out, but answered with `status`: the answer is lost. */
	takeThenFail(status: number, body: unknown = 'upstream connect error or disconnect/reset before headers'): void {
		// an order refused (a failureReason, no orderId) keeps its answer: only an order created loses it
		this.http.loseNextAnswer({ method: 'POST', path: ORDER_PATH }, { status, body }, (answer) => answer.status === 200 && (answer.body as { orderId?: unknown }).orderId !== undefined);
	}

	/** The next well-formed order is refused with HTTP 200 {failureReason, failureText}. */
	rejectNext(failureReason: string, failureText: string): void {
		this.rejection = { failureReason, failureText };
	}

	/** Every token issued so far has expired (the next request with one is a 401). */
	expireTokens(): void {
		for (const token of this.tokens.keys()) this.tokens.set(token, Date.now() - 1);
	}

	/** The orders created with this clOrdId. */
	ordersWith(clOrdId: string): StubOrder[] {
		const ids = this.book.commands.filter((command) => command.commandType === 'New' && command.clOrdId === clOrdId).map((command) => command.orderId);
		return this.book.orders.filter((order) => ids.includes(order.id));
	}

	/** Paths below /v1; the body as JSON, or as text when it is not JSON. */
	protected describe(received: ReceivedRequest): StubRequest {
		return bodyRequest(received, received.path.startsWith(PREFIX) ? received.path.slice(PREFIX.length) : received.path);
	}

	/** A body that is not JSON: 400; outside /v1: 404; without a live token (the token request aside): 401. */
	protected refusal(request: StubRequest, received: ReceivedRequest): Answer | null {
		if (received.badJson) return { status: 400, body: 'request body is not JSON' };
		if (!received.path.startsWith(PREFIX)) return { status: 404, body: '' };
		if (request.method === 'POST' && request.path === '/auth/accesstokenrequest') return null;
		const token = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''))?.[1];
		const expiresAt = token === undefined ? undefined : this.tokens.get(token);
		if (token === undefined || expiresAt === undefined || expiresAt <= Date.now()) return { status: 401, body: '' };
		return null;
	}

	private tokenRequest(body: unknown): Answer {
		const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
		const { username, password, appId, appVersion, cid, secret } = this.options;
		for (const name of ['name', 'password', 'appId', 'appVersion', 'sec']) {
			if (typeof fields[name] !== 'string' || fields[name] === '') return { status: 200, body: { errorText: `${name} is required` } };
		}
		if (typeof fields.cid !== 'number') return { status: 200, body: { errorText: 'cid must be a number' } };
		if (fields.name !== username || fields.password !== password) {
			return { status: 200, body: { errorText: 'Incorrect username or password. Please try again noting that passwords are case-sensitive.' } };
		}
		if (fields.appId !== appId || fields.appVersion !== appVersion || fields.cid !== cid || fields.sec !== secret) {
			return { status: 200, body: { errorText: 'The app is not registered or the API key does not match' } };
		}
		return { status: 200, body: { ...this.issue(), userId: 7, name: username, userStatus: 'Active', hasLive: false } };
	}

	private issue(): { accessToken: string; expirationTime: string } {
		const token = randomBytes(24).toString('base64url');
		const expiresAt = Date.now() + (this.options.tokenLifetimeMs ?? 80 * 60_000);
		this.tokens.set(token, expiresAt);
		return { accessToken: token, expirationTime: new Date(expiresAt).toISOString() };
	}

	protected route(request: StubRequest): Answer {
		const { method, path, query } = request;
		const book = this.book;
		const byId = <T extends { id: number }>(list: T[]): Answer => {
			const found = list.find((item) => String(item.id) === query.id);
			return found === undefined ? { status: 404, body: '' } : { status: 200, body: found };
		};
		const deps = <T>(list: T[], key: keyof T): Answer => ({ status: 200, body: list.filter((item) => String(item[key]) === query.masterid) });
		if (method === 'POST' && path === '/auth/accesstokenrequest') return this.tokenRequest(request.body);
		if (method === 'GET' && path === '/auth/renewaccesstoken') return { status: 200, body: this.issue() };
		if (method === 'POST' && ORDER_PATHS.includes(path)) return this.placeOrder(path, request.body);
		if (method === 'POST' && path === '/order/cancelorder') return this.cancelOrder(request.body);
		if (method === 'POST' && path === '/cashBalance/getcashbalancesnapshot') return this.cashSnapshot(request.body);
		if (method !== 'GET') return { status: 404, body: '' };
		switch (path) {
			case '/account/list':
				return { status: 200, body: book.accounts.map((account) => ({ ...account, userId: 7, accountType: 'Customer', archived: false })) };
			case '/contract/find': {
				const contract = book.contractNamed(query.name ?? '');
				return contract === undefined ? { status: 404, body: '' } : { status: 200, body: contract };
			}
			case '/contract/item':
				return byId(book.contracts);
			case '/contract/deps':
				return deps(book.contracts, 'contractMaturityId');
			case '/product/find': {
				const product = book.products.find((candidate) => candidate.name === query.name);
				return product === undefined ? { status: 404, body: '' } : { status: 200, body: product };
			}
			case '/product/item':
				return byId(book.products);
			case '/contractMaturity/item':
				return byId(book.maturities);
			case '/contractMaturity/deps':
				return deps(book.maturities, 'productId');
			case '/order/list':
				return { status: 200, body: book.orders.map(({ parentId: _parent, ocoId: _oco, ...order }) => order) };
			case '/order/item': {
				const found = byId(book.orders);
				if (found.status !== 200) return found;
				const { parentId: _parent, ocoId: _oco, ...order } = found.body as StubOrder;
				return { status: 200, body: order };
			}
			case '/orderVersion/deps':
				return deps(book.versions, 'orderId');
			case '/fill/deps':
				return deps(book.fills, 'orderId');
			case '/command/list':
				return { status: 200, body: book.commands };
			case '/position/list':
				return { status: 200, body: book.positions };
			default:
				return { status: 404, body: '' };
		}
	}

	private placeOrder(path: string, body: unknown): Answer {
		const entry = checkEntry(body, this.book);
		if (!entry.ok) return entry.status === 400 ? { status: 400, body: entry.text } : { status: 200, body: { failureReason: entry.failureReason, failureText: entry.failureText } };
		const fields = body as Record<string, unknown>;
		const brackets = [];
		if (path === '/order/placeoso') {
			if (fields.bracket1 === undefined) return { status: 400, body: 'bracket1 is required for an OSO order' };
			for (const name of ['bracket1', 'bracket2']) {
				if (fields[name] === undefined) continue;
				const bracket = checkBracket(fields[name], entry.order, name, this.book);
				if (!bracket.ok) return bracket.status === 400 ? { status: 400, body: bracket.text } : { status: 200, body: bracket };
				brackets.push(bracket.order);
			}
		} else if (fields.bracket1 !== undefined || fields.bracket2 !== undefined) {
			return { status: 400, body: 'brackets are placed with /order/placeOSO' };
		}
		if (this.rejection !== null) {
			const rejection = this.rejection;
			this.rejection = null;
			return { status: 200, body: rejection };
		}
		// The exits exist before a market entry fills, so its fill sets them working.
		const parent = this.book.accept(entry.order);
		const placed = brackets.map((bracket) => this.book.accept(bracket, parent));
		if (entry.order.orderType === 'Market') this.book.fill(parent, entry.order.orderQty, this.book.fillPrice);
		return { status: 200, body: { orderId: parent.id, ...(placed[0] ? { oso1Id: placed[0].id } : {}), ...(placed[1] ? { oso2Id: placed[1].id } : {}) } };
	}

	private cancelOrder(body: unknown): Answer {
		const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
		const order = this.book.orders.find((candidate) => candidate.id === fields.orderId);
		if (order === undefined) return { status: 404, body: '' };
		if (!['Working', 'Suspended', 'PendingNew'].includes(order.ordStatus)) {
			return { status: 200, body: { failureReason: 'TooLate', failureText: `Order ${order.id} is ${order.ordStatus}` } };
		}
		this.book.cancel(order, fields.isAutomated === true);
		return { status: 200, body: { commandId: this.book.id() } };
	}

	private cashSnapshot(body: unknown): Answer {
		const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
		if (!this.book.accounts.some((account) => account.id === fields.accountId)) return { status: 200, body: { errorText: 'Access is denied' } };
		const cash = this.options.cash ?? 50_000;
		return { status: 200, body: { totalCashValue: cash, netLiq: cash + 120.5, initialMargin: 1_200, maintenanceMargin: 1_100, realizedPnL: 85.5, openPnL: 120.5 } };
	}
}
