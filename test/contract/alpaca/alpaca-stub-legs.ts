import { randomUUID } from 'node:crypto';

import type { StubOrder } from './alpaca-stub-book';

/*
 * Bracket and OTO legs as Alpaca keeps them: each exit is an order of its own (its own id and
 * client_order_id, the opposite side, the entry's quantity and order_class), listed with the
 * entry in its `legs`. While the entry is not filled every leg is "held"; once it fills, the take
 * profit (a limit) goes to the market as "new" and the stop loss stays "held" until triggered (a
 * single leg, OTO, goes "new"). The legs are one-cancels-other: cancelling one cancels the rest.
 * Open legs hold the position's shares: Alpaca refuses another order that would need them.
 */

export interface LegPrices {
	takeProfitPrice: number | null;
	stopLossPrice: number | null;
}

export function legOrders(parent: StubOrder, prices: LegPrices, newOrder: (fields: Partial<StubOrder>) => StubOrder): StubOrder[] {
	const side = parent.side === 'buy' ? 'sell' : 'buy';
	const legs: StubOrder[] = [];
	if (prices.takeProfitPrice !== null) {
		legs.push(newOrder({ client_order_id: randomUUID(), side, type: 'limit', order_type: 'limit', limit_price: String(prices.takeProfitPrice), stop_price: null, status: 'held' }));
	}
	if (prices.stopLossPrice !== null) {
		legs.push(newOrder({ client_order_id: randomUUID(), side, type: 'stop', order_type: 'stop', stop_price: String(prices.stopLossPrice), limit_price: null, status: 'held' }));
	}
	return legs;
}

/** The entry filled: its legs go to work. */
export function activateLegs(parent: StubOrder): void {
	const legs = parent.legs ?? [];
	for (const leg of legs) {
		if (leg.status !== 'held') continue;
		if (legs.length === 1 || leg.type === 'limit') leg.status = 'new';
	}
}

/**
 * The unfilled quantity of the open orders on `side` for one symbol: what they hold of a position.
 * A bracket's legs hold the same shares (only one can fill), so they count once; legs whose entry
 * has not filled hold nothing yet.
 */
export function heldForOrders(orders: readonly StubOrder[], key: string, side: 'buy' | 'sell', open: readonly string[], keyOf: (symbol: string) => string): number {
	const held = new Map<string, number>();
	for (const order of orders) {
		if (order.side !== side || !open.includes(order.status) || keyOf(order.symbol) !== key) continue;
		const parent = orders.find((candidate) => candidate.legs?.includes(order));
		if (parent !== undefined && parent.status !== 'filled') continue;
		const group = parent?.id ?? order.id;
		held.set(group, Math.max(held.get(group) ?? 0, Number(order.qty) - Number(order.filled_qty)));
	}
	return [...held.values()].reduce((sum, qty) => sum + qty, 0);
}
