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
import { errorDetails } from '../base/error-details';
import { required } from '../base/payload';
import type { RestClient } from '../base/rest-client';
import type { HttpPort } from '../http-port';
import { parseAccountSummary, parseOpenPositions, parsePosition } from './oanda-account-parsers';
import { moveOandaStopsToBreakeven } from './oanda-breakeven';
import { type OandaConfig, oandaClient, resolveOandaConfig } from './oanda-config';
import { OANDA, OANDA_ERROR_DETAILS } from './oanda-description';
import { CLIENT_ORDER_ID_ALREADY_EXISTS } from './oanda-errors';
import { fetchInstrumentDetails, type OandaInstrumentDetails } from './oanda-instrument-details';
import { toOandaInstrument } from './oanda-instruments';
import { findOrderInHistory, lastTransactionIdOf } from './oanda-order-history';
import {
	type OandaBrokerOrder,
	parseOrderAnswer,
	parsePendingOrders,
	parsePlacement,
	parseTransaction,
	withCancel,
	withFill,
} from './oanda-order-parsers';
import { assertClientOrderId, buildOrderRequest, type OandaOrderRequest } from './oanda-order-request';
import { OANDA_PATHS } from './oanda-paths';

export type { OandaConfig } from './oanda-config';
export { OANDA_LIVE_URL, OANDA_PRACTICE_URL } from './oanda-description';
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
	readonly name = OANDA.id;
	readonly capabilities: BrokerCapabilities = OANDA.capabilities;

	private readonly client: RestClient;
	private readonly accountId: string;
	private readonly instruments = new Map<string, OandaInstrumentDetails>();

	constructor(http: HttpPort, config: OandaConfig) {
		const resolved = resolveOandaConfig(config);
		this.client = oandaClient(http, resolved);
		this.accountId = resolved.accountId;
	}

	async previewOrder(intent: OrderIntent): Promise<OrderPreview> {
		return { method: 'POST', path: `/v3/accounts/${this.accountId}${OANDA_PATHS.orders}`, body: await this.orderRequest(intent) };
	}

	async placeOrder(intent: OrderIntent): Promise<BrokerOrder> {
		const request = await this.orderRequest(intent);
		const existing = await this.getOrderByClientId(intent.clientOrderId);
		if (existing) {
			throw new DuplicateClientOrderIdError(
				`OANDA already has order ${existing.brokerOrderId} (${existing.status}) with client order id ${intent.clientOrderId}`,
				errorDetails(OANDA.id, { brokerCode: CLIENT_ORDER_ID_ALREADY_EXISTS }),
			);
		}
		const order = await this.client.request('POST', OANDA_PATHS.orders, parsePlacement, { body: request });
		return { ...order, clientOrderId: order.clientOrderId || intent.clientOrderId };
	}

	async moveStopsToBreakeven(symbol: string): Promise<BrokerOrder[]> {
		return await moveOandaStopsToBreakeven(this.client, toOandaInstrument(symbol));
	}

	async getOrderByClientId(clientOrderId: string): Promise<BrokerOrder | null> {
		assertClientOrderId(clientOrderId);
		const answer = await this.client.send('GET', OANDA_PATHS.orderByClientId(clientOrderId));
		if (answer.status === 404) {
			const last = lastTransactionIdOf(answer.body) ?? (await this.lastTransactionId());
			return await findOrderInHistory(this.client, clientOrderId, last);
		}
		const { order, source } = this.client.read(answer, answer.what, parseOrderAnswer);
		return await this.withOutcome(order, source);
	}

	async cancelOrder(clientOrderId: string): Promise<BrokerOrder> {
		assertClientOrderId(clientOrderId);
		const answer = await this.client.send('PUT', OANDA_PATHS.cancelByClientId(clientOrderId));
		if (answer.status === 404) {
			const existing = await this.getOrderByClientId(clientOrderId).catch(() => null);
			// Already no longer working (a repeated cancel, an expiry): the cancel's aim is met.
			if (existing && NOT_WORKING.has(existing.status)) return existing;
			if (existing && existing.status !== 'open' && existing.status !== 'new') {
				throw new InvalidOrderError(
					`order ${clientOrderId} is ${existing.status} and can no longer be canceled`,
					errorDetails(OANDA.id, { brokerCode: 'ORDER_DOESNT_EXIST', httpStatus: 404 }),
				);
			}
			throw this.client.failure(answer, answer.what);
		}
		this.client.expectSuccess(answer, answer.what);
		const canceled = await this.getOrderByClientId(clientOrderId);
		if (canceled === null) throw new OrderNotFoundError(`OANDA canceled order ${clientOrderId} but cannot find it again`, OANDA_ERROR_DETAILS);
		return canceled;
	}

	async listOpenOrders(symbol?: string): Promise<BrokerOrder[]> {
		const instrument = symbol === undefined ? null : toOandaInstrument(symbol);
		return await this.client.request('GET', OANDA_PATHS.pendingOrders, (body) => parsePendingOrders(body, instrument));
	}

	async getPosition(symbol: string): Promise<BrokerPosition | null> {
		const answer = await this.client.send('GET', OANDA_PATHS.position(toOandaInstrument(symbol)));
		if (answer.status === 404) return null;
		return this.client.read(answer, answer.what, parsePosition);
	}

	async listPositions(): Promise<BrokerPosition[]> {
		return await this.client.request('GET', OANDA_PATHS.openPositions, parseOpenPositions);
	}

	async getAccount(): Promise<BrokerAccount> {
		return await this.client.request('GET', OANDA_PATHS.summary, parseAccountSummary);
	}

	/** The order request; one with exits first reads the instrument's precision (kept per instrument). */
	private async orderRequest(intent: OrderIntent): Promise<{ order: OandaOrderRequest }> {
		if (!hasExits(intent)) return buildOrderRequest(intent);
		const instrument = toOandaInstrument(intent.symbol);
		let details = this.instruments.get(instrument);
		if (details === undefined) {
			details = await fetchInstrumentDetails(this.client, instrument);
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

	/** The transaction (parseTransaction); null when there is no id or OANDA answers 404. */
	private async transaction(id: unknown): Promise<Record<string, unknown> | null> {
		if (typeof id !== 'string' || id === '') return null;
		const answer = await this.client.send('GET', OANDA_PATHS.transaction(id));
		if (answer.status === 404) return null;
		return this.client.read(answer, answer.what, parseTransaction);
	}

	/** GET summary → lastTransactionID, for a 404 that did not carry it. */
	private async lastTransactionId(): Promise<number> {
		return await this.client.request('GET', OANDA_PATHS.summary, (body) => required(lastTransactionIdOf(body), 'no lastTransactionID'));
	}
}
