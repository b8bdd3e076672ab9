import type { Broker, BrokerAccount, BrokerCapabilities, BrokerOrder, BrokerPosition, OrderIntent, OrderPreview } from '../broker';
import { DuplicateClientOrderIdError, InvalidOrderError, OrderNotFoundError } from '../broker-errors';
import { errorDetails } from '../base/error-details';
import type { HttpPort } from '../http-port';
import { tradovateAccount } from './tradovate-account';
import { TradovateApi } from './tradovate-api';
import { checkedTradovateConfig, type TradovateConfig, tradovateBaseUrl } from './tradovate-config';
import { contractName, resolveContract } from './tradovate-contracts';
import { TRADOVATE } from './tradovate-description';
import { parseCashSnapshot, parseOrderEntities, parsePlacedOrderId, parsePositions, type TradovatePositionEntity } from './tradovate-entities';
import { exitClientOrderIds, type TradovateAccountRef, tradovateOrderBody } from './tradovate-order-body';
import { commandList, completeOrder, orderIdFor, readOrder, WORKING_STATUSES } from './tradovate-orders';
import { sharedTradovateSession, type TradovateSession } from './tradovate-session';

export type { TradovateConfig } from './tradovate-config';

export interface TradovateBrokerOptions {
	/** The token, account and contracts this broker shares; the process's one per credential when absent. */
	session?: TradovateSession;
}

/*
 * Tradovate (US futures; demo or live) behind the Broker seam, on base/RestClient.
 *
 * - Every request carries the Bearer token of tradovate-token.ts (requested, renewed before it
 *   expires, requested again after a 401, one request at a time per credential).
 * - Symbols are TradingView's: NQ1! is the front month, ESZ2026 the contract ESZ6
 *   (tradovate-contracts.ts). Quantities are whole contracts; a fraction is refused.
 * - placeOrder first reads the client order id back (GET /command/list): Tradovate takes a reused
 *   clOrdId without complaint, so an order already there is a DuplicateClientOrderIdError and the
 *   caller reads it instead of ordering twice. Then POST /order/placeorder, or /order/placeOSO for
 *   an entry with a take profit and/or stop loss (its exits carry the entry's id + "-tp"/"-sl").
 *   A closing (reduce-only) order is checked against the position first (Tradovate has no
 *   reduce-only flag, so an order that would open or flip a position is refused here), and the
 *   symbol's working exits on the closing side are canceled before it is sent.
 * - Flatten (Position Close / Close All and exit alerts) is a closing market order with a client
 *   order id, not /order/liquidateposition: that command carries no clOrdId, so after a lost
 *   answer it could not be read back and a second liquidation could not be told from the first.
 * - cancelOrder: POST /order/cancelorder, then the order read again.
 * - getPosition / listPositions: GET /position/list, the account's net position per contract.
 * - getAccount: POST /cashBalance/getcashbalancesnapshot (USD).
 * - Errors: tradovate-errors.ts; no password, secret or token in any message.
 */
export class TradovateBroker implements Broker {
	readonly name = TRADOVATE.id;
	readonly capabilities: BrokerCapabilities = TRADOVATE.capabilities;

	private readonly api: TradovateApi;
	private readonly session: TradovateSession;
	private readonly config: TradovateConfig;

	constructor(http: HttpPort, config: TradovateConfig, options: TradovateBrokerOptions = {}) {
		this.config = checkedTradovateConfig(config);
		const baseUrl = tradovateBaseUrl(this.config);
		this.session = options.session ?? sharedTradovateSession(this.config, baseUrl);
		this.api = new TradovateApi(http, this.session.tokens, baseUrl);
	}

	async previewOrder(intent: OrderIntent): Promise<OrderPreview> {
		const { path, body } = await this.orderRequest(intent);
		return { method: 'POST', path, body };
	}

	async placeOrder(intent: OrderIntent): Promise<BrokerOrder> {
		const request = await this.orderRequest(intent);
		const existing = await this.getOrderByClientId(intent.clientOrderId);
		if (existing !== null) {
			throw new DuplicateClientOrderIdError(
				`Tradovate already has order ${existing.brokerOrderId} (${existing.status}) with client order id ${intent.clientOrderId}`,
				errorDetails(TRADOVATE.id),
			);
		}
		if (intent.reduceOnly) await this.releaseExits(intent);
		const orderId = await this.api.command(request.path, request.body, parsePlacedOrderId);
		return (await readOrder(this.api, this.session, orderId, intent.clientOrderId)).order;
	}

	async getOrderByClientId(clientOrderId: string): Promise<BrokerOrder | null> {
		const account = await this.account();
		const orderId = orderIdFor(await commandList(this.api), clientOrderId);
		if (orderId === null) return null;
		const read = await readOrder(this.api, this.session, orderId, clientOrderId);
		return read.accountId === account.id ? read.order : null;
	}

	/** The take profit and stop loss placed with a bracket entry (placeOSO), as they stand. */
	async exitsOf(entry: OrderIntent): Promise<BrokerOrder[]> {
		const ids = exitClientOrderIds(entry.clientOrderId);
		const wanted = [entry.takeProfitPrice !== null ? ids.takeProfit : null, entry.stopLossPrice !== null ? ids.stopLoss : null];
		const exits: BrokerOrder[] = [];
		for (const id of wanted) {
			const order = id === null ? null : await this.getOrderByClientId(id);
			if (order !== null) exits.push(order);
		}
		return exits;
	}

	async cancelOrder(clientOrderId: string): Promise<BrokerOrder> {
		const order = await this.getOrderByClientId(clientOrderId);
		if (order === null) throw new OrderNotFoundError(`Tradovate has no order with client order id ${clientOrderId}`, errorDetails(TRADOVATE.id));
		if (!['new', 'open', 'partially_filled'].includes(order.status)) return order;
		await this.api.command('/order/cancelorder', { orderId: Number(order.brokerOrderId), isAutomated: true }, () => null);
		return (await readOrder(this.api, this.session, Number(order.brokerOrderId), clientOrderId)).order;
	}

	/** The account's working orders placed with a client order id (orders placed by hand have none). */
	async listOpenOrders(symbol?: string): Promise<BrokerOrder[]> {
		const account = await this.account();
		const contractId = symbol === undefined ? null : (await resolveContract(this.api, this.session, symbol)).id;
		const working = (await this.api.read('GET', '/order/list', parseOrderEntities)).filter(
			(order) => order.accountId === account.id && WORKING_STATUSES.has(order.ordStatus) && (contractId === null || order.contractId === contractId),
		);
		if (working.length === 0) return [];
		const clientIds = new Map<number, string>();
		for (const command of (await commandList(this.api)).sort((a, b) => a.id - b.id)) {
			if (command.commandType === 'New' && command.clOrdId !== null) clientIds.set(command.orderId, command.clOrdId);
		}
		const orders: BrokerOrder[] = [];
		for (const entity of working) {
			const clientOrderId = clientIds.get(entity.id);
			if (clientOrderId !== undefined) orders.push((await completeOrder(this.api, this.session, entity, clientOrderId)).order);
		}
		return orders;
	}

	async getPosition(symbol: string): Promise<BrokerPosition | null> {
		const contract = await resolveContract(this.api, this.session, symbol);
		const held = (await this.positions()).find((position) => position.contractId === contract.id);
		return held === undefined ? null : { symbol: contract.name, quantity: held.netPos, averagePrice: held.netPrice ?? 0 };
	}

	async listPositions(): Promise<BrokerPosition[]> {
		const positions: BrokerPosition[] = [];
		for (const held of await this.positions()) {
			positions.push({ symbol: await contractName(this.api, this.session, held.contractId), quantity: held.netPos, averagePrice: held.netPrice ?? 0 });
		}
		return positions;
	}

	async getAccount(): Promise<BrokerAccount> {
		const account = await this.account();
		const snapshot = await this.api.command('/cashBalance/getcashbalancesnapshot', { accountId: account.id }, parseCashSnapshot);
		return {
			currency: 'USD',
			cash: snapshot.totalCashValue,
			equity: snapshot.netLiq,
			// What the margin already used leaves: Tradovate reports no buying power of its own here.
			buyingPower: snapshot.netLiq - snapshot.initialMargin,
			realisedPnl: snapshot.realizedPnL,
		};
	}

	private async orderRequest(intent: OrderIntent) {
		const account = await this.account();
		const contract = await resolveContract(this.api, this.session, intent.symbol);
		return tradovateOrderBody(intent, account, contract);
	}

	private async account(): Promise<TradovateAccountRef> {
		return await tradovateAccount(this.api, this.session, this.config.account);
	}

	/** The account's open net positions (flat ones left out). */
	private async positions(): Promise<TradovatePositionEntity[]> {
		const account = await this.account();
		return (await this.api.read('GET', '/position/list', parsePositions)).filter((position) => position.accountId === account.id && position.netPos !== 0);
	}

	/**
	 * Before a closing order: the position must be one it shrinks, and the working orders on the
	 * closing side that Broker Order placed (a bracket's take profit and stop loss) are canceled
	 * first, since once the position is flat they would open a new one. The position is read again
	 * afterwards, as an exit may have filled meanwhile.
	 */
	private async releaseExits(intent: OrderIntent): Promise<void> {
		await this.checkReduces(intent);
		const closingSide = (await this.listOpenOrders(intent.symbol)).filter((order) => order.side === intent.side);
		if (closingSide.length === 0) return;
		for (const order of closingSide) await this.cancelOrder(order.clientOrderId);
		await this.checkReduces(intent);
	}

	/** A closing order must shrink the position it closes: never open or flip one. */
	private async checkReduces(intent: OrderIntent): Promise<void> {
		const held = (await this.getPosition(intent.symbol))?.quantity ?? 0;
		const reduces = intent.side === 'sell' ? held > 0 : held < 0;
		if (!reduces || intent.quantity > Math.abs(held)) {
			throw new InvalidOrderError(
				`a closing ${intent.side} of ${intent.quantity} ${intent.symbol} would not only reduce the Tradovate position of ${held}: refused (Tradovate has no reduce-only orders)`,
				errorDetails(TRADOVATE.id),
			);
		}
	}
}
