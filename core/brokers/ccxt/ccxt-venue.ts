import type { BrokerAccount, BrokerOrder, BrokerPosition, OrderIntent } from '../broker';
import type { BrokerError } from '../broker-errors';
import type { BrokerDescription } from '../base/description';
import type { ErrorTable } from '../base/error-table';
import type { VenueExits } from './ccxt-exits';
import type { CcxtExchange, CcxtMarket, CcxtOrder, CcxtParams } from './ccxt-types';

/*
 * What differs between exchanges behind the one CcxtBroker: which markets it trades, how an
 * intent becomes ccxt's createOrder arguments, how an order is found by client order id, how
 * answers are read, and how positions and the account are reported. generic-venue.ts,
 * perpetual-venue.ts and the venues built on them (binance/, bybit/, okx/) implement it.
 */

/** An intent's quantity and prices, rounded to the market's steps (decimal text, as sent). */
export interface OrderAmounts {
	/** In the exchange's unit (contracts where the venue has a contractSize). */
	quantity: string;
	limitPrice: string | null;
	stopPrice: string | null;
}

/** The arguments of ccxt's createOrder(symbol, type, side, amount, price, params). */
export interface CcxtOrderRequest {
	type: string;
	side: 'buy' | 'sell';
	amount: number;
	price: number | undefined;
	params: CcxtParams;
}

/** How the rules the amounts are checked against are named in messages. */
export interface RuleNames {
	/** e.g. "LOT_SIZE step" */
	quantityStep: string;
	/** e.g. "LOT_SIZE minimum quantity" */
	minimumQuantity: string;
	/** e.g. "PRICE_FILTER tick" */
	priceTick: string;
}

export interface NotionalRule {
	/** The minimum, decimal text, in the quote currency. */
	minimum: string;
	/** The rule's name for messages, e.g. "NOTIONAL", "MIN_NOTIONAL". */
	name: string;
}

export interface CcxtVenue {
	/**
	 * What the broker is: its id (Broker.name and `details.broker`: 'binance', or the ccxt
	 * exchange id), the label messages name it by, and its capabilities (Broker.capabilities).
	 */
	readonly description: BrokerDescription;
	/** Whether the venue trades contracts (positions are signed) rather than spot balances. */
	readonly contracts: boolean;
	readonly ruleNames: RuleNames;
	/** Whether an order can be found by its client order id (see findByClientId). */
	readonly canFindByClientId: boolean;
	/** Exits the venue keeps (take profit, stop loss, trailing stop); absent: none (ccxt-exits.ts). */
	readonly exits?: VenueExits;
	/** Decides errors by the exchange's own code, when the venue knows its codes. */
	readonly errorTable?: ErrorTable;

	/** Base units per unit of the exchange's order quantity (OKX swaps: ctVal); absent: 1, quantities are base units. */
	contractSize?(market: CcxtMarket): number;
	/** Whether orders may go to this market (spot only, USD-M linear contracts only…). */
	accepts(market: CcxtMarket): boolean;
	/** The symbol orders and positions are reported with. */
	symbolOf(market: CcxtMarket): string;
	/** The client order id, checked against the exchange's rules (InvalidOrderError otherwise). */
	checkClientOrderId(clientOrderId: string): string;
	/** The minimum notional an order must reach, or null when none applies to this order. */
	notionalRule(market: CcxtMarket, intent: OrderIntent): NotionalRule | null;
	/** createOrder's arguments; throws UnsupportedError for what the venue does not place. May read the exchange (Binance USD-M: its position mode). */
	orderRequest(intent: OrderIntent, market: CcxtMarket, amounts: OrderAmounts, exchange: CcxtExchange): CcxtOrderRequest | Promise<CcxtOrderRequest>;
	/** Settings the account needs before the order is sent, placeOrder only (Bybit, OKX: the leverage, once per symbol). */
	prepareOrder?(exchange: CcxtExchange, market: CcxtMarket): Promise<void>;
	/** The order as placed, where createOrder answers with its ids only (Bybit, OKX): read back, else built from the request. */
	confirmPlaced?(exchange: CcxtExchange, market: CcxtMarket, created: CcxtOrder, clientOrderId: string, request: CcxtOrderRequest): Promise<CcxtOrder>;
	/** Checks against the account, after the duplicate look-up and before sending (Binance USD-M hedge exits); throws to refuse. */
	checkOrder?(exchange: CcxtExchange, market: CcxtMarket, intent: OrderIntent, quantity: number): Promise<void>;
	/** The order with this client order id in this market, or null; throws ccxt's exceptions. */
	findByClientId(exchange: CcxtExchange, market: CcxtMarket, clientOrderId: string): Promise<CcxtOrder | null>;
	/** Whether a mapped error from findByClientId means "the exchange has no such order". */
	meansNoSuchOrder(error: BrokerError): boolean;
	cancelByClientId(exchange: CcxtExchange, market: CcxtMarket, clientOrderId: string): Promise<void>;
	/** Open exit orders the exchange keeps apart from its order book listing (Binance USD-M algo orders), as `{ info }`. */
	openExitOrders?(exchange: CcxtExchange, market: CcxtMarket | undefined): Promise<CcxtOrder[]>;
	/** ccxt's order → ours; throws PayloadError (base/payload.ts) when it cannot be read. */
	parseOrder(order: CcxtOrder, market: CcxtMarket | undefined): BrokerOrder;
	/** Every position (market undefined), or the one in `market` (an empty list for none). */
	positions(exchange: CcxtExchange, markets: readonly CcxtMarket[], market: CcxtMarket | undefined): Promise<BrokerPosition[]>;
	/** The account; `markets` are those the venue accepts (spot holdings are valued through them). */
	account(exchange: CcxtExchange, markets: readonly CcxtMarket[]): Promise<BrokerAccount>;
}

