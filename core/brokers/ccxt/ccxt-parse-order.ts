import type { BrokerOrder, BrokerOrderType, OrderStatus } from '../broker';
import type { CcxtOrder } from './ccxt-types';
import { PayloadError } from '../base/payload';

/*
 * ccxt's unified order → ours, for exchanges the adapter knows only through ccxt.
 *   status  open → open (partially_filled once something filled), closed → filled,
 *           canceled → canceled, canceling → open, expired → expired, rejected → rejected,
 *           anything else or none → new (alive, progress unknown)
 *   type    market/limit as ccxt reports them; with a trigger price: stop / stop_limit;
 *           other types (e.g. "stop_loss") by whether they carry a limit price
 *   createdAt  the order's timestamp; the time it was read when the exchange reports none
 */

const STATUS: ReadonlyMap<string, OrderStatus> = new Map<string, OrderStatus>([
	['open', 'open'],
	['closed', 'filled'],
	['canceled', 'canceled'],
	['cancelled', 'canceled'],
	['canceling', 'open'],
	['expired', 'expired'],
	['rejected', 'rejected'],
]);

export function parseCcxtOrder(order: CcxtOrder, symbol: string | undefined): BrokerOrder {
	if (order === null || typeof order !== 'object') throw new PayloadError('the order is not an object');
	const id = text(order.id, 'id');
	const clientOrderId = text(order.clientOrderId, 'clientOrderId');
	const quantity = number(order.amount, 'amount') ?? 0;
	const filledQuantity = number(order.filled, 'filled') ?? 0;
	const type = typeOf(order);
	const status = STATUS.get(String(order.status ?? '').toLowerCase()) ?? 'new';
	return {
		brokerOrderId: id,
		clientOrderId,
		symbol: symbol ?? text(order.symbol, 'symbol'),
		side: sideOf(order.side),
		type,
		quantity,
		limitPrice: type === 'limit' || type === 'stop_limit' ? positive(number(order.price, 'price')) : null,
		stopPrice: positive(number(order.triggerPrice ?? order.stopPrice, 'triggerPrice')),
		status: status === 'open' && filledQuantity > 0 ? 'partially_filled' : status,
		filledQuantity,
		averageFillPrice: filledQuantity > 0 ? positive(number(order.average, 'average')) : null,
		createdAt: typeof order.timestamp === 'number' && order.timestamp > 0 ? new Date(order.timestamp).toISOString() : new Date().toISOString(),
	};
}

function typeOf(order: CcxtOrder): BrokerOrderType {
	const type = String(order.type ?? '').toLowerCase();
	const triggered = positive(number(order.triggerPrice ?? order.stopPrice, 'triggerPrice')) !== null;
	const limited = type.startsWith('limit') || type.endsWith('_limit');
	if (triggered || type.includes('stop') || type.includes('take_profit')) return limited ? 'stop_limit' : 'stop';
	if (type === 'market') return 'market';
	if (limited) return 'limit';
	throw new PayloadError(`the order type is unknown: ${type.slice(0, 30) || 'none'}`);
}

function sideOf(side: unknown): 'buy' | 'sell' {
	if (side === 'buy' || side === 'sell') return side;
	throw new PayloadError(`side is not buy or sell: ${String(side).slice(0, 20)}`);
}

function text(value: unknown, name: string): string {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string' || value.trim() === '') throw new PayloadError(`${name} is missing`);
	return value;
}

function number(value: unknown, name: string): number | null {
	if (value === undefined || value === null) return null;
	if (typeof value !== 'number' || !Number.isFinite(value)) throw new PayloadError(`${name} is not a number`);
	return value;
}

function positive(value: number | null): number | null {
	return value !== null && value > 0 ? value : null;
}
