import { HttpStub } from '../harness/http-stub';
import { type Answer, NO_ANSWER, type ReceivedRequest } from '../harness/stub-http';
import { type Json, orderJson, StubBook, type StubOrder } from './oanda-stub-book';
import { checkOrder, DEFAULT_INSTRUMENT, exceedsPrecision, type StubInstrument } from './oanda-stub-orders';

/*
 * A local OANDA v20 stand-in (node:http on 127.0.0.1, a free port) that checks what OANDA checks,
 * so a wrong adapter fails against it:
 * - `Authorization: Bearer <token>` on every request, else 401; the account id in the path, else
 *   403 "The provided request was forbidden." (OANDA's answer to an account id it will not serve).
 * - POST orders: the order's shape (oanda-stub-orders.ts), a reused client id (400
 *   CLIENT_ORDER_ID_ALREADY_EXISTS with an orderRejectTransaction); MARKET fills at the
 *   instrument's price (setPrice) and moves the netting position, or is cancelled
 *   INSUFFICIENT_MARGIN; LIMIT / STOP rest until fillPending.
 * - GET orders/{id | @clientId}, PUT orders/{…}/cancel, pendingOrders, positions/{instrument},
 *   openPositions, summary, transactions/{id}, transactions/idrange.
 * - Exits: GET instruments (displayPrecision, trailing-stop limits: STUB_INSTRUMENTS); on-fill
 *   take profit, stop loss and trailing stop (distance) checked against them (…_PRECISION_EXCEEDED,
 *   …_MINIMUM_NOT_MET); each fill that opens units opens a trade carrying those exits, later fills
 *   close trades oldest first and a closed trade's exits are cancelled (LINKED_TRADE_CLOSED);
 *   GET openTrades with each trade's exits; PUT trades/{id}/orders replaces a stop loss
 *   (the old one CLIENT_REQUEST_REPLACED).
 *
 * Two behaviours are switchable, because OANDA documents one thing and is reported to do another:
 * `clientIdLookup` ('any-state', the default: orders/@id finds an order in any state; or
 * 'pending-only') and `clientIdUniqueness` ('all-orders', the default: any reuse is refused; or
 * 'pending-only': only while the first order is pending, as OANDA documents the error).
 *
 * Scripting: failNext (answer the next n matching requests with a status and body instead),
 * takeThenFail (carry out the next order, then answer with an error), hangUpNext and
 * takeThenHangUp (close the connection with no answer), cancelNextMarket (cancel the next market
 * order at creation with a reason). Every request is logged. The HTTP side is the shared
 * HttpStub (harness/http-stub.ts): a scripted failure answers after the checks above.
 */

export interface OandaStubOptions {
	token?: string;
	accountId?: string;
	currency?: string;
	balance?: number;
	marginRate?: number;
	prices?: Record<string, number>;
	clientIdLookup?: 'any-state' | 'pending-only';
	clientIdUniqueness?: 'all-orders' | 'pending-only';
}

export interface LoggedRequest {
	method: string;
	/** The path as received, query excluded. */
	path: string;
	/** The decoded path below /v3/accounts/{accountId}, e.g. '/orders/@tv-1'. */
	endpoint: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

export interface RequestMatch {
	method?: string;
	/** Compared with LoggedRequest.endpoint: equal to a string, or matching a RegExp. */
	endpoint?: string | RegExp;
}

export const STUB_TOKEN = 'stub-token-7f3a9c2e5b1d4068';
export const STUB_ACCOUNT = '101-004-1234567-001';
export const DEFAULT_PRICES: Record<string, number> = {
	EUR_USD: 1.1,
	GBP_USD: 1.27,
	USD_JPY: 150,
	XAU_USD: 2000,
	SPX500_USD: 5000,
};

/** displayPrecision and trailing-stop limits, as OANDA's instruments endpoint reports them. */
export const STUB_INSTRUMENTS: Record<string, StubInstrument> = {
	EUR_USD: DEFAULT_INSTRUMENT,
	GBP_USD: DEFAULT_INSTRUMENT,
	USD_JPY: { displayPrecision: 3, minimumTrailingStopDistance: 0.05, maximumTrailingStopDistance: 100 },
	XAU_USD: { displayPrecision: 3, minimumTrailingStopDistance: 0.05, maximumTrailingStopDistance: 1000 },
	SPX500_USD: { displayPrecision: 1, minimumTrailingStopDistance: 5, maximumTrailingStopDistance: 10000 },
};

const INVALID_PARAMETER = 'oanda::rest::core::InvalidParameterException';
const ORDER_POST = { method: 'POST', path: '/orders' };
const TRANSACTION_FILTERS = new Set(['MARKET_ORDER', 'LIMIT_ORDER', 'STOP_ORDER', 'ORDER_FILL', 'ORDER_CANCEL']);

export class OandaStub extends HttpStub<LoggedRequest> {
	readonly book: StubBook;
	readonly token: string;
	readonly accountId: string;
	private readonly marketCancels: string[] = [];

	constructor(private readonly options: OandaStubOptions = {}) {
		super({ scriptPath: (request) => request.endpoint });
		this.token = options.token ?? STUB_TOKEN;
		this.accountId = options.accountId ?? STUB_ACCOUNT;
		this.book = new StubBook({
			accountId: this.accountId,
			currency: options.currency ?? 'USD',
			balance: options.balance ?? 100_000,
			marginRate: options.marginRate ?? 0.02,
			prices: { ...DEFAULT_PRICES, ...options.prices },
			firstTransactionId: 6000,
			clock: new Date('2026-01-02T03:04:05.000Z'),
		});
	}

	get url(): string {
		return this.http.origin;
	}

	async start(): Promise<this> {
		return await this.listen();
	}

	// ---- scripting

	failNext(count: number, status: number, body: unknown = { errorMessage: `stub: scripted HTTP ${status}` }, match: RequestMatch = {}): void {
		this.http.failNext(count, { status, body }, { method: match.method, path: match.endpoint });
	}

	/** The next order is carried out (stored, filled), then answered with `status`. */
	takeThenFail(status: number, body: unknown = { errorMessage: 'Service Unavailable' }): void {
		this.http.loseNextAnswer(ORDER_POST, { status, body });
	}

	/** The next matching request closes the connection without being carried out or answered. */
	hangUpNext(match: RequestMatch = {}): void {
		this.http.failNext(1, NO_ANSWER, { method: match.method, path: match.endpoint });
	}

	/** The next order is carried out, then the connection closes with no answer. */
	takeThenHangUp(): void {
		this.http.loseNextAnswer(ORDER_POST, NO_ANSWER);
	}

	cancelNextMarket(reason: string): void {
		this.marketCancels.push(reason);
	}

	setPrice(instrument: string, price: number): void {
		this.book.prices.set(instrument, price);
	}

	/** Fills a pending LIMIT / STOP order (found by client id) at `price` or its own price. */
	fillPending(clientOrderId: string, price?: number): void {
		const order = this.book.orders.find((each) => each.state === 'PENDING' && each.clientExtensions?.id === clientOrderId);
		if (!order) throw new Error(`stub: no pending order ${clientOrderId}`);
		this.book.fill(order, price ?? Number(order.price), `${order.type}_ORDER`);
	}

	/** Sets a position directly, e.g. both sides open as on an account that hedges. */
	setPosition(instrument: string, long: { units: number; averagePrice: number }, short: { units: number; averagePrice: number }): void {
		const position = this.book.position(instrument);
		position.long = { ...long, tradeID: long.units === 0 ? null : '1' };
		position.short = { ...short, tradeID: short.units === 0 ? null : '2' };
	}

	/** The orders clients placed (dependent take-profit / stop-loss orders left out). */
	entryOrders(clientOrderId?: string): StubOrder[] {
		return this.book.orders.filter(
			(order) =>
				(order.type === 'MARKET' || order.type === 'LIMIT' || order.type === 'STOP') &&
				(clientOrderId === undefined || order.clientExtensions?.id === clientOrderId),
		);
	}

	/** The logged order placements (POST orders) and their bodies. */
	orderPosts(): LoggedRequest[] {
		return this.requests.filter((request) => request.method === 'POST' && request.endpoint === '/orders');
	}

	// ---- the server

	/** `endpoint`: the decoded path below the account. */
	protected describe({ method, path, query, headers, json }: ReceivedRequest): LoggedRequest {
		const prefix = `/v3/accounts/${this.accountId}`;
		const decoded = decodeURIComponent(path);
		return { method, path, endpoint: decoded.startsWith(`${prefix}/`) ? decoded.slice(prefix.length) : decoded, query, headers: { ...headers }, body: json };
	}

	/** OANDA's checks before an endpoint: the token, the account, a JSON body. */
	protected refusal(request: LoggedRequest, received: ReceivedRequest): Answer | null {
		if (request.headers.authorization !== `Bearer ${this.token}`) return { status: 401, body: { errorMessage: 'Insufficient authorization to perform request.' } };
		const account = /^\/v3\/accounts\/([^/]+)(\/.*)?$/.exec(decodeURIComponent(request.path));
		if (!account) return { status: 404, body: { errorMessage: 'The requested resource was not found' } };
		if (account[1] !== this.accountId) return { status: 403, body: { errorMessage: 'The provided request was forbidden.' } };
		if (received.badJson) return { status: 400, body: { errorMessage: 'The request was missing required data' } };
		if (request.body !== undefined && !String(request.headers['content-type'] ?? '').startsWith('application/json')) {
			return { status: 415, body: { errorMessage: 'Unsupported content type' } };
		}
		return null;
	}

	protected route(request: LoggedRequest): Answer {
		const [status, body] = this.routed(request);
		return { status, body };
	}

	private routed(request: LoggedRequest): [number, unknown] {
		const { method, endpoint } = request;
		const last = () => this.book.lastTransactionID;
		let match: RegExpExecArray | null;
		if (endpoint === '/orders' && method === 'POST') return this.placeOrder(request.body);
		if ((match = /^\/orders\/([^/]+)$/.exec(endpoint)) && method === 'GET') {
			const order = this.findOrder(match[1], false);
			if (!order) return [404, { lastTransactionID: last(), errorMessage: 'The order ID specified does not exist', errorCode: 'NO_SUCH_ORDER' }];
			return [200, { order: orderJson(order), lastTransactionID: last() }];
		}
		if ((match = /^\/orders\/([^/]+)\/cancel$/.exec(endpoint)) && method === 'PUT') return this.cancel(match[1]);
		if (endpoint === '/pendingOrders' && method === 'GET') {
			const pending = this.book.orders.filter((order) => order.state === 'PENDING').map(orderJson);
			return [200, { orders: pending, lastTransactionID: last() }];
		}
		if ((match = /^\/positions\/([^/]+)$/.exec(endpoint)) && method === 'GET') {
			if (!this.book.isKnownInstrument(match[1])) return [400, { errorMessage: "Invalid value specified for 'instrument'", errorCode: INVALID_PARAMETER }];
			return [200, { position: this.book.positionJson(match[1]), lastTransactionID: last() }];
		}
		if (endpoint === '/instruments' && method === 'GET') return this.instruments(request.query);
		if (endpoint === '/openTrades' && method === 'GET') {
			const open = this.book.trades.filter((trade) => trade.state === 'OPEN').map((trade) => this.book.tradeJson(trade));
			return [200, { trades: open.reverse(), lastTransactionID: last() }];
		}
		if ((match = /^\/trades\/([^/]+)\/orders$/.exec(endpoint)) && method === 'PUT') return this.tradeOrders(match[1], request.body);
		if (endpoint === '/openPositions' && method === 'GET') return [200, { positions: this.book.openPositionsJson(), lastTransactionID: last() }];
		if (endpoint === '/summary' && method === 'GET') return [200, { account: this.book.summaryJson(this.accountId), lastTransactionID: last() }];
		if (endpoint === '/transactions/idrange' && method === 'GET') return this.idrange(request.query);
		if ((match = /^\/transactions\/(\d+)$/.exec(endpoint)) && method === 'GET') {
			const transaction = this.book.transactions.find((each) => each.id === match![1]);
			if (!transaction) return [404, { errorMessage: 'The transaction ID specified does not exist', errorCode: 'NO_SUCH_TRANSACTION', lastTransactionID: last() }];
			return [200, { transaction, lastTransactionID: last() }];
		}
		return [404, { errorMessage: 'The requested resource was not found' }];
	}

	private placeOrder(body: unknown): [number, unknown] {
		const last = () => this.book.lastTransactionID;
		const check = checkOrder(body, (name) => this.book.isKnownInstrument(name), (name) => this.instrumentOf(name));
		if (check.kind === 'malformed') return [400, { errorMessage: check.errorMessage }];
		if (check.kind === 'invalid_parameter') {
			return [400, { errorMessage: `Invalid value specified for '${check.field}'`, errorCode: INVALID_PARAMETER }];
		}
		if (check.kind === 'reject') return this.rejected(check.spec, check.reason, check.errorMessage);
		const spec = check.spec;
		const reused = this.book.orders.some(
			(order) =>
				order.clientExtensions?.id === spec.clientExtensions.id &&
				(this.options.clientIdUniqueness !== 'pending-only' || order.state === 'PENDING'),
		);
		if (reused) {
			return this.rejected(spec as unknown as Json, 'CLIENT_ORDER_ID_ALREADY_EXISTS', 'The client Order ID specified is already assigned to another pending Order');
		}
		const { order, transaction } = this.book.create(spec);
		const answer: Json = { orderCreateTransaction: transaction };
		if (spec.type === 'MARKET') {
			const scripted = this.marketCancels.shift();
			const units = Number(spec.units);
			const reason = scripted ?? (this.book.lacksMargin(spec.instrument, units) ? 'INSUFFICIENT_MARGIN' : null);
			if (reason !== null) answer.orderCancelTransaction = this.book.cancel(order, reason);
			else {
				const { fill } = this.book.fill(order, this.book.priceOf(spec.instrument), 'MARKET_ORDER');
				answer.orderFillTransaction = fill;
			}
		}
		const related = this.book.transactions.filter((each) => Number(each.id) >= Number(transaction.id)).map((each) => each.id);
		return [201, { ...answer, relatedTransactionIDs: related, lastTransactionID: last() }];
	}

	instrumentOf(name: string): StubInstrument {
		return STUB_INSTRUMENTS[name] ?? DEFAULT_INSTRUMENT;
	}

	/** GET instruments?instruments=A,B: the account's tradeable instruments asked for. */
	private instruments(query: Record<string, string>): [number, unknown] {
		const names = (query.instruments ?? '').split(',').filter((name) => name !== '');
		if (names.some((name) => !this.book.isKnownInstrument(name))) {
			return [400, { errorMessage: "Invalid value specified for 'instruments'", errorCode: INVALID_PARAMETER }];
		}
		const known = names.length > 0 ? names : [...this.book.prices.keys()];
		const instruments = known.map((name) => {
			const details = this.instrumentOf(name);
			return {
				name,
				type: name.startsWith('SPX') ? 'CFD' : name.startsWith('XAU') ? 'METAL' : 'CURRENCY',
				displayName: name.replace('_', '/'),
				pipLocation: -Math.max(0, details.displayPrecision - 1),
				displayPrecision: details.displayPrecision,
				tradeUnitsPrecision: 0,
				minimumTradeSize: '1',
				maximumTrailingStopDistance: details.maximumTrailingStopDistance.toFixed(details.displayPrecision),
				minimumTrailingStopDistance: details.minimumTrailingStopDistance.toFixed(details.displayPrecision),
				maximumPositionSize: '0',
				maximumOrderUnits: '100000000',
				marginRate: '0.02',
			};
		});
		return [200, { instruments, lastTransactionID: this.book.lastTransactionID }];
	}

	/** PUT trades/{tradeSpecifier}/orders: here the stopLoss replacement (takeProfit and trailingStopLoss are not modelled). */
	private tradeOrders(specifier: string, body: unknown): [number, unknown] {
		const trade = this.book.trades.find((each) => each.id === specifier && each.state === 'OPEN');
		if (!trade) return [404, { errorMessage: 'The Trade specified does not exist', errorCode: 'NO_SUCH_TRADE', lastTransactionID: this.book.lastTransactionID }];
		const request = typeof body === 'object' && body !== null ? (body as Json) : {};
		for (const key of Object.keys(request)) if (key !== 'stopLoss') return [400, { errorMessage: `stub: ${key} is not modelled`, errorCode: INVALID_PARAMETER }];
		const stopLoss = request.stopLoss as Json | undefined;
		if (typeof stopLoss !== 'object' || stopLoss === null || typeof stopLoss.price !== 'string' || !/^\d+(\.\d+)?$/.test(stopLoss.price)) {
			return [400, { errorMessage: 'The stop loss price is invalid', errorCode: 'STOP_LOSS_ORDER_PRICE_INVALID' }];
		}
		if (stopLoss.timeInForce !== undefined && !['GTC', 'GTD', 'GFD'].includes(String(stopLoss.timeInForce))) {
			return [400, { errorMessage: 'The time in force is invalid', errorCode: 'TIME_IN_FORCE_INVALID' }];
		}
		if (exceedsPrecision(stopLoss.price, this.instrumentOf(trade.instrument).displayPrecision)) {
			return [400, { errorMessage: 'The stop loss price contains more precision than is allowed', errorCode: 'STOP_LOSS_ORDER_PRICE_PRECISION_EXCEEDED' }];
		}
		const { cancel, created } = this.book.replaceStopLoss(trade, stopLoss.price);
		const related = [cancel?.id, created.id].filter((id) => id !== undefined);
		return [200, { ...(cancel ? { stopLossOrderCancelTransaction: cancel } : {}), stopLossOrderTransaction: created, relatedTransactionIDs: related, lastTransactionID: this.book.lastTransactionID }];
	}

	private rejected(spec: Json, reason: string, errorMessage: string): [number, unknown] {
		const transaction = this.book.reject(spec, reason);
		return [
			400,
			{
				orderRejectTransaction: transaction,
				relatedTransactionIDs: [transaction.id],
				lastTransactionID: this.book.lastTransactionID,
				errorCode: reason,
				errorMessage,
			},
		];
	}

	private findOrder(specifier: string, pendingOnly: boolean): StubOrder | undefined {
		if (specifier.startsWith('@')) {
			const clientId = specifier.slice(1);
			const onlyPending = pendingOnly || this.options.clientIdLookup === 'pending-only';
			return this.book.orders
				.filter((order) => order.clientExtensions?.id === clientId && (!onlyPending || order.state === 'PENDING'))
				.at(-1);
		}
		return this.book.orders.find((order) => order.id === specifier);
	}

	private cancel(specifier: string): [number, unknown] {
		const order = this.findOrder(specifier, true);
		if (!order || order.state !== 'PENDING') {
			const transaction = this.book.record('ORDER_CANCEL_REJECT', {
				...(specifier.startsWith('@') ? { clientOrderID: specifier.slice(1) } : { orderID: specifier }),
				rejectReason: 'ORDER_DOESNT_EXIST',
			});
			return [
				404,
				{
					orderCancelRejectTransaction: transaction,
					relatedTransactionIDs: [transaction.id],
					lastTransactionID: this.book.lastTransactionID,
					errorCode: 'ORDER_DOESNT_EXIST',
					errorMessage: 'The Order specified does not exist',
				},
			];
		}
		const transaction = this.book.cancel(order, 'CLIENT_REQUEST');
		return [200, { orderCancelTransaction: transaction, relatedTransactionIDs: [transaction.id], lastTransactionID: this.book.lastTransactionID }];
	}

	private idrange(query: Record<string, string>): [number, unknown] {
		const from = Number(query.from);
		const to = Number(query.to);
		if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to < from) {
			return [400, { errorMessage: "Invalid value specified for 'from' or 'to'", errorCode: INVALID_PARAMETER }];
		}
		if (to - from + 1 > 1000) return [416, { errorMessage: 'The requested range is too large' }];
		const types = query.type ? query.type.split(',') : null;
		if (types?.some((type) => !TRANSACTION_FILTERS.has(type))) {
			return [400, { errorMessage: "Invalid value specified for 'type'", errorCode: INVALID_PARAMETER }];
		}
		const selected = this.book.transactions.filter((transaction) => {
			const id = Number(transaction.id);
			return id >= from && id <= to && (types === null || types.includes(String(transaction.type)));
		});
		return [200, { transactions: selected, lastTransactionID: this.book.lastTransactionID }];
	}
}

export async function startOandaStub(options: OandaStubOptions = {}): Promise<OandaStub> {
	return await new OandaStub(options).start();
}
