import type { OrderClaimRequest, OrderClaimState, StoredOrderClaim } from './order-claims';

// Row shape and mapping shared by the SQLite and PostgreSQL order claims (same table, same columns).

export interface OrderClaimRow {
	client_order_id: string;
	scope: string;
	broker: string;
	alert_id: string | null;
	owner: string;
	claimed_at_ms: number | string;
	state: OrderClaimState;
	settled_at: string | null;
	detail: string | null;
}

export function toStoredOrderClaim(row: OrderClaimRow): StoredOrderClaim {
	return {
		clientOrderId: row.client_order_id,
		scope: row.scope,
		broker: row.broker,
		alertId: row.alert_id,
		owner: row.owner,
		claimedAtMs: Number(row.claimed_at_ms),
		state: row.state,
		settledAt: row.settled_at,
		detail: row.detail === null ? null : JSON.parse(row.detail),
	};
}

/** Values for (client_order_id, scope, broker, alert_id, owner, claimed_at_ms). */
export function orderClaimValues(request: OrderClaimRequest): Array<string | number | null> {
	return [request.clientOrderId, request.scope, request.broker, request.alertId, request.owner, request.at.getTime()];
}

export function claimDetailText(detail: unknown): string | null {
	return detail === undefined ? null : JSON.stringify(detail);
}

/** `'a', 'b'` for an IN list of fixed states (constants, never user input). */
export function stateList(states: readonly OrderClaimState[]): string {
	return states.map((state) => `'${state}'`).join(', ');
}
