import type {
	Broker,
	BrokerAccount,
	BrokerCapabilities,
	BrokerOrder,
	BrokerPosition,
	OrderIntent,
	OrderPreview,
} from '../broker';
import { BrokerUnavailableError, DuplicateClientOrderIdError, InvalidOrderError, OrderNotFoundError, UnsupportedError } from '../broker-errors';
import { errorDetails } from '../base/error-details';
import { PayloadError } from '../base/payload';
import type { RestAnswer, RestClient } from '../base/rest-client';
import type { HttpPort } from '../http-port';
import { type AlpacaConfig, alpacaClient } from './alpaca-config';
import { ALPACA, ALPACA_ERROR_DETAILS, ALPACA_ORDER_PAGE_LIMIT } from './alpaca-description';
import { alpacaOrderBody, checkedClientOrderId } from './alpaca-order-body';
import { parseAlpacaAccount } from './alpaca-parse-account';
import { parseAlpacaLegs, parseAlpacaOrder, parseAlpacaOrders } from './alpaca-parse-order';
import { availableQuantity, parseAlpacaPosition, parseAlpacaPositions } from './alpaca-parse-position';
import { needsPosition, positionRefusal, rounded } from './alpaca-position-guard';
import { moveAlpacaStopsToBreakeven } from './alpaca-breakeven';
import { releaseHeldShares } from './alpaca-release-shares';
import { trailingStopBody, trailingStopClientId } from './alpaca-trailing-stop';
import { ALPACA_PATHS, openOrdersQuery, orderByClientIdQuery } from './alpaca-requests';
import { type AlpacaSymbol, alpacaSymbol } from './alpaca-symbols';
import { sleep } from '../../util/polling';

export type { AlpacaConfig } from './alpaca-config';

export interface AlpacaBrokerOptions {
	/** How the broker waits between reads of orders it cancelled (tests pass one that does not wait). */
	sleep?: (ms: number) => Promise<void>;
}

interface Holding {
	position: BrokerPosition | null;
	/** Shares no open order holds (qty_available); null when unknown. */
	available: number | null;
}
export { ALPACA_LIVE_BASE_URL, ALPACA_PAPER_BASE_URL } from './alpaca-description';

/*
 * Alpaca's Trading API v2 (stocks, ETFs and crypto; paper or live) behind the Broker seam.
 *
 * - Every request carries APCA-API-KEY-ID and APCA-API-SECRET-KEY and goes through the HttpPort.
 * - placeOrder: POST /v2/orders with the intent's client order id (see alpaca-order-body.ts for
 *   the body and what is refused before sending). Alpaca answers a reused client order id with
 *   422 "client_order_id must be unique": DuplicateClientOrderIdError, and the caller reads the
 *   order back. A reduce-only order, and a crypto sell, read the position first
 *   (alpaca-position-guard.ts); when that check refuses and Alpaca already has an order with this
 *   client order id (the order went through before, and the position moved since), the answer is
 *   DuplicateClientOrderIdError too, so a resend still resolves to the order placed. A reduce-only
 *   order whose shares open orders hold (a filled bracket's legs: qty_available short of the
 *   order) first cancels those orders and waits for Alpaca to report them cancelled
 *   (alpaca-release-shares.ts), then reads the position and checks again, since a leg may have
 *   filled meanwhile.
 * - Crypto symbols are recognised by alpaca-symbols.ts and sent as BASE/QUOTE.
 * - getOrderByClientId: GET /v2/orders:by_client_order_id; Alpaca's 404 is null.
 * - cancelOrder: the order by client id (none: OrderNotFoundError), DELETE /v2/orders/{id}, then
 *   the order read back; Alpaca cancels asynchronously, so it may still read pending_cancel (open).
 * - listOpenOrders: GET /v2/orders?status=open, at most 500; a full page is refused rather than
 *   some open orders silently left out.
 * - getPosition: GET /v2/positions/{symbol}; Alpaca's 404 is null. Quantities are signed.
 * - getAccount: GET /v2/account; realisedPnl is null (Alpaca does not report it).
 * - attachExits: a trailing stop, which Alpaca takes only as an order of its own, is placed once
 *   the entry has filled (alpaca-trailing-stop.ts), under the entry's client order id + "-trail";
 *   one already there is returned instead.
 * - exitsOf: a bracket or OTO entry's legs, from Alpaca's answer to placing it when this broker
 *   placed it (no second request), else from GET /v2/orders:by_client_order_id.
 * - moveStopsToBreakeven: the working stop losses replaced at the average entry price
 *   (alpaca-breakeven.ts).
 * - Requests go through the shared RestClient (base/); errors are mapped by alpaca-errors.ts's
 *   table; no message carries the key id or the secret key.
 */

export class AlpacaBroker implements Broker {
	readonly name = ALPACA.id;
	readonly capabilities: BrokerCapabilities = ALPACA.capabilities;

	private readonly client: RestClient;
	private readonly sleep: (ms: number) => Promise<void>;
	/** The legs Alpaca listed in its answer to placing an entry, by client order id, until exitsOf takes them. */
	private readonly placedLegs = new Map<string, BrokerOrder[]>();

	constructor(http: HttpPort, config: AlpacaConfig, options: AlpacaBrokerOptions = {}) {
		this.client = alpacaClient(http, config);
		this.sleep = options.sleep ?? sleep;
	}

	async previewOrder(intent: OrderIntent): Promise<OrderPreview> {
		const body = alpacaOrderBody(intent);
		const symbol = alpacaSymbol(intent.symbol);
		if (needsPosition(intent, symbol)) {
			const refusal = positionRefusal(intent, symbol, (await this.positionOf(symbol))?.quantity ?? 0);
			if (refusal !== null) throw refusal;
		}
		return { method: 'POST', path: ALPACA_PATHS.orders, body };
	}

	async placeOrder(intent: OrderIntent): Promise<BrokerOrder> {
		const body = alpacaOrderBody(intent);
		const symbol = alpacaSymbol(intent.symbol);
		if (needsPosition(intent, symbol)) {
			const holding = await this.holdingOf(symbol);
			await this.checkAgainst(holding.position, intent, symbol);
			if (intent.reduceOnly && (holding.available === null || holding.available < rounded(intent.quantity))) {
				await releaseHeldShares({ client: this.client, sleep: this.sleep }, intent, symbol);
				await this.checkAgainst((await this.holdingOf(symbol)).position, intent, symbol);
			}
		}
		const response = await this.client.send('POST', ALPACA_PATHS.orders, { body });
		const { order, legs } = this.client.read(response, response.what, (answer) => ({ order: parseAlpacaOrder(answer), legs: legsIfReadable(answer) }));
		this.assertSameOrder(order, intent.clientOrderId, response);
		if (legs !== null && legs.length > 0) this.placedLegs.set(intent.clientOrderId, legs);
		return order;
	}

	/** Only a trailing stop waits for the fill: take profit and stop loss go with the entry (bracket, OTO). */
	exitsAfterFill(intent: OrderIntent): boolean {
		return intent.trailingStop !== null && intent.trailingStop !== undefined;
	}

	async attachExits(intent: OrderIntent, entry: BrokerOrder): Promise<BrokerOrder[]> {
		const trailing = intent.trailingStop;
		if (trailing === null || trailing === undefined) return [];
		const clientOrderId = trailingStopClientId(intent.clientOrderId);
		const existing = await this.getOrderByClientId(clientOrderId);
		if (existing !== null) return [existing];
		const body = trailingStopBody(intent, entry, trailing);
		const response = await this.client.send('POST', ALPACA_PATHS.orders, { body });
		if (response.status === 422) {
			// "client_order_id must be unique": placed meanwhile by another attempt; read it back.
			const placed = await this.getOrderByClientId(clientOrderId);
			if (placed !== null) return [placed];
		}
		const order = this.client.read(response, response.what, parseAlpacaOrder);
		this.assertSameOrder(order, clientOrderId, response);
		return [order];
	}

	async moveStopsToBreakeven(symbol: string): Promise<BrokerOrder[]> {
		const wanted = this.symbolOf(symbol);
		return await moveAlpacaStopsToBreakeven(this.client, wanted, await this.positionOf(wanted));
	}

	async getOrderByClientId(clientOrderId: string): Promise<BrokerOrder | null> {
		const id = checkedClientOrderId(clientOrderId);
		const response = await this.client.send('GET', ALPACA_PATHS.orderByClientId, { query: orderByClientIdQuery(id) });
		if (this.client.isNotFound(response)) return null;
		const order = this.client.read(response, response.what, parseAlpacaOrder);
		this.assertSameOrder(order, id, response);
		return order;
	}

	/**
	 * A bracket or OTO entry's take-profit and stop-loss legs, as Alpaca lists them with it: those
	 * of its placement answer right after placing it here, otherwise (a read-back, a re-run) the
	 * order read again.
	 */
	async exitsOf(entry: OrderIntent): Promise<BrokerOrder[]> {
		if (entry.takeProfitPrice === null && entry.stopLossPrice === null) return [];
		const placed = this.placedLegs.get(entry.clientOrderId);
		if (placed !== undefined) {
			this.placedLegs.delete(entry.clientOrderId);
			return placed;
		}
		const id = checkedClientOrderId(entry.clientOrderId);
		const response = await this.client.send('GET', ALPACA_PATHS.orderByClientId, { query: orderByClientIdQuery(id) });
		if (this.client.isNotFound(response)) return [];
		return this.client.read(response, response.what, parseAlpacaLegs);
	}

	async cancelOrder(clientOrderId: string): Promise<BrokerOrder> {
		const order = await this.getOrderByClientId(clientOrderId);
		if (order === null) {
			throw new OrderNotFoundError(`Alpaca has no order with client order id ${clientOrderId}`, errorDetails(ALPACA.id, { httpStatus: 404 }));
		}
		const canceled = await this.client.send('DELETE', ALPACA_PATHS.order(order.brokerOrderId));
		this.client.expectSuccess(canceled, canceled.what);
		return await this.client.request('GET', ALPACA_PATHS.order(order.brokerOrderId), parseAlpacaOrder);
	}

	async listOpenOrders(symbol?: string): Promise<BrokerOrder[]> {
		const wanted = symbol === undefined ? null : this.symbolOf(symbol);
		const response = await this.client.send('GET', ALPACA_PATHS.orders, { query: openOrdersQuery(wanted) });
		const orders = this.client.read(response, response.what, parseAlpacaOrders);
		if (orders.length >= ALPACA_ORDER_PAGE_LIMIT) {
			throw new UnsupportedError(
				`Alpaca has ${ALPACA_ORDER_PAGE_LIMIT} or more open orders, more than one answer holds; cancel some at Alpaca first`,
				errorDetails(ALPACA.id, { httpStatus: response.status }),
			);
		}
		if (wanted === null) return orders;
		return orders.filter((order) => alpacaSymbol(order.symbol).position === wanted.position);
	}

	async getPosition(symbol: string): Promise<BrokerPosition | null> {
		return await this.positionOf(this.symbolOf(symbol));
	}

	async listPositions(): Promise<BrokerPosition[]> {
		return await this.client.request('GET', ALPACA_PATHS.positions, parseAlpacaPositions);
	}

	async getAccount(): Promise<BrokerAccount> {
		return await this.client.request('GET', ALPACA_PATHS.account, parseAlpacaAccount);
	}

	private async positionOf(symbol: AlpacaSymbol): Promise<BrokerPosition | null> {
		return (await this.holdingOf(symbol)).position;
	}

	private async holdingOf(symbol: AlpacaSymbol): Promise<Holding> {
		const response = await this.client.send('GET', ALPACA_PATHS.position(symbol));
		if (this.client.isNotFound(response)) return { position: null, available: 0 };
		return this.client.read(response, response.what, (body) => ({ position: parseAlpacaPosition(body), available: availableQuantity(body) }));
	}

	/**
	 * The position guard; when it refuses and Alpaca already has an order with this client order
	 * id (it went through before and the position moved since), DuplicateClientOrderIdError.
	 */
	private async checkAgainst(position: BrokerPosition | null, intent: OrderIntent, symbol: AlpacaSymbol): Promise<void> {
		const refusal = positionRefusal(intent, symbol, position?.quantity ?? 0);
		if (refusal === null) return;
		if (await this.getOrderByClientId(intent.clientOrderId)) {
			throw new DuplicateClientOrderIdError(`Alpaca already has an order with client order id ${intent.clientOrderId}`, ALPACA_ERROR_DETAILS);
		}
		throw refusal;
	}

	private symbolOf(symbol: string): AlpacaSymbol {
		if (typeof symbol !== 'string' || symbol.trim() === '') {
			throw new InvalidOrderError('a symbol is required', ALPACA_ERROR_DETAILS);
		}
		return alpacaSymbol(symbol);
	}

	/** An answer about another order than the one asked for is not trusted. */
	private assertSameOrder(order: BrokerOrder, clientOrderId: string, response: RestAnswer): void {
		if (order.clientOrderId !== clientOrderId) {
			throw new BrokerUnavailableError(
				this.client.redact(`Alpaca answered with order ${order.clientOrderId} for client order id ${clientOrderId}`),
				errorDetails(ALPACA.id, { httpStatus: response.status }),
			);
		}
	}
}

/** The legs of a placement answer; null when they cannot be read, so the placed order still stands and exitsOf reads them again. */
function legsIfReadable(answer: unknown): BrokerOrder[] | null {
	try {
		return parseAlpacaLegs(answer);
	} catch (error) {
		if (error instanceof PayloadError) return null;
		throw error;
	}
}
