import { randomUUID } from 'node:crypto';

import { activateLegs, heldForOrders, legOrders } from './alpaca-stub-legs';
import type { StubOrderRequest } from './alpaca-stub-order-rules';

// The stub's account: orders, positions and cash, kept in Alpaca's own JSON shapes.

export interface StubOrder {
	id: string;
	client_order_id: string;
	created_at: string;
	updated_at: string;
	submitted_at: string;
	filled_at: string | null;
	canceled_at: string | null;
	asset_id: string;
	symbol: string;
	asset_class: 'us_equity' | 'crypto';
	notional: null;
	qty: string;
	filled_qty: string;
	filled_avg_price: string | null;
	order_class: string;
	order_type: string;
	type: string;
	side: 'buy' | 'sell';
	time_in_force: string;
	limit_price: string | null;
	stop_price: string | null;
	status: string;
	extended_hours: boolean;
	legs: StubOrder[] | null;
	trail_percent: string | null;
	trail_price: string | null;
	hwm: string | null;
	/** Set on an order a PATCH replaced: the id of the order that took its place. */
	replaced_by?: string | null;
	replaces?: string | null;
}

interface Holding {
	qty: number;
	avg: number;
}

export type Refusal = { status: number; code: number; message: string; extra?: Record<string, string> };

export const OPEN_STATUSES = ['new', 'accepted', 'pending_new', 'partially_filled', 'pending_cancel', 'held', 'done_for_day'];

/** Plain decimal text of a number, as Alpaca writes it. */
export const text = (value: number): string => String(Number(value.toFixed(9)));

/** BTC/USD → BTCUSD: the key positions use. */
export const positionKey = (symbol: string): string => symbol.replace('/', '').toUpperCase();

export class StubBook {
	readonly orders: StubOrder[] = [];
	readonly holdings = new Map<string, Holding>();
	cash: number;
	/** Market orders fill at this price (or the symbol's own, set in `prices`). */
	fillPrice: number;
	readonly prices = new Map<string, number>();
	/**
	 * 0: DELETE /v2/orders/{id} cancels at once. n > 0: the order reads "pending_cancel" for its
	 * next n GET /v2/orders/{id}, then "canceled" (Alpaca cancels asynchronously).
	 */
	cancelAfterReads = 0;
	/** 0: a market order fills as it is taken. n > 0: it reads "new" for n ms, then fills (a live market). */
	marketFillDelayMs = 0;
	private readonly cancelling = new Map<string, number>();
	/** How positions write a short's qty: "-10" (signed, Alpaca's usual) or "10" (unsigned). */
	shortQty: 'signed' | 'unsigned' = 'signed';
	private clock = Date.parse('2026-01-02T15:00:00.000Z');

	constructor(cash: number, fillPrice: number) {
		this.cash = cash;
		this.fillPrice = fillPrice;
	}

	priceOf(symbol: string): number {
		return this.prices.get(positionKey(symbol)) ?? this.fillPrice;
	}

	findByClientId(clientOrderId: string): StubOrder | undefined {
		return this.orders.find((order) => order.client_order_id === clientOrderId);
	}

	findById(id: string): StubOrder | undefined {
		return this.orders.find((order) => order.id === id);
	}

	/** Alpaca's account checks: buying power for buys, held quantity for sells of longs and crypto. */
	refusal(request: StubOrderRequest): Refusal | null {
		const price = request.limitPrice ?? request.stopPrice ?? this.priceOf(request.symbol);
		if (request.side === 'buy' && request.qty * price > this.buyingPower()) {
			return { status: 403, code: 40310000, message: 'insufficient buying power' };
		}
		const held = this.holdings.get(positionKey(request.symbol))?.qty ?? 0;
		if (request.side === 'sell' && request.crypto && request.qty > held) {
			const base = request.symbol.split('/')[0];
			return { status: 403, code: 40310000, message: `insufficient balance for ${base} (requested: ${text(request.qty)}, available: ${text(held)})` };
		}
		const closing = (request.side === 'sell' && held > 0) || (request.side === 'buy' && held < 0);
		if (closing && !request.crypto) {
			const heldForOrders = this.heldForOrders(request.symbol, request.side);
			const available = Math.abs(held) - heldForOrders;
			if (request.qty > available && (held > 0 || heldForOrders > 0)) {
				return {
					status: 403,
					code: 40310000,
					message: `insufficient qty available for order (requested: ${text(request.qty)}, available: ${text(available)})`,
					extra: { symbol: positionKey(request.symbol), existing_qty: text(Math.abs(held)), held_for_orders: text(heldForOrders), available: text(available) },
				};
			}
		}
		return null;
	}

	/** What open orders on `side` hold of the symbol's position (bracket legs included). */
	heldForOrders(symbol: string, side: 'buy' | 'sell'): number {
		return heldForOrders(this.orders, positionKey(symbol), side, OPEN_STATUSES, positionKey);
	}

	/** Cancels an open order and, for a bracket leg, its sibling legs (one-cancels-other). */
	cancel(order: StubOrder): void {
		const parent = this.orders.find((candidate) => candidate.legs?.includes(order));
		const siblings = parent?.legs ?? [order];
		for (const leg of siblings.includes(order) ? siblings : [order]) {
			if (!OPEN_STATUSES.includes(leg.status) || leg.status === 'pending_cancel') continue;
			if (this.cancelAfterReads > 0) {
				leg.status = 'pending_cancel';
				this.cancelling.set(leg.id, this.cancelAfterReads);
			} else this.markCanceled(leg);
		}
	}

	/** GET /v2/orders/{id}: a pending cancel completes after its reads. */
	read(order: StubOrder): StubOrder {
		const left = this.cancelling.get(order.id);
		if (left !== undefined) {
			if (left <= 1) {
				this.cancelling.delete(order.id);
				this.markCanceled(order);
			} else this.cancelling.set(order.id, left - 1);
		}
		return order;
	}

	private markCanceled(order: StubOrder): void {
		order.status = 'canceled';
		order.canceled_at = this.tick();
		order.updated_at = order.canceled_at;
	}

	/** Stores the order; a market order fills at once and moves the position and the cash. */
	accept(request: StubOrderRequest): StubOrder {
		const order = this.newOrder(request);
		this.orders.push(order);
		if (request.orderClass !== 'simple') {
			order.legs = legOrders(order, request, (fields) => ({ ...this.newOrder(request), ...fields }));
			this.orders.push(...order.legs);
		}
		if (request.type === 'trailing_stop') {
			const price = this.priceOf(request.symbol);
			const distance = request.trailPrice ?? (price * (request.trailPercent ?? 0)) / 100;
			order.hwm = text(price);
			order.stop_price = text(request.side === 'sell' ? price - distance : price + distance);
		}
		if (request.type === 'market') {
			if (this.marketFillDelayMs > 0) {
				setTimeout(() => {
					if (order.status === 'new') this.fill(order, request.qty, this.priceOf(request.symbol));
				}, this.marketFillDelayMs).unref();
			} else {
				this.fill(order, request.qty, this.priceOf(request.symbol));
			}
		}
		return order;
	}

	private newOrder(request: StubOrderRequest): StubOrder {
		const at = this.tick();
		return {
			id: randomUUID(),
			client_order_id: request.clientOrderId ?? randomUUID(),
			created_at: at,
			updated_at: at,
			submitted_at: at,
			filled_at: null,
			canceled_at: null,
			asset_id: randomUUID(),
			symbol: request.symbol,
			asset_class: request.crypto ? 'crypto' : 'us_equity',
			notional: null,
			qty: text(request.qty),
			filled_qty: '0',
			filled_avg_price: null,
			order_class: request.orderClass === 'simple' ? '' : request.orderClass,
			order_type: request.type,
			type: request.type,
			side: request.side,
			time_in_force: request.timeInForce,
			limit_price: request.limitPrice === null ? null : text(request.limitPrice),
			stop_price: request.stopPrice === null ? null : text(request.stopPrice),
			status: 'new',
			extended_hours: false,
			legs: null,
			trail_percent: request.trailPercent === null ? null : text(request.trailPercent),
			trail_price: request.trailPrice === null ? null : text(request.trailPrice),
			hwm: null,
		};
	}

	/**
	 * PATCH /v2/orders/{id}: a new order takes the old one's place (in its bracket too), with the
	 * changed fields; the old one becomes "replaced".
	 */
	replace(order: StubOrder, changes: { stopPrice?: number; limitPrice?: number; qty?: number }): StubOrder {
		const at = this.tick();
		const replacement: StubOrder = {
			...order,
			id: randomUUID(),
			client_order_id: randomUUID(),
			created_at: at,
			updated_at: at,
			submitted_at: at,
			replaces: order.id,
			replaced_by: null,
			...(changes.stopPrice === undefined ? {} : { stop_price: text(changes.stopPrice) }),
			...(changes.limitPrice === undefined ? {} : { limit_price: text(changes.limitPrice) }),
			...(changes.qty === undefined ? {} : { qty: text(changes.qty) }),
		};
		order.status = 'replaced';
		order.replaced_by = replacement.id;
		order.updated_at = at;
		const parent = this.orders.find((candidate) => candidate.legs?.includes(order));
		if (parent?.legs) parent.legs = parent.legs.map((leg) => (leg === order ? replacement : leg));
		this.orders.push(replacement);
		return replacement;
	}

	fill(order: StubOrder, qty: number, price: number): void {
		const filled = Number(order.filled_qty) + qty;
		order.filled_qty = text(filled);
		order.filled_avg_price = text(price);
		order.status = filled >= Number(order.qty) ? 'filled' : 'partially_filled';
		if (order.status === 'filled') activateLegs(order);
		order.filled_at = this.tick();
		order.updated_at = order.filled_at;
		const signed = order.side === 'buy' ? qty : -qty;
		this.cash -= signed * price;
		this.move(positionKey(order.symbol), signed, price);
	}

	setPosition(symbol: string, qty: number, avg: number): void {
		if (qty === 0) this.holdings.delete(positionKey(symbol));
		else this.holdings.set(positionKey(symbol), { qty, avg });
	}

	positionJson(key: string): Record<string, unknown> | null {
		const holding = this.holdings.get(key);
		if (!holding) return null;
		const short = holding.qty < 0;
		const price = this.priceOf(key);
		const crypto = /USD[TC]?$/.test(key);
		return {
			asset_id: `asset-${key}`,
			symbol: key,
			exchange: crypto ? 'CRYPTO' : 'NASDAQ',
			asset_class: crypto ? 'crypto' : 'us_equity',
			qty: text(short && this.shortQty === 'unsigned' ? -holding.qty : holding.qty),
			qty_available: text(holding.qty - Math.sign(holding.qty) * this.heldForOrders(key, holding.qty > 0 ? 'sell' : 'buy')),
			side: short ? 'short' : 'long',
			avg_entry_price: text(holding.avg),
			market_value: text(holding.qty * price),
			cost_basis: text(holding.qty * holding.avg),
			current_price: text(price),
			unrealized_pl: text(holding.qty * (price - holding.avg)),
		};
	}

	accountJson(): Record<string, unknown> {
		let equity = this.cash;
		for (const [key, holding] of this.holdings) equity += holding.qty * this.priceOf(key);
		return {
			id: 'e3f1c2d4-0000-4000-8000-000000000001',
			account_number: 'PA0STUB00001',
			status: 'ACTIVE',
			currency: 'USD',
			cash: text(this.cash),
			portfolio_value: text(equity),
			equity: text(equity),
			buying_power: text(this.buyingPower()),
			pattern_day_trader: false,
		};
	}

	private buyingPower(): number {
		return Math.max(0, this.cash * 2);
	}

	private move(key: string, signed: number, price: number): void {
		const held = this.holdings.get(key) ?? { qty: 0, avg: 0 };
		const qty = Number((held.qty + signed).toFixed(9));
		if (qty === 0) {
			this.holdings.delete(key);
			return;
		}
		const adding = held.qty === 0 || Math.sign(held.qty) === Math.sign(signed);
		const crossed = Math.sign(qty) !== Math.sign(held.qty) && held.qty !== 0;
		const avg = adding ? (held.qty * held.avg + signed * price) / (held.qty + signed) : crossed ? price : held.avg;
		this.holdings.set(key, { qty, avg });
	}

	private tick(): string {
		this.clock += 1000;
		return new Date(this.clock).toISOString();
	}
}
