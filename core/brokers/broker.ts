import type { OrderSide } from '../signal/normalised-alert';

// The one seam every broker adapter implements, the built-in Paper broker included.

export const BROKER_ORDER_TYPES = ['market', 'limit', 'stop', 'stop_limit'] as const;
export const BROKER_TIME_IN_FORCE = ['day', 'gtc', 'ioc', 'fok', 'opg', 'cls'] as const;
export const ORDER_STATUSES = [
	'new',
	'open',
	'partially_filled',
	'filled',
	'canceled',
	'rejected',
	'expired',
] as const;

export type BrokerOrderType = (typeof BROKER_ORDER_TYPES)[number];
export type BrokerTimeInForce = (typeof BROKER_TIME_IN_FORCE)[number];
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** What to send: built and validated before any broker is called. */
export interface OrderIntent {
	/** Idempotency key: the same intent always carries the same id, so a retry never doubles. */
	clientOrderId: string;
	symbol: string;
	side: OrderSide;
	quantity: number;
	type: BrokerOrderType;
	limitPrice: number | null;
	stopPrice: number | null;
	timeInForce: BrokerTimeInForce;
	/** Bracket legs, where the broker supports them. */
	takeProfitPrice: number | null;
	stopLossPrice: number | null;
	/**
	 * A trailing stop-loss attached to the entry instead of stopLossPrice: it trails the best
	 * price since the fill by this amount (price units) or percent. Only brokers whose
	 * capabilities say `trailingStops` take it; absent means none.
	 */
	trailingStop?: TrailingStop | null;
	/** Only reduce an existing position (closing orders). */
	reduceOnly: boolean;
	/** The alert's price: the Paper broker fills market orders at it. */
	referencePrice: number | null;
	alertId: string | null;
}

/** Exactly one of amount (in price units) and percent is set. */
export interface TrailingStop {
	amount: number | null;
	percent: number | null;
}

export interface BrokerOrder {
	brokerOrderId: string;
	clientOrderId: string;
	symbol: string;
	side: OrderSide;
	type: BrokerOrderType;
	quantity: number;
	limitPrice: number | null;
	stopPrice: number | null;
	status: OrderStatus;
	filledQuantity: number;
	averageFillPrice: number | null;
	createdAt: string;
}

export interface BrokerPosition {
	symbol: string;
	/** Signed: long > 0, short < 0. */
	quantity: number;
	/** 0 where the broker does not report one (spot holdings). */
	averagePrice: number;
	/**
	 * The position's current price per unit, where the adapter knows it (spot holdings are valued
	 * at the exchange's last price). Risk rules value a position at this, else at averagePrice.
	 */
	marketPrice?: number | null;
	/** The position's unrealised P&L as the broker reports it (in the account's currency); absent where it does not. */
	unrealisedPnl?: number | null;
}

export interface BrokerAccount {
	currency: string;
	cash: number;
	equity: number;
	buyingPower: number;
	realisedPnl: number | null;
}

export interface BrokerCapabilities {
	orderTypes: readonly BrokerOrderType[];
	brackets: boolean;
	/** Takes OrderIntent.trailingStop (a trailing stop-loss attached to the entry). Absent: no. */
	trailingStops?: boolean;
	/**
	 * Moves the working stop losses of a position to its average price (a breakeven alert): the
	 * broker implements moveStopsToBreakeven. Absent: no.
	 */
	breakevenStops?: boolean;
	shortSelling: boolean;
	/**
	 * How long the broker refuses a second order with a client order id it has seen: `forever`
	 * (a resend can never double), or only `while_open` (once the first order is filled or gone,
	 * a resend would be a new order, so nothing may be resent before a read-back). Absent means
	 * `while_open`, the careful assumption. `never`: the broker takes a reused id (the adapter reads
	 * the id back before every placement; nothing is resent before a read-back).
	 */
	clientOrderIdUnique?: 'forever' | 'while_open' | 'never';
	/**
	 * Takes OrderIntent.reduceOnly as an order that may only shrink the position: by a flag of the
	 * broker's, or checked against the position before sending. Absent: not known to.
	 */
	reduceOnly?: boolean;
	/** Can hold a long and a short of one symbol side by side (positions are not netted). Absent: no. */
	hedgeMode?: boolean;
	/** Takes quantities below one unit (fractional shares, coins). Absent: not known to. */
	fractional?: boolean;
	/**
	 * Fills at the prices the node reports to it (the alert's price, Price Update) instead of at a
	 * market of its own: the Paper broker, which then implements PriceObserver. Absent: no.
	 */
	fillsAtReportedPrices?: boolean;
}

/** The exact request a broker would be sent for an order (dry run): nothing is sent. */
export interface OrderPreview {
	method: string;
	path: string;
	body: unknown;
}

export interface Broker {
	readonly name: string;
	readonly capabilities: BrokerCapabilities;
	/**
	 * Places the order; throws `DuplicateClientOrderIdError` when the broker already has an order
	 * with this client order id (the caller reads it back instead of ordering twice).
	 */
	placeOrder(intent: OrderIntent): Promise<BrokerOrder>;
	/**
	 * Builds and validates the exact order request, as placeOrder would before sending it (broker
	 * reads such as markets or positions allowed), and returns it without sending anything.
	 */
	previewOrder(intent: OrderIntent): Promise<OrderPreview>;
	getOrderByClientId(clientOrderId: string): Promise<BrokerOrder | null>;
	cancelOrder(clientOrderId: string): Promise<BrokerOrder>;
	listOpenOrders(symbol?: string): Promise<BrokerOrder[]>;
	getPosition(symbol: string): Promise<BrokerPosition | null>;
	listPositions(): Promise<BrokerPosition[]>;
	getAccount(): Promise<BrokerAccount>;
	/**
	 * Moves the working stop-loss exits of the symbol's position to its average price, never
	 * loosening one; returns them as they stand. Every broker whose capabilities say
	 * `breakevenStops` implements it (and only those are asked to).
	 */
	moveStopsToBreakeven?(symbol: string): Promise<BrokerOrder[]>;
	/**
	 * Places the exits of a filled entry that the broker could not take with the entry itself
	 * (e.g. an OCO after a spot fill, a trailing stop after an equity fill). Each exit carries a
	 * client order id derived from the entry's in the form the broker accepts, so a second call for
	 * the same entry reads them back instead of placing them twice. Returns the exits as they stand; none
	 * when placeOrder attached them all. Only brokers that need it implement it.
	 */
	attachExits?(intent: OrderIntent, entry: BrokerOrder): Promise<BrokerOrder[]>;
	/**
	 * The exits the broker placed together with the entry (its bracket legs), as they stand, so
	 * the order journal records them and Reconcile counts their fills. Brokers that keep bracket
	 * legs as orders of their own implement it.
	 */
	exitsOf?(entry: OrderIntent): Promise<BrokerOrder[]>;
	/**
	 * Whether attachExits has anything to place for this entry, so the entry's fill is waited for
	 * only then (Alpaca: a trailing stop, but not a bracket it took with the entry). Absent: every
	 * entry with exits.
	 */
	exitsAfterFill?(intent: OrderIntent): boolean;
}

/** Whether the intent carries exits (take profit, stop loss or trailing stop). */
export function hasExits(intent: OrderIntent): boolean {
	return intent.takeProfitPrice !== null || intent.stopLossPrice !== null || (intent.trailingStop !== null && intent.trailingStop !== undefined);
}
