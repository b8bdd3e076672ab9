import type { OrderEventQuery } from './order-journal';
import { whereEqual } from './where-equal';

/** The WHERE clause of an order event query for both backends; `param(n)` writes the n-th parameter. */
export function orderEventWhere(query: OrderEventQuery, param: (index: number) => string): { where: string; params: string[] } {
	const { where, params } = whereEqual(param, [
		['alert_id', query.alertId],
		['client_order_id', query.clientOrderId],
		['broker', query.broker],
	]);
	if (query.kinds === undefined) return { where, params };
	if (query.kinds.length === 0) return { where: ' WHERE 1 = 0', params: [] };
	const first = params.length + 1;
	const kinds = `kind IN (${query.kinds.map((_, index) => param(first + index)).join(', ')})`;
	return { where: where ? `${where} AND ${kinds}` : ` WHERE ${kinds}`, params: [...params, ...query.kinds] };
}
