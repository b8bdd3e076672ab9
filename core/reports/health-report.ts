import type { Ledger } from '../ledger/ledger';
import type { ReadDialect } from '../ledger/ledger-reader';
import { listUnorderedAlerts, type UnorderedAlertItem } from '../reconcile/unordered-alerts';
import { groupedOrdersSql } from './orders-report';
import type { ReportFilter } from './report-filter';

// Health: one item that says whether trading works. Alerts accepted that never reached an order
// (reconcile/unordered-alerts.ts: never started, stuck, or given up by recovery), what the trigger
// refused and why, the orders that failed, and the kill switches that are on.

const HOUR_MS = 3_600_000;
const DEFAULT_WINDOW_HOURS = 168;
/** Alerts younger than this are still being handled and are not counted as unordered. */
const GRACE_MINUTES = 10;
/** How many unordered alerts the item lists (all are counted). */
const LISTED_UNORDERED = 100;

export interface HealthItem {
	from: string;
	until: string;
	signals: { accepted: number; duplicate: number; rejected: number };
	/** Rejected requests per reason (unauthorized, invalid_alert, stale_alert, ...). */
	rejectedByReason: Record<string, number>;
	/** Orders per outcome (placed, failed, pending, dry_run), by their first journal event. */
	ordersByOutcome: Record<string, number>;
	/** Accepted alerts with no order journal entry that were not settled, older than 10 minutes. */
	unorderedAlerts: number;
	/** …of which no execution ever started. */
	neverStarted: number;
	/** …of which recovery gave up. */
	lost: number;
	/** The first 100 of them, oldest first. */
	unordered: UnorderedAlertItem[];
	killSwitchesOn: Array<{ name: string; reason: string | null; changedAt: string }>;
}

/** Parameters: 1 from, 2 until. */
export function signalCountsSql(d: ReadDialect): string {
	return `SELECT outcome, reason, COUNT(*) AS n FROM ${d.table('signal_log')}
	WHERE received_at >= ${d.param(1)} AND received_at < ${d.param(2)} GROUP BY outcome, reason`;
}

/** Parameters: 1 from, 2 until. */
export function orderCountsSql(d: ReadDialect): string {
	return `SELECT outcome, COUNT(*) AS n FROM (${groupedOrdersSql(d)}) AS o
	WHERE o.first_at >= ${d.param(1)} AND o.first_at < ${d.param(2)} GROUP BY outcome`;
}

export function killSwitchesOnSql(d: ReadDialect): string {
	return `SELECT name, reason, changed_at FROM ${d.table('risk_switch')} WHERE is_on = 1 ORDER BY name`;
}

export async function healthReport(ledger: Ledger, filter: ReportFilter, now: Date): Promise<HealthItem> {
	const { reader } = ledger;
	const until = filter.until ?? now.toISOString();
	const from = filter.from ?? new Date(Date.parse(until) - DEFAULT_WINDOW_HOURS * HOUR_MS).toISOString();
	const signals = { accepted: 0, duplicate: 0, rejected: 0 };
	const rejectedByReason: Record<string, number> = {};
	for (const row of await reader.select<{ outcome: string; reason: string | null; n: number | string }>(signalCountsSql(reader.dialect), [from, until])) {
		if (row.outcome in signals) signals[row.outcome as keyof typeof signals] += Number(row.n);
		if (row.outcome === 'rejected') rejectedByReason[row.reason ?? 'unknown'] = (rejectedByReason[row.reason ?? 'unknown'] ?? 0) + Number(row.n);
	}
	const ordersByOutcome: Record<string, number> = {};
	for (const row of await reader.select<{ outcome: string; n: number | string }>(orderCountsSql(reader.dialect), [from, until])) {
		ordersByOutcome[row.outcome] = Number(row.n);
	}
	// The unordered alerts of the range, as "List Unordered Alerts" finds them, up to `until` less the grace.
	const lastAccepted = Math.min(Date.parse(until), now.getTime() - GRACE_MINUTES * 60_000);
	const unordered = await listUnorderedAlerts(
		{ acceptedWithinHours: (now.getTime() - Date.parse(from)) / HOUR_MS, olderThanMinutes: (now.getTime() - lastAccepted) / 60_000, workflowId: '', limit: 10_000 },
		ledger.orders,
		now,
	);
	const switches = await reader.select<{ name: string; reason: string | null; changed_at: string }>(killSwitchesOnSql(reader.dialect), []);
	return {
		from,
		until,
		signals,
		rejectedByReason,
		ordersByOutcome,
		unorderedAlerts: unordered.length,
		neverStarted: unordered.filter((alert) => alert.stage === 'accepted').length,
		lost: unordered.filter((alert) => alert.stage === 'lost').length,
		unordered: unordered.slice(0, LISTED_UNORDERED),
		killSwitchesOn: switches.map((row) => ({ name: row.name, reason: row.reason, changedAt: row.changed_at })),
	};
}
