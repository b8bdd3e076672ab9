import type { Broker, BrokerAccount, BrokerCapabilities, BrokerOrder, BrokerPosition, OrderIntent, OrderPreview } from '../broker';
import {
	BrokerError,
	BrokerUnavailableError,
	DuplicateClientOrderIdError,
	InvalidOrderError,
	OrderNotFoundError,
	RateLimitedError,
	UnsupportedError,
} from '../broker-errors';
import type { CcxtExchangeConfig } from './ccxt-config';
import { captureAnswers } from './ccxt-error-capture';
import { brokerErrorFor, errorDetails, type ErrorMapping } from './ccxt-errors';
import { decimalBelow, decimalText } from './ccxt-decimal';
import { parseExitClientId } from './ccxt-exit-ids';
import type { ExitContext } from './ccxt-exits';
import { checkIntent } from './ccxt-intent';
import { ccxtExchange } from './ccxt-exchanges';
import { orderAmounts } from './ccxt-order-amounts';
import { redactorFor } from '../base/redact';
import { freeAmount } from './ccxt-spot-holdings';
import { findMarket } from './ccxt-symbols';
import type { CcxtErrorClasses, CcxtExchange, CcxtMarket, CcxtOrder } from './ccxt-types';
import { PayloadError } from '../base/payload';
import { type CcxtVenue } from './ccxt-venue';
import { genericVenue } from './generic-venue';

export type { CcxtExchangeConfig } from './ccxt-config';

/*
 * A ccxt exchange instance behind the Broker seam: any exchange ccxt supports (createCcxtBroker),
 * and the brokers built on it, Binance spot and USD-M (binance/binance-broker.ts), Bybit and OKX.
 * ccxt signs every request; the venue (generic-venue.ts, binance/binance-venue.ts…) says how
 * intents, look-ups and answers go for it.
 *
 * - Markets are loaded once per broker (Binance: one GET /api/v3/exchangeInfo, or
 *   /fapi/v1/exchangeInfo), on first need; a failed load is tried again on the next call.
 * - placeOrder: the intent is checked and rounded to the market's steps, and refused below the
 *   market's minimums, before anything is sent (ccxt-intent.ts, ccxt-order-amounts.ts). Then the
 *   exchange is asked for the client order id: an order already there is
 *   DuplicateClientOrderIdError (the caller reads it back) — Binance would otherwise take a
 *   resend of an order that is no longer open as a new order. A reduce-only spot sell goes for
 *   exactly its quantity, refused beyond the base asset's free balance (ccxt-spot-holdings.ts). An error after the order was sent keeps its class: retryable ones
 *   (no answer, 5xx, 429) are retried by placeOnce after a read-back; an answer that cannot be
 *   read is a retryable BrokerUnavailableError, since the order may have been taken.
 * - getOrderByClientId / cancelOrder need the order's symbol (Binance looks orders up per
 *   symbol): the symbol of every order placed or listed through this broker is remembered, the
 *   `orderSymbol` option may supply others (e.g. from the order journal), and otherwise the
 *   exchange's open orders are searched. An order none of these finds is an UnsupportedError for
 *   getOrderByClientId (the exchange cannot be asked without its symbol), an OrderNotFoundError
 *   for cancelOrder (only open orders can be cancelled).
 * - No error message or detail carries the API key, the secret, the password or a signed query.
 */

export interface CcxtBrokerOptions {
	/** The symbol of an order not placed through this broker instance, when the caller knows it. */
	orderSymbol?: (clientOrderId: string) => Promise<string | null> | string | null;
}

export class CcxtBroker implements Broker {
	readonly name: string;
	readonly capabilities: BrokerCapabilities;
	/** Present where the venue places exits after the entry fills (Binance spot and USD-M). */
	readonly attachExits?: (intent: OrderIntent, entry: BrokerOrder) => Promise<BrokerOrder[]>;
	/** Present where the venue can move its stop losses (Binance spot and USD-M). */
	readonly moveStopsToBreakeven?: (symbol: string) => Promise<BrokerOrder[]>;

	/** A #private field: the instance holds the credential, and JSON.stringify or util.inspect of the broker must not show it. */
	readonly #exchange: CcxtExchange;
	private readonly errors: ErrorMapping;
	private readonly symbolsByClientId = new Map<string, CcxtMarket>();
	private markets: Promise<CcxtMarket[]> | null = null;

	constructor(
		exchange: CcxtExchange,
		private readonly venue: CcxtVenue,
		ccxt: CcxtErrorClasses,
		secrets: readonly (string | undefined)[],
		private readonly options: CcxtBrokerOptions = {},
	) {
		this.#exchange = exchange;
		this.name = venue.description.id;
		this.capabilities = venue.description.capabilities;
		this.errors = { broker: venue.description.id, label: venue.description.label, exchangeId: exchange.id, ccxt, redact: redactorFor(secrets), table: venue.errorTable };
		captureAnswers(exchange);
		const exits = venue.exits;
		if (exits?.attach !== undefined) {
			const attach = exits.attach;
			this.attachExits = async (intent, entry) => {
				checkIntent(intent, this.venue);
				const market = await this.marketFor(intent.symbol, true);
				this.symbolsByClientId.set(entry.clientOrderId, market);
				return this.remembered(market, await this.call(async () => await attach(this.exitContext(market), intent, entry)));
			};
		}
		if (exits?.breakeven !== undefined) {
			const breakeven = exits.breakeven;
			this.moveStopsToBreakeven = async (symbol) => {
				const market = await this.marketFor(symbol, true);
				return this.remembered(market, await this.call(async () => await breakeven(this.exitContext(market))));
			};
		}
	}

	async previewOrder(intent: OrderIntent): Promise<OrderPreview> {
		checkIntent(intent, this.venue);
		const market = await this.marketFor(intent.symbol, true);
		const amounts = orderAmounts(this.#exchange, market, intent, this.venue);
		const request = await this.call(async () => await this.venue.orderRequest(intent, market, amounts, this.#exchange));
		if (intent.reduceOnly && !this.venue.contracts) await this.checkSpotReduceOnly(intent, market, amounts.quantity, false);
		await this.call(async () => await this.venue.checkOrder?.(this.#exchange, market, intent, Number(amounts.quantity)));
		return { method: 'createOrder', path: `${this.venue.description.label} ${market.symbol}`, body: request };
	}

	async placeOrder(intent: OrderIntent): Promise<BrokerOrder> {
		checkIntent(intent, this.venue);
		const market = await this.marketFor(intent.symbol, true);
		const amounts = orderAmounts(this.#exchange, market, intent, this.venue);
		const request = await this.call(async () => await this.venue.orderRequest(intent, market, amounts, this.#exchange));
		this.symbolsByClientId.set(intent.clientOrderId, market);
		if (this.venue.canFindByClientId && (await this.findOrder(intent.clientOrderId, market)) !== null) {
			throw new DuplicateClientOrderIdError(
				`${this.venue.description.label} already has an order with client order id ${intent.clientOrderId}`,
				errorDetails(this.venue.description.id),
			);
		}
		if (intent.reduceOnly && !this.venue.contracts) await this.checkSpotReduceOnly(intent, market, amounts.quantity, true);
		await this.call(async () => await this.venue.checkOrder?.(this.#exchange, market, intent, Number(amounts.quantity)));
		const release = this.venue.exits?.release;
		if (intent.reduceOnly && this.venue.contracts && release !== undefined) await this.call(async () => await release(this.exitContext(market), intent));
		const prepare = this.venue.prepareOrder;
		if (prepare !== undefined) await this.call(async () => await prepare(this.#exchange, market));
		let created: CcxtOrder;
		try {
			created = await this.#exchange.createOrder(market.symbol, request.type, request.side, request.amount, request.price, request.params);
		} catch (error) {
			throw this.placementError(error);
		}
		const confirm = this.venue.confirmPlaced;
		if (confirm !== undefined) created = await this.call(async () => await confirm(this.#exchange, market, created, intent.clientOrderId, request));
		return this.readOrder(created, market, intent.clientOrderId);
	}

	async getOrderByClientId(clientOrderId: string): Promise<BrokerOrder | null> {
		const id = this.venue.checkClientOrderId(clientOrderId);
		const market = await this.marketOfOrder(id);
		if (market !== null) {
			const found = await this.findOrder(id, market);
			return found === null ? null : this.readOrder(found, market, id);
		}
		const open = await this.openOrderWithId(id);
		if (open !== null) return open;
		throw new UnsupportedError(
			`${this.venue.description.label} finds an order by client order id only within its symbol, and the symbol of ${id} is not known here (it is not open and was not placed through this broker)`,
			errorDetails(this.venue.description.id),
		);
	}

	async cancelOrder(clientOrderId: string): Promise<BrokerOrder> {
		const id = this.venue.checkClientOrderId(clientOrderId);
		let market = await this.marketOfOrder(id);
		if (market === null) {
			const open = await this.openOrderWithId(id);
			if (open === null) throw new OrderNotFoundError(`${this.venue.description.label} has no open order with client order id ${id}`, errorDetails(this.venue.description.id));
			market = await this.marketFor(open.symbol);
		}
		return await this.cancelIn(id, market);
	}

	async listOpenOrders(symbol?: string): Promise<BrokerOrder[]> {
		const market = symbol === undefined ? undefined : await this.marketFor(symbol);
		const markets = await this.loadedMarkets();
		const orders = await this.call(() => this.#exchange.fetchOpenOrders(market?.symbol));
		const exits = this.venue.openExitOrders;
		if (exits !== undefined) orders.push(...(await this.call(async () => await exits(this.#exchange, market))));
		return orders.map((order) => {
			const parsed = this.parse(order, market, 'open order');
			const known = market ?? markets.find((entry) => this.venue.symbolOf(entry) === parsed.symbol);
			if (known !== undefined) this.symbolsByClientId.set(parsed.clientOrderId, known);
			return parsed;
		});
	}

	async getPosition(symbol: string): Promise<BrokerPosition | null> {
		const market = await this.marketFor(symbol);
		const markets = await this.loadedMarkets();
		const positions = await this.call(() => this.venue.positions(this.#exchange, markets, market));
		return positions[0] ?? null;
	}

	async listPositions(): Promise<BrokerPosition[]> {
		const markets = await this.loadedMarkets();
		return await this.call(() => this.venue.positions(this.#exchange, markets, undefined));
	}

	async getAccount(): Promise<BrokerAccount> {
		const markets = await this.loadedMarkets();
		return await this.call(() => this.venue.account(this.#exchange, markets));
	}

	/** Exit orders are found later by their client order id, within their market. */
	private remembered(market: CcxtMarket, orders: BrokerOrder[]): BrokerOrder[] {
		for (const order of orders) this.symbolsByClientId.set(order.clientOrderId, market);
		return orders;
	}

	private exitContext(market: CcxtMarket): ExitContext {
		return { exchange: this.#exchange, market, symbol: this.venue.symbolOf(market), mapError: (error) => this.mapped(error) };
	}

	private async cancelIn(id: string, market: CcxtMarket): Promise<BrokerOrder> {
		try {
			await this.venue.cancelByClientId(this.#exchange, market, id);
		} catch (error) {
			const mapped = this.mapped(error);
			if (!(mapped instanceof OrderNotFoundError)) throw mapped;
			const existing = await this.findOrder(id, market);
			if (existing === null) throw new OrderNotFoundError(`${this.venue.description.label} has no order with client order id ${id}`, mapped.details);
			const order = this.readOrder(existing, market, id);
			// one leg of an order list cancels its sibling with it: a second cancel finds it done
			if (order.status === 'canceled') return order;
			throw new InvalidOrderError(`${this.venue.description.label} cannot cancel order ${id}: it is ${order.status}`, mapped.details);
		}
		const after = await this.findOrder(id, market);
		if (after === null) {
			throw new BrokerUnavailableError(`${this.venue.description.label} cancelled order ${id} but no longer finds it`, errorDetails(this.venue.description.id));
		}
		return this.readOrder(after, market, id);
	}

	/** The order with this client order id in `market`, or null when the exchange says it has none. */
	private async findOrder(clientOrderId: string, market: CcxtMarket): Promise<CcxtOrder | null> {
		try {
			return await this.venue.findByClientId(this.#exchange, market, clientOrderId);
		} catch (error) {
			const mapped = this.mapped(error);
			if (this.venue.meansNoSuchOrder(mapped)) return null;
			throw mapped;
		}
	}

	/**
	 * A reduce-only spot order sells exactly its quantity of coins held: a buy, or a sell of more
	 * than the free balance of the base asset (coins locked in open orders cannot be sold), is
	 * refused. Only the balance is read: an exit never waits on a price. When `releasing` and the
	 * venue keeps exits, coins locked by open sells (the entry's take profit / stop loss) are freed
	 * first by cancelling them (venue.exits.release), and the balance read again.
	 */
	private async checkSpotReduceOnly(intent: OrderIntent, market: CcxtMarket, quantity: string, releasing: boolean): Promise<void> {
		const symbol = this.venue.symbolOf(market);
		if (intent.side !== 'sell') {
			throw new InvalidOrderError(`a reduce-only ${intent.side} of ${quantity} ${symbol} cannot reduce the ${this.venue.description.label} spot holding: only a sell can`, errorDetails(this.venue.description.id));
		}
		let free = freeAmount(await this.call(() => this.#exchange.fetchBalance()), market.base);
		const release = this.venue.exits?.release;
		if (releasing && release !== undefined && decimalBelow(decimalText(free), quantity)) {
			// the coins are locked by open sells (the entry's take profit / stop loss): the exit supersedes them
			await this.call(async () => await release(this.exitContext(market), intent));
			free = freeAmount(await this.call(() => this.#exchange.fetchBalance()), market.base);
		}
		if (!decimalBelow(decimalText(free), quantity)) return;
		throw new InvalidOrderError(
			`a reduce-only sell of ${quantity} ${symbol} is more than the ${decimalText(free)} ${market.base} free on ${this.venue.description.label} (coins locked in open orders cannot be sold)`,
			errorDetails(this.venue.description.id),
		);
	}

	private async openOrderWithId(clientOrderId: string): Promise<BrokerOrder | null> {
		const open = await this.listOpenOrders();
		return open.find((order) => order.clientOrderId === clientOrderId) ?? null;
	}

	private async marketOfOrder(clientOrderId: string): Promise<CcxtMarket | null> {
		const remembered = this.symbolsByClientId.get(clientOrderId);
		if (remembered !== undefined) return remembered;
		// an exit (<entry>-tp, -sl, …) trades in its entry's symbol, which the journal knows
		const entryId = parseExitClientId(clientOrderId)?.entry;
		const known = entryId === undefined ? undefined : this.symbolsByClientId.get(entryId);
		if (known !== undefined) return known;
		const asked = entryId ?? clientOrderId;
		const symbol = this.options.orderSymbol === undefined ? null : await this.options.orderSymbol(asked);
		return typeof symbol === 'string' && symbol.trim() !== '' ? await this.marketFor(symbol) : null;
	}

	/** The market for a symbol; `trading`: only one the exchange still trades (reads may name a halted or delisted one). */
	private async marketFor(symbol: string, trading = false): Promise<CcxtMarket> {
		if (typeof symbol !== 'string' || symbol.trim() === '') {
			throw new InvalidOrderError('a symbol is required', errorDetails(this.venue.description.id));
		}
		await this.loadedMarkets();
		const market = findMarket(
			{
				markets: this.#exchange.markets ?? {},
				byId: this.#exchange.markets_by_id ?? {},
				accepts: (entry) => this.venue.accepts(entry),
				contracts: this.venue.contracts,
			},
			symbol,
		);
		if (market === null) {
			throw new InvalidOrderError(`${this.venue.description.label} has no market ${symbol.trim()} that this broker trades`, errorDetails(this.venue.description.id));
		}
		if (trading && market.active === false) {
			throw new InvalidOrderError(`${this.venue.description.label} market ${this.venue.symbolOf(market)} is not trading`, errorDetails(this.venue.description.id));
		}
		return market;
	}

	/** Loaded once per broker; a failed load is not kept, so the next call tries again. */
	private async loadedMarkets(): Promise<CcxtMarket[]> {
		if (this.markets === null) {
			// reload: ccxt keeps a failed load's promise and would answer every later call with it
			this.markets = this.call(() => this.#exchange.loadMarkets(true)).then((markets) =>
				Object.values(markets).filter((market) => this.venue.accepts(market)),
			);
			this.markets.catch(() => {
				this.markets = null;
			});
		}
		return await this.markets;
	}

	private readOrder(order: CcxtOrder, market: CcxtMarket | undefined, clientOrderId: string): BrokerOrder {
		const parsed = this.parse(order, market, 'order');
		if (parsed.clientOrderId !== clientOrderId) {
			throw new BrokerUnavailableError(
				this.errors.redact(`${this.venue.description.label} answered with order ${parsed.clientOrderId} for client order id ${clientOrderId}`),
				errorDetails(this.venue.description.id),
			);
		}
		return parsed;
	}

	private parse(order: CcxtOrder, market: CcxtMarket | undefined, what: string): BrokerOrder {
		try {
			return this.venue.parseOrder(order, market);
		} catch (error) {
			if (!(error instanceof PayloadError)) throw error;
			throw new BrokerUnavailableError(
				this.errors.redact(`${this.venue.description.label} answered but the ${what} in it could not be read: ${error.message}`),
				errorDetails(this.venue.description.id),
			);
		}
	}

	/**
	 * An error from createOrder. Anything not recognised (e.g. ccxt failing to read the answer)
	 * may have come after the exchange took the order: BrokerUnavailableError, read back before
	 * any retry. Where the exchange cannot be asked for the client order id, a retry could place
	 * the order twice, so only a rate-limit refusal (the order was not taken) stays retryable.
	 */
	private placementError(error: unknown): BrokerError {
		const mapped = this.mapped(error);
		const unknownOutcome = mapped.constructor === BrokerError && !(error instanceof this.errors.ccxt.BaseError);
		const result = unknownOutcome ? new BrokerUnavailableError(mapped.message, mapped.details) : mapped;
		if (result.retryable && !this.venue.canFindByClientId && !(result instanceof RateLimitedError)) {
			return new BrokerError(
				`${result.message} — ${this.venue.description.label} may or may not have taken the order, and it cannot be looked up by client order id: check at the exchange before sending it again`,
				result.details,
			);
		}
		return result;
	}

	private mapped(error: unknown): BrokerError {
		if (error instanceof PayloadError) {
			return new BrokerUnavailableError(this.errors.redact(`${this.venue.description.label} answered but it could not be read: ${error.message}`), errorDetails(this.venue.description.id));
		}
		return brokerErrorFor(error, this.errors);
	}

	private async call<T>(work: () => Promise<T>): Promise<T> {
		try {
			return await work();
		} catch (error) {
			throw this.mapped(error);
		}
	}
}

/** A broker for any exchange ccxt supports, by its ccxt id (an unknown id is an InvalidOrderError naming it). */
export function createCcxtBroker(config: CcxtExchangeConfig, options: CcxtBrokerOptions = {}): CcxtBroker {
	const { exchange, ccxt } = ccxtExchange(config);
	const venue = genericVenue(exchange, { market: config.market || 'spot', quoteAsset: config.quoteAsset || 'USDT' });
	return new CcxtBroker(exchange, venue, ccxt, [config.apiKey, config.secret, config.password, config.uid], options);
}
