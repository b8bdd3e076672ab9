import type { OrderEventQuery } from './order-journal';

/** The WHERE clause of an order event query for both backends; `param(n)` writes the n-th parameter. */
export function orderEventWhere(query: OrderEventQuery, param: (index: number) => string): { where: string; params: string[] } {
	const conditions: string[] = [];
	const params: string[] = [];
	const equal = (column: string, value: string | undefined) => {
		if (value === undefined) return;
		params.push(value);
		conditions.push(`${column} = ${param(params.length)}`);
	};
	equal('alert_id', query.alertId);
	equal('client_order_id', query.clientOrderId);
	equal('broker', query.broker);
	if (query.kinds !== undefined) {
		if (query.kinds.length === 0) return { where: ' WHERE 1 = 0', params: [] };
		const first = params.length + 1;
		params.push(...query.kinds);
		conditions.push(`kind IN (${query.kinds.map((_, index) => param(first + index)).join(', ')})`);
	}
	return { where: conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '', params };
}
