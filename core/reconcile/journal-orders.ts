import { ORDER_STATUSES, type BrokerOrder, type OrderIntent } from '../brokers/broker';
import type { StoredOrderEvent } from '../ledger/order-journal';

// The orders of one account as the order journal tells them: one record per client order id,
// from its first attempt (the request, the account) and the last order the broker reported.

/** The journal kinds Reconcile reads. */
export const RECONCILE_EVENT_KINDS = ['attempt', 'placed', 'duplicate_resolved', 'failed', 'read_back'] as const;

/**
 * - `final`: the broker reported a final status (filled, canceled, rejected, expired): its fill is known.
 * - `open`: the last status the broker reported is open (new, open, partially filled): more may fill.
 * - `not_placed`: the broker refused it outright; nothing stands at the broker.
 * - `unknown`: the journal does not know whether the broker took it (no answer, an order being sent).
 */
export type FillState = 'final' | 'open' | 'not_placed' | 'unknown';

const FINAL_STATUSES: ReadonlySet<string> = new Set(['filled', 'canceled', 'rejected', 'expired']);
/** Error codes (errorSummary of a BrokerError) after which the broker certainly holds no order. */
const REFUSAL_CODES: ReadonlySet<string> = new Set(['invalid_order', 'insufficient_funds', 'authentication_failed', 'unsupported']);

export interface JournalOrder {
	clientOrderId: string;
	alertId: string | null;
	/** The Broker Order node that placed it. */
	scope: string;
	account: string | null;
	request: OrderIntent;
	/** When it was first attempted. */
	at: string;
	firstEventId: number;
	lastEventId: number;
	/** The last order the broker reported for it; null when none was. */
	order: BrokerOrder | null;
	fillState: FillState;
	/** The error of the last failure, when no order was reported. */
	error: string | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function requestOf(detail: unknown): OrderIntent | null {
	const request = isRecord(detail) ? detail.request : null;
	if (!isRecord(request)) return null;
	const ok =
		typeof request.symbol === 'string' &&
		(request.side === 'buy' || request.side === 'sell') &&
		typeof request.quantity === 'number' &&
		Number.isFinite(request.quantity);
	return ok ? (request as unknown as OrderIntent) : null;
}

function orderOf(detail: unknown): BrokerOrder | null {
	const order = isRecord(detail) ? detail.order : null;
	if (!isRecord(order)) return null;
	const ok =
		typeof order.status === 'string' &&
		(ORDER_STATUSES as readonly string[]).includes(order.status) &&
		typeof order.filledQuantity === 'number' &&
		Number.isFinite(order.filledQuantity);
	return ok ? (order as unknown as BrokerOrder) : null;
}

function errorOf(detail: unknown): { code: string | null; message: string } {
	const error = isRecord(detail) && isRecord(detail.error) ? detail.error : {};
	return { code: typeof error.code === 'string' ? error.code : null, message: typeof error.message === 'string' ? error.message : 'failed' };
}

export function fillStateOf(order: BrokerOrder): FillState {
	return FINAL_STATUSES.has(order.status) ? 'final' : 'open';
}

/**
 * The journal's orders, in the order they were first attempted. Orders without a request in
 * their first attempt (none are written so) are left out; so are dry runs, which are not read.
 */
export function journalOrders(events: readonly StoredOrderEvent[]): JournalOrder[] {
	const byId = new Map<string, JournalOrder>();
	for (const event of events) {
		if (event.clientOrderId === null) continue;
		let order = byId.get(event.clientOrderId);
		if (!order) {
			const request = event.kind === 'attempt' ? requestOf(event.detail) : null;
			if (request === null) continue;
			const account = isRecord(event.detail) && typeof event.detail.account === 'string' ? event.detail.account : null;
			order = {
				clientOrderId: event.clientOrderId,
				alertId: event.alertId,
				scope: event.scope,
				account,
				request,
				at: event.at,
				firstEventId: event.id,
				lastEventId: event.id,
				order: null,
				fillState: 'unknown',
				error: null,
			};
			byId.set(event.clientOrderId, order);
		}
		order.lastEventId = event.id;
		const reported = orderOf(event.detail);
		if (reported !== null) {
			order.order = reported;
			order.fillState = fillStateOf(reported);
			order.error = null;
		} else if (event.kind === 'failed' && order.order === null) {
			const error = errorOf(event.detail);
			order.error = error.message;
			order.fillState = error.code !== null && REFUSAL_CODES.has(error.code) ? 'not_placed' : 'unknown';
		} else if (event.kind === 'attempt' && order.order === null) {
			// Claimed again (after a refusal) or taken over: being sent anew.
			order.fillState = 'unknown';
			order.error = null;
		}
	}
	return [...byId.values()].sort((a, b) => a.firstEventId - b.firstEventId);
}
