import { integerParam, textParam, type LedgerReader, type ReadDialect, type ReadValue } from '../ledger/ledger-reader';
import { accountKey, type ReportFilter } from './report-filter';
import { pageByIdBelow, pageByOffset, type ReportPage } from './report-page';

// Latency per accepted alert: received (the signal log) → first order sent (the journal's first
// `attempt`) → broker acknowledged (its first `placed` or `duplicate_resolved`). Journal events
// before the acceptance belong to an earlier acceptance of the same alert id and are not counted.

export const LATENCY_OUTCOMES = ['acknowledged', 'unacknowledged', 'no_order'] as const;

/** More accepted alerts than this in one day report's range are not read. */
const DAILY_ROW_CAP = 100_000;

export interface LatencyItem {
	alertId: string;
	receivedAt: string;
	symbol: string | null;
	/** The trigger: `<workflowId>/<nodeId>`. */
	scope: string;
	orderSentAt: string | null;
	acknowledgedAt: string | null;
	receivedToSentMs: number | null;
	sentToAcknowledgedMs: number | null;
	receivedToAcknowledgedMs: number | null;
	/** acknowledged, unacknowledged (sent, no acknowledgement recorded) or no_order. */
	outcome: string;
}

export interface LatencyDayItem {
	/** YYYY-MM-DD, UTC, of the alerts' reception. */
	day: string;
	accepted: number;
	acknowledged: number;
	receivedToAcknowledgedP50Ms: number | null;
	receivedToAcknowledgedP95Ms: number | null;
	receivedToAcknowledgedMaxMs: number | null;
	receivedToSentP50Ms: number | null;
	receivedToSentP95Ms: number | null;
	receivedToSentMaxMs: number | null;
}

interface LatencyRow {
	id: number | string;
	alert_id: string;
	received_at: string;
	scope: string;
	symbol: string | null;
	sent_at: string | null;
	acknowledged_at: string | null;
}

/** Parameters: 1 from, 2 until, 3 symbol, 4 broker, 5 account, 6 outcome, 7 id below (cursor), 8 limit. */
export function latencySql(d: ReadDialect): string {
	const journal = d.table('order_event');
	const firstEvent = (kinds: string) =>
		`(SELECT MIN(e.at) FROM ${journal} AS e WHERE e.alert_id = s.alert_id AND e.kind IN (${kinds}) AND e.at >= s.received_at)`;
	const symbol = d.jsonText('f.item', ['symbol']);
	return `SELECT * FROM (
	SELECT s.id, s.alert_id, s.received_at, s.scope, ${symbol} AS symbol,
	${firstEvent("'attempt'")} AS sent_at, ${firstEvent("'placed', 'duplicate_resolved'")} AS acknowledged_at
	FROM ${d.table('signal_log')} AS s LEFT JOIN ${d.table('alert_fate')} AS f ON f.alert_id = s.alert_id
	WHERE s.outcome = 'accepted' AND s.alert_id IS NOT NULL
	AND (${textParam(d, 1)} IS NULL OR s.received_at >= ${textParam(d, 1)}) AND (${textParam(d, 2)} IS NULL OR s.received_at < ${textParam(d, 2)})
	AND (${textParam(d, 3)} IS NULL OR ${symbol} = ${textParam(d, 3)})
	AND (${textParam(d, 4)} IS NULL OR EXISTS (SELECT 1 FROM ${journal} AS b WHERE b.alert_id = s.alert_id AND b.broker = ${textParam(d, 4)}))
	AND (${textParam(d, 5)} IS NULL OR EXISTS (SELECT 1 FROM ${journal} AS a WHERE a.alert_id = s.alert_id AND a.kind = 'attempt'
		AND ${d.jsonText('a.detail', ['account'])} = ${textParam(d, 5)}))
	AND (${integerParam(d, 7)} IS NULL OR s.id < ${integerParam(d, 7)})
	) AS l
	WHERE (${textParam(d, 6)} IS NULL OR ${textParam(d, 6)} = CASE WHEN l.acknowledged_at IS NOT NULL THEN 'acknowledged'
		WHEN l.sent_at IS NOT NULL THEN 'unacknowledged' ELSE 'no_order' END)
	ORDER BY l.id DESC LIMIT ${d.param(8)}`;
}

const between = (start: string | null, end: string | null): number | null => (start === null || end === null ? null : Date.parse(end) - Date.parse(start));

function toLatencyItem(row: LatencyRow): LatencyItem {
	return {
		alertId: row.alert_id,
		receivedAt: row.received_at,
		symbol: row.symbol,
		scope: row.scope,
		orderSentAt: row.sent_at,
		acknowledgedAt: row.acknowledged_at,
		receivedToSentMs: between(row.received_at, row.sent_at),
		sentToAcknowledgedMs: between(row.sent_at, row.acknowledged_at),
		receivedToAcknowledgedMs: between(row.received_at, row.acknowledged_at),
		outcome: row.acknowledged_at !== null ? 'acknowledged' : row.sent_at !== null ? 'unacknowledged' : 'no_order',
	};
}

async function latencyRows(reader: LedgerReader, filter: ReportFilter, cursor: string | undefined, limit: number): Promise<Array<{ id: number; item: LatencyItem }>> {
	const params: ReadValue[] = [
		filter.from ?? null,
		filter.until ?? null,
		filter.symbol ?? null,
		filter.broker ?? null,
		filter.account === undefined ? null : accountKey(filter.account),
		filter.outcome ?? null,
		cursor === undefined ? null : Number(cursor),
		limit,
	];
	return (await reader.select<LatencyRow>(latencySql(reader.dialect), params)).map((row) => ({ id: Number(row.id), item: toLatencyItem(row) }));
}

export async function latencyReport(reader: LedgerReader, filter: ReportFilter): Promise<ReportPage<LatencyItem>> {
	const page = pageByIdBelow(await latencyRows(reader, filter, filter.cursor, filter.limit + 1), filter.limit, (row) => row.id);
	return { items: page.items.map((row) => row.item), nextCursor: page.nextCursor };
}

/** The nearest-rank percentile of ascending `sorted`: the smallest value with at least p% at or below it. */
export function percentile(sorted: readonly number[], p: number): number | null {
	if (sorted.length === 0) return null;
	return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1];
}

function summary(values: Array<number | null>): { p50: number | null; p95: number | null; max: number | null } {
	const sorted = values.filter((value): value is number => value !== null).sort((a, b) => a - b);
	return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.length ? sorted[sorted.length - 1] : null };
}

export async function latencyByDayReport(reader: LedgerReader, filter: ReportFilter): Promise<ReportPage<LatencyDayItem>> {
	const rows = (await latencyRows(reader, filter, undefined, DAILY_ROW_CAP)).map((row) => row.item);
	const byDay = new Map<string, LatencyItem[]>();
	for (const row of rows) {
		const day = row.receivedAt.slice(0, 10);
		const alerts = byDay.get(day) ?? [];
		alerts.push(row);
		byDay.set(day, alerts);
	}
	const days = [...byDay.entries()]
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([day, alerts]): LatencyDayItem => {
			const acknowledged = summary(alerts.map((alert) => alert.receivedToAcknowledgedMs));
			const sent = summary(alerts.map((alert) => alert.receivedToSentMs));
			return {
				day,
				accepted: alerts.length,
				acknowledged: alerts.filter((alert) => alert.acknowledgedAt !== null).length,
				receivedToAcknowledgedP50Ms: acknowledged.p50,
				receivedToAcknowledgedP95Ms: acknowledged.p95,
				receivedToAcknowledgedMaxMs: acknowledged.max,
				receivedToSentP50Ms: sent.p50,
				receivedToSentP95Ms: sent.p95,
				receivedToSentMaxMs: sent.max,
			};
		});
	return pageByOffset(days, filter.limit, filter.cursor);
}
