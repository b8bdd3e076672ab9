import type { Ledger } from '../ledger/ledger';
import { dailyPnlReport } from './daily-pnl-report';
import { healthReport } from './health-report';
import { LATENCY_OUTCOMES, latencyByDayReport, latencyReport } from './latency-report';
import { ORDER_OUTCOMES, ordersReport } from './orders-report';
import { positionsReport } from './positions-report';
import { parseReportFilter } from './report-filter';
import type { ReportPage } from './report-page';
import { SIGNAL_OUTCOMES, signalsReport } from './signals-report';

// The Ledger reports by name: each reads its filter, runs on the ledger and returns a page of
// plain items.

export const REPORT_NAMES = ['signals', 'orders', 'positions', 'dailyPnl', 'latency', 'latencyByDay', 'health'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

/** The outcome values each report filters on (none: the report has no outcome filter). */
export const REPORT_OUTCOMES: Record<ReportName, readonly string[]> = {
	signals: SIGNAL_OUTCOMES,
	orders: ORDER_OUTCOMES,
	positions: [],
	dailyPnl: [],
	latency: LATENCY_OUTCOMES,
	latencyByDay: LATENCY_OUTCOMES,
	health: [],
};

export type ReportItem = Record<string, unknown>;

/** Runs `report` with `filterInput` (see report-filter.ts); a wrong filter throws ReportFilterError. */
export async function runReport(report: ReportName, filterInput: unknown, ledger: Ledger, now: Date = new Date()): Promise<ReportPage<ReportItem>> {
	const filter = parseReportFilter(filterInput, REPORT_OUTCOMES[report]);
	const page = await (async (): Promise<ReportPage<object>> => {
		switch (report) {
			case 'signals':
				return await signalsReport(ledger.reader, filter);
			case 'orders':
				return await ordersReport(ledger.reader, filter);
			case 'positions':
				return await positionsReport(ledger.reader, filter);
			case 'dailyPnl':
				return await dailyPnlReport(ledger.reader, filter);
			case 'latency':
				return await latencyReport(ledger.reader, filter);
			case 'latencyByDay':
				return await latencyByDayReport(ledger.reader, filter);
			case 'health':
				return { items: [await healthReport(ledger, filter, now)], nextCursor: null };
		}
	})();
	return page as ReportPage<ReportItem>;
}

/** Every page of `report` from the filter's cursor on, up to `maxItems` items. */
export async function runReportToEnd(report: ReportName, filterInput: Record<string, unknown>, ledger: Ledger, maxItems: number, now?: Date): Promise<ReportItem[]> {
	const items: ReportItem[] = [];
	let cursor = filterInput.cursor;
	for (;;) {
		const page = await runReport(report, { ...filterInput, cursor, limit: 1_000 }, ledger, now);
		items.push(...page.items);
		if (page.nextCursor === null || items.length >= maxItems) return items.slice(0, maxItems);
		cursor = page.nextCursor;
	}
}

/** With Return All, at most this many rows are read in one run. */
export const RETURN_ALL_CAP = 100_000;

/** One page of `report`, or with `returnAll` every row from the filter's cursor on (up to RETURN_ALL_CAP) as the last page. */
export async function readReport(report: ReportName, filterInput: Record<string, unknown>, ledger: Ledger, returnAll: boolean): Promise<ReportPage<ReportItem>> {
	if (!returnAll) return await runReport(report, filterInput, ledger);
	return { items: await runReportToEnd(report, filterInput, ledger, RETURN_ALL_CAP), nextCursor: null };
}
