import type { OrderSide } from '../../signal/normalised-alert';
import { asFields, asList, type Fields } from '../base/payload';
import { type AlpacaSymbol, alpacaSymbol } from './alpaca-symbols';

/*
 * Which of a symbol's open orders hold the shares a reduce-only order needs: those on the same
 * side as the close (open sells hold a long's shares, open buys a short's), bracket and OTO legs
 * included — listed as orders of their own, or inside their entry's `legs`. Read from
 * GET /v2/orders?status=open.
 */

/** Statuses after which an order holds nothing and cannot be cancelled. */
const DONE = new Set(['filled', 'canceled', 'expired', 'rejected', 'replaced', 'calculated']);

export interface HeldOrder {
	id: string;
	clientOrderId: string;
	status: string;
}

export function isDone(status: string): boolean {
	return DONE.has(status.trim().toLowerCase());
}

/** Every order in the answer, legs included, once each. */
export function listedOrders(body: unknown): HeldOrder[] {
	const seen = new Map<string, HeldOrder>();
	const visit = (value: unknown): void => {
		const fields = asFields(value, 'an order');
		const id = text(fields, 'id');
		if (id !== '' && !seen.has(id)) seen.set(id, { id, clientOrderId: text(fields, 'client_order_id'), status: text(fields, 'status') });
		if (Array.isArray(fields.legs)) for (const leg of fields.legs) visit(leg);
	};
	for (const order of asList(body, 'the order list')) visit(order);
	return [...seen.values()];
}

/** The listed orders (legs included) of this symbol on `side` that are not done. */
export function holdingOrders(body: unknown, symbol: AlpacaSymbol, side: OrderSide): HeldOrder[] {
	const holding: HeldOrder[] = [];
	const visit = (value: unknown): void => {
		const fields = asFields(value, 'an order');
		const sameSymbol = alpacaSymbol(text(fields, 'symbol')).position === symbol.position;
		if (sameSymbol && text(fields, 'side') === side && !isDone(text(fields, 'status'))) {
			holding.push({ id: text(fields, 'id'), clientOrderId: text(fields, 'client_order_id'), status: text(fields, 'status') });
		}
		if (Array.isArray(fields.legs)) for (const leg of fields.legs) visit(leg);
	};
	for (const order of asList(body, 'the order list')) visit(order);
	return [...new Map(holding.filter((order) => order.id !== '').map((order) => [order.id, order])).values()];
}

function text(fields: Fields, name: string): string {
	const value = fields[name];
	return typeof value === 'string' ? value : '';
}
