import { integerParam, textParam, type LedgerReader, type ReadDialect, type ReadValue } from '../ledger/ledger-reader';
import type { StoredOrderEvent } from '../ledger/order-journal';
import { toStoredOrderEvent, type OrderEventRow } from '../ledger/order-event-rows';
import { journalOrders } from '../reconcile/journal-orders';
import { accountKey, type ReportFilter } from './report-filter';
import { pageByIdBelow, type ReportPage } from './report-page';

// Orders: the order journal per order (client order id) with the alert that caused it, newest
// first. The page is chosen in SQL over the grouped journal; its events are then read to tell
// the broker's ids, status and fill.

export const ORDER_OUTCOMES = ['placed', 'failed', 'pending', 'dry_run'] as const;

export interface OrderReportItem {
	clientOrderId: string;
	alertId: string | null;
	broker: string;
	/** `paper:<Paper Account>` or `<broker>:<credential id>`. */
	account: string | null;
	/** The Broker Order node: `<workflowId>/<nodeId>`. */
	scope: string;
	/** placed (the broker took it), failed, pending (no answer recorded) or dry_run. */
	outcome: string;
	symbol: string | null;
	side: string | null;
	quantity: number | null;
	type: string | null;
	reduceOnly: boolean;
	firstAt: string;
	lastAt: string;
	/** How many times the order was sent (the highest attempt number recorded). */
	attempts: number;
	retries: number;
	/** The broker already had the client order id and it was read back instead of sent again. */
	duplicatesResolved: number;
	readBacks: number;
	brokerOrderId: string | null;
	status: string | null;
	filledQuantity: number | null;
	averageFillPrice: number | null;
	/** The last failure's message, when the broker reported no order. */
	error: string | null;
	errorCode: string | null;
}

interface OrderPageRow {
	client_order_id: string;
	first_id: number | string;
}

function outcomeCase(): string {
	return `CASE WHEN SUM(CASE WHEN kind IN ('placed', 'duplicate_resolved', 'read_back') THEN 1 ELSE 0 END) > 0 THEN 'placed'
		WHEN SUM(CASE WHEN kind = 'failed' THEN 1 ELSE 0 END) > 0 THEN 'failed'
		WHEN SUM(CASE WHEN kind = 'dry_run' THEN 1 ELSE 0 END) > 0 THEN 'dry_run'
		ELSE 'pending' END`;
}

/** The journal grouped per client order id, with what the filters look at. */
export function groupedOrdersSql(d: ReadDialect): string {
	const firstRequest = (path: string[]) => `MAX(CASE WHEN kind IN ('attempt', 'dry_run') THEN ${d.jsonText('detail', path)} END)`;
	return `SELECT client_order_id, MIN(id) AS first_id, MIN(at) AS first_at, MAX(broker) AS broker,
	${firstRequest(['account'])} AS account, ${firstRequest(['request', 'symbol'])} AS symbol, ${outcomeCase()} AS outcome
	FROM ${d.table('order_event')} WHERE client_order_id IS NOT NULL GROUP BY client_order_id`;
}

/** Parameters: 1 from, 2 until, 3 outcome, 4 symbol, 5 broker, 6 account, 7 first id below (cursor), 8 limit. */
export function ordersPageSql(d: ReadDialect): string {
	return `SELECT client_order_id, first_id FROM (${groupedOrdersSql(d)}) AS o
	WHERE (${textParam(d, 1)} IS NULL OR o.first_at >= ${textParam(d, 1)}) AND (${textParam(d, 2)} IS NULL OR o.first_at < ${textParam(d, 2)})
	AND (${textParam(d, 3)} IS NULL OR o.outcome = ${textParam(d, 3)}) AND (${textParam(d, 4)} IS NULL OR o.symbol = ${textParam(d, 4)})
	AND (${textParam(d, 5)} IS NULL OR o.broker = ${textParam(d, 5)}) AND (${textParam(d, 6)} IS NULL OR o.account = ${textParam(d, 6)})
	AND (${integerParam(d, 7)} IS NULL OR o.first_id < ${integerParam(d, 7)})
	ORDER BY o.first_id DESC LIMIT ${d.param(8)}`;
}

export function orderEventsOfSql(d: ReadDialect, count: number): string {
	const list = Array.from({ length: count }, (_, index) => d.param(index + 1)).join(', ');
	return `SELECT * FROM ${d.table('order_event')} WHERE client_order_id IN (${list}) ORDER BY id`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const numberOr = (value: unknown, fallback: number | null): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);
const stringOr = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** One order's summary from its events (oldest first). */
export function summariseOrder(events: readonly StoredOrderEvent[]): OrderReportItem {
	const first = events[0];
	const count = (kind: string) => events.filter((event) => event.kind === kind).length;
	const requestEvent = events.find((event) => (event.kind === 'attempt' || event.kind === 'dry_run') && isRecord(event.detail) && isRecord(event.detail.request));
	const detail = isRecord(requestEvent?.detail) ? requestEvent.detail : {};
	const request = isRecord(detail.request) ? detail.request : {};
	const journal = journalOrders(events)[0];
	const attempts = events.reduce((most, event) => Math.max(most, isRecord(event.detail) ? (numberOr(event.detail.attempt, 0) ?? 0) : 0), 0);
	const lastFailure = [...events].reverse().find((event) => event.kind === 'failed');
	const failure = isRecord(lastFailure?.detail) && isRecord(lastFailure.detail.error) ? lastFailure.detail.error : null;
	const placed = count('placed') + count('duplicate_resolved') + count('read_back') > 0;
	const order = journal?.order ?? null;
	return {
		clientOrderId: first.clientOrderId ?? '',
		alertId: first.alertId,
		broker: first.broker,
		account: stringOr(detail.account),
		scope: first.scope,
		outcome: placed ? 'placed' : count('failed') > 0 ? 'failed' : count('dry_run') > 0 ? 'dry_run' : 'pending',
		symbol: stringOr(request.symbol),
		side: stringOr(request.side),
		quantity: numberOr(request.quantity, null),
		type: stringOr(request.type),
		reduceOnly: request.reduceOnly === true,
		firstAt: first.at,
		lastAt: events[events.length - 1].at,
		attempts,
		retries: count('retry'),
		duplicatesResolved: count('duplicate_resolved'),
		readBacks: count('read_back'),
		brokerOrderId: order?.brokerOrderId ?? null,
		status: order?.status ?? null,
		filledQuantity: order?.filledQuantity ?? null,
		averageFillPrice: order?.averageFillPrice ?? null,
		error: order === null && failure !== null ? (stringOr(failure.message) ?? 'failed') : null,
		errorCode: order === null && failure !== null ? stringOr(failure.code) : null,
	};
}

export async function ordersReport(reader: LedgerReader, filter: ReportFilter): Promise<ReportPage<OrderReportItem>> {
	const params: ReadValue[] = [
		filter.from ?? null,
		filter.until ?? null,
		filter.outcome ?? null,
		filter.symbol ?? null,
		filter.broker ?? null,
		filter.account === undefined ? null : accountKey(filter.account),
		filter.cursor === undefined ? null : Number(filter.cursor),
		filter.limit + 1,
	];
	const page = await reader.select<OrderPageRow>(ordersPageSql(reader.dialect), params);
	if (page.length === 0) return { items: [], nextCursor: null };
	const ids = page.map((row) => row.client_order_id);
	const events = (await reader.select<OrderEventRow>(orderEventsOfSql(reader.dialect, ids.length), ids)).map(toStoredOrderEvent);
	const byOrder = new Map<string, StoredOrderEvent[]>();
	for (const event of events) {
		const list = byOrder.get(event.clientOrderId ?? '') ?? [];
		list.push(event);
		byOrder.set(event.clientOrderId ?? '', list);
	}
	const rows = page.map((row) => ({ firstId: Number(row.first_id), item: summariseOrder(byOrder.get(row.client_order_id) ?? []) }));
	const paged = pageByIdBelow(rows, filter.limit, (row) => row.firstId);
	return { items: paged.items.map((row) => row.item), nextCursor: paged.nextCursor };
}
