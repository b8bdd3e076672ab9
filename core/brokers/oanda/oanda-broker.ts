import type {
	Broker,
	BrokerAccount,
	BrokerCapabilities,
	BrokerOrder,
	BrokerPosition,
	OrderIntent,
	OrderPreview,
	OrderStatus,
} from '../broker';
import { hasExits } from '../broker';
import { DuplicateClientOrderIdError, InvalidOrderError, OrderNotFoundError } from '../broker-errors';
import type { HttpPort } from '../http-port';
import { accountFrom, positionFrom } from './oanda-account-parsers';
import { type OandaConfig, resolveOandaConfig } from './oanda-config';
import { CLIENT_ORDER_ID_ALREADY_EXISTS, isRecord } from './oanda-errors';
import { OandaHttp, pathSegment } from './oanda-http';
import { toOandaInstrument } from './oanda-instruments';
import { OANDA_BROKER_NAME, OANDA_CAPABILITIES, oandaDetails } from './oanda-metadata';
import { findOrderInHistory, lastTransactionIdOf } from './oanda-order-history';
import {
	clientIdOf,
	isEntryOrder,
	type OandaBrokerOrder,
	orderFrom,
	orderFromPlacement,
	withCancel,
	withFill,
} from './oanda-order-parsers';
import { assertClientOrderId, buildOrderRequest, type OandaOrderRequest } from './oanda-order-request';
import { moveOandaStopsToBreakeven } from './oanda-breakeven';
import { fetchInstrumentDetails, type OandaInstrumentDetails } from './oanda-instrument-details';

export type { OandaConfig } from './oanda-config';
export { OANDA_LIVE_URL, OANDA_PRACTICE_URL } from './oanda-metadata';
export type { OandaBrokerOrder } from './oanda-order-parsers';

/** Statuses of an order that no longer works: cancelling it again changes nothing. */
const NOT_WORKING = new Set<OrderStatus>(['canceled', 'expired', 'rejected']);

/*
 * The OANDA v20 REST adapter (api-fxpractice / api-fxtrade .oanda.com, /v3/accounts/{accountId}/…).
 *
 * - placeOrder first looks the client order id up (as getOrderByClientId does) and throws
 *   DuplicateClientOrderIdError when OANDA already has it, in any state: OANDA itself refuses a
 *   reused client id only while the first order is pending, so without this a resent market order
 *   would trade twice. Then POST orders; OANDA's own CLIENT_ORDER_ID_ALREADY_EXISTS (400) is a
 *   DuplicateClientOrderIdError too. A 201 without a readable orderCreateTransaction is a retryable
 *   error, so the caller reads the order back before anything is sent again.
 * - getOrderByClientId: GET orders/@{clientOrderId}. A FILLED order's units and average price
 *   come from its filling transaction (GET transactions/{fillingTransactionID}), a CANCELLED
 *   order's reason from its cancelling transaction. A 404 is not yet "no such order": the order
 *   is searched for in the recent transactions (oanda-order-history.ts), and only then is the
 *   answer null.
 * - cancelOrder: PUT orders/@{clientOrderId}/cancel, then the order is read back. On a 404 the
 *   order is looked up: an order already canceled, expired or rejected is returned as it is (a
 *   repeated cancel succeeds), a filled one is an InvalidOrderError, none is an OrderNotFoundError.
 * - listOpenOrders: GET pendingOrders, the MARKET / LIMIT / STOP orders that carry a client id.
 *   Orders OANDA attaches to trades (take-profit, stop-loss, trailing stop, which OANDA cancels
 *   with their trade) and orders placed elsewhere without a client id are not listed: the Broker
 *   seam addresses orders by client id, and these are not this adapter's to cancel.
 * - getPosition: GET positions/{instrument}; 404 or flat → null. listPositions: GET openPositions.
 * - getAccount: GET summary.
 * - An order with exits first reads the instrument's displayPrecision (GET instruments, once per
 *   instrument and broker): take profit and stop loss are rounded to it, a trailing stop becomes
 *   trailingStopLossOnFill with its distance (oanda-exit-prices.ts). OANDA cancels a trade's exits
 *   itself when the trade closes (LINKED_TRADE_CLOSED), so an exit order needs no cancel first.
 * - moveStopsToBreakeven: each open trade's stop loss replaced at the trade's price
 *   (oanda-breakeven.ts).
 * The token is sent only in the Authorization header and is redacted from every error message.
 */
export class OandaBroker implements Broker {
	readonly name = OANDA_BROKER_NAME;
	readonly capabilities: BrokerCapabilities = OANDA_CAPABILITIES;

	private readonly api: OandaHttp;
	private readonly accountId: string;
	private readonly instruments = new Map<string, OandaInstrumentDetails>();

	constructor(http: HttpPort, config: OandaConfig) {
		const resolved = resolveOandaConfig(config);
		this.api = new OandaHttp(http, resolved);
		this.accountId = resolved.accountId;
	}

	async previewOrder(intent: OrderIntent): Promise<OrderPreview> {
		return { method: 'POST', path: `/v3/accounts/${this.accountId}/orders`, body: await this.orderRequest(intent) };
	}

	async placeOrder(intent: OrderIntent): Promise<BrokerOrder> {
		const request = await this.orderRequest(intent);
		const existing = await this.getOrderByClientId(intent.clientOrderId);
		if (existing) {
			throw new DuplicateClientOrderIdError(
				`OANDA already has order ${existing.brokerOrderId} (${existing.status}) with client order id ${intent.clientOrderId}`,
				oandaDetails({ brokerCode: CLIENT_ORDER_ID_ALREADY_EXISTS }),
			);
		}
		const answer = await this.api.expect({ method: 'POST', path: '/orders', body: request });
		const order = orderFromPlacement(answer.body);
		if (order === null) throw this.api.unexpected(answer, 'no orderCreateTransaction; the order may exist');
		return { ...order, clientOrderId: order.clientOrderId || intent.clientOrderId };
	}

	async moveStopsToBreakeven(symbol: string): Promise<BrokerOrder[]> {
		return await moveOandaStopsToBreakeven(this.api, toOandaInstrument(symbol));
	}

	async getOrderByClientId(clientOrderId: string): Promise<BrokerOrder | null> {
		assertClientOrderId(clientOrderId);
		const answer = await this.api.send({ method: 'GET', path: `/orders/${pathSegment(`@${clientOrderId}`)}` });
		if (answer.status === 404) {
			const last = lastTransactionIdOf(answer.body) ?? (await this.lastTransactionId());
			return await findOrderInHistory(this.api, clientOrderId, last);
		}
		if (answer.status !== 200) throw this.api.failure(answer);
		const found = isRecord(answer.body.order) ? orderFrom(answer.body.order) : null;
		if (found === null || !isRecord(answer.body.order)) throw this.api.unexpected(answer, 'no order');
		return await this.withOutcome(found, answer.body.order);
	}

	async cancelOrder(clientOrderId: string): Promise<BrokerOrder> {
		assertClientOrderId(clientOrderId);
		const answer = await this.api.send({ method: 'PUT', path: `/orders/${pathSegment(`@${clientOrderId}`)}/cancel` });
		if (answer.status === 404) {
			const existing = await this.getOrderByClientId(clientOrderId).catch(() => null);
			// Already no longer working (a repeated cancel, an expiry): the cancel's aim is met.
			if (existing && NOT_WORKING.has(existing.status)) return existing;
			if (existing && existing.status !== 'open' && existing.status !== 'new') {
				throw new InvalidOrderError(
					`order ${clientOrderId} is ${existing.status} and can no longer be canceled`,
					oandaDetails({ brokerCode: 'ORDER_DOESNT_EXIST', httpStatus: 404 }),
				);
			}
			throw this.api.failure(answer);
		}
		if (answer.status !== 200) throw this.api.failure(answer);
		const canceled = await this.getOrderByClientId(clientOrderId);
		if (canceled === null) throw new OrderNotFoundError(`OANDA canceled order ${clientOrderId} but cannot find it again`, oandaDetails());
		return canceled;
	}

	async listOpenOrders(symbol?: string): Promise<BrokerOrder[]> {
		const instrument = symbol === undefined ? null : toOandaInstrument(symbol);
		const answer = await this.api.expect({ method: 'GET', path: '/pendingOrders' });
		if (!Array.isArray(answer.body.orders)) throw this.api.unexpected(answer, 'no orders list');
		const orders: BrokerOrder[] = [];
		for (const pending of answer.body.orders) {
			if (!isRecord(pending) || !isEntryOrder(pending) || clientIdOf(pending) === null) continue;
			if (instrument !== null && pending.instrument !== instrument) continue;
			const order = orderFrom(pending);
			if (order === null) throw this.api.unexpected(answer, `pending order ${String(pending.id)} cannot be read`);
			orders.push(order);
		}
		return orders;
	}

	async getPosition(symbol: string): Promise<BrokerPosition | null> {
		const instrument = toOandaInstrument(symbol);
		const answer = await this.api.send({ method: 'GET', path: `/positions/${pathSegment(instrument)}` });
		if (answer.status === 404) return null;
		if (answer.status !== 200) throw this.api.failure(answer);
		const position = positionFrom(answer.body.position);
		if (position === undefined) throw this.api.unexpected(answer, 'no readable position');
		return position;
	}

	async listPositions(): Promise<BrokerPosition[]> {
		const answer = await this.api.expect({ method: 'GET', path: '/openPositions' });
		if (!Array.isArray(answer.body.positions)) throw this.api.unexpected(answer, 'no positions list');
		const positions: BrokerPosition[] = [];
		for (const entry of answer.body.positions) {
			const position = positionFrom(entry);
			if (position === undefined) throw this.api.unexpected(answer, 'a position cannot be read');
			if (position !== null) positions.push(position);
		}
		return positions;
	}

	async getAccount(): Promise<BrokerAccount> {
		const answer = await this.api.expect({ method: 'GET', path: '/summary' });
		const account = accountFrom(answer.body.account);
		if (account === null) throw this.api.unexpected(answer, 'no readable account summary');
		return account;
	}

	/** The order request; one with exits first reads the instrument's precision (kept per instrument). */
	private async orderRequest(intent: OrderIntent): Promise<{ order: OandaOrderRequest }> {
		if (!hasExits(intent)) return buildOrderRequest(intent);
		const instrument = toOandaInstrument(intent.symbol);
		let details = this.instruments.get(instrument);
		if (details === undefined) {
			details = await fetchInstrumentDetails(this.api, instrument);
			this.instruments.set(instrument, details);
		}
		return buildOrderRequest(intent, details);
	}

	/** Adds the fill (units, average price) or the cancel reason from the transaction that settled it. */
	private async withOutcome(order: OandaBrokerOrder, source: Record<string, unknown>): Promise<OandaBrokerOrder> {
		if (source.state === 'FILLED') {
			const fill = await this.transaction(source.fillingTransactionID);
			// Not (yet) readable: OANDA says FILLED, so report it filled, its price unknown.
			return fill ? withFill(order, fill) : { ...order, filledQuantity: order.quantity };
		}
		if (source.state === 'CANCELLED') {
			const cancel = await this.transaction(source.cancellingTransactionID);
			return cancel ? withCancel(order, cancel) : order;
		}
		return order;
	}

	/**
	 * GET transactions/{id}:
	 * {"transaction": {"id": "6373", "type": "ORDER_FILL", …}, "lastTransactionID": "6380"}
	 * null when there is no id or OANDA answers 404.
	 */
	private async transaction(id: unknown): Promise<Record<string, unknown> | null> {
		if (typeof id !== 'string' || id === '') return null;
		const answer = await this.api.send({ method: 'GET', path: `/transactions/${pathSegment(id)}` });
		if (answer.status === 404) return null;
		if (answer.status !== 200) throw this.api.failure(answer);
		return isRecord(answer.body.transaction) ? answer.body.transaction : null;
	}

	/** GET summary → lastTransactionID, for a 404 that did not carry it. */
	private async lastTransactionId(): Promise<number> {
		const answer = await this.api.expect({ method: 'GET', path: '/summary' });
		const last = lastTransactionIdOf(answer.body);
		if (last === null) throw this.api.unexpected(answer, 'no lastTransactionID');
		return last;
	}
}
