import { integerParam, textParam, type LedgerReader, type ReadDialect, type ReadValue } from '../ledger/ledger-reader';
import { pageByIdBelow, type ReportPage } from './report-page';
import type { ReportFilter } from './report-filter';

// Signals: every request the trigger answered (the signal log), newest first. The symbol and
// action come from the accepted alert's item (alert_fate), which a duplicate shares.

export const SIGNAL_OUTCOMES = ['accepted', 'duplicate', 'rejected'] as const;

export interface SignalReportItem {
	id: number;
	receivedAt: string;
	outcome: string;
	httpStatus: number;
	/** Why it was rejected; null otherwise. */
	reason: string | null;
	alertId: string | null;
	symbol: string | null;
	action: string | null;
	/** The trigger: `<workflowId>/<nodeId>`. */
	scope: string;
	sourceIp: string | null;
	/** Rejections: the problems found; duplicates: the original acceptance. */
	details: unknown;
	/** The message as received, tokens redacted. */
	body: string;
}

interface SignalReportRow {
	id: number | string;
	received_at: string;
	outcome: string;
	http_status: number | string;
	reason: string | null;
	alert_id: string | null;
	symbol: string | null;
	action: string | null;
	scope: string;
	source_ip: string | null;
	details: string | null;
	body: string;
}

/** Parameters: 1 from, 2 until, 3 outcome, 4 symbol, 5 id below (cursor), 6 limit. */
export function signalsReportSql(d: ReadDialect): string {
	const symbol = d.jsonText('f.item', ['symbol']);
	return `SELECT s.id, s.received_at, s.outcome, s.http_status, s.reason, s.alert_id, s.scope, s.source_ip, s.details, s.body,
	${symbol} AS symbol, ${d.jsonText('f.item', ['action'])} AS action
	FROM ${d.table('signal_log')} AS s LEFT JOIN ${d.table('alert_fate')} AS f ON f.alert_id = s.alert_id
	WHERE (${textParam(d, 1)} IS NULL OR s.received_at >= ${textParam(d, 1)}) AND (${textParam(d, 2)} IS NULL OR s.received_at < ${textParam(d, 2)})
	AND (${textParam(d, 3)} IS NULL OR s.outcome = ${textParam(d, 3)}) AND (${textParam(d, 4)} IS NULL OR ${symbol} = ${textParam(d, 4)})
	AND (${integerParam(d, 5)} IS NULL OR s.id < ${integerParam(d, 5)})
	ORDER BY s.id DESC LIMIT ${d.param(6)}`;
}

function parseDetails(details: string | null): unknown {
	if (details === null) return null;
	try {
		return JSON.parse(details);
	} catch {
		return details;
	}
}

export async function signalsReport(reader: LedgerReader, filter: ReportFilter): Promise<ReportPage<SignalReportItem>> {
	const params: ReadValue[] = [
		filter.from ?? null,
		filter.until ?? null,
		filter.outcome ?? null,
		filter.symbol ?? null,
		filter.cursor === undefined ? null : Number(filter.cursor),
		filter.limit + 1,
	];
	const rows = await reader.select<SignalReportRow>(signalsReportSql(reader.dialect), params);
	const items = rows.map(
		(row): SignalReportItem => ({
			id: Number(row.id),
			receivedAt: row.received_at,
			outcome: row.outcome,
			httpStatus: Number(row.http_status),
			reason: row.reason,
			alertId: row.alert_id,
			symbol: row.symbol,
			action: row.action,
			scope: row.scope,
			sourceIp: row.source_ip,
			details: parseDetails(row.details),
			body: row.body,
		}),
	);
	return pageByIdBelow(items, filter.limit, (item) => item.id);
}
