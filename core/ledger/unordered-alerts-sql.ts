import { type AlertFateRow, type SqlDialect, toAlertFate } from './alert-fate-sql';
import type { UnorderedAlert, UnorderedAlertQuery } from './unordered-alerts';

// The statement behind listUnorderedAlerts, written once for both backends (see alert-fate-sql.ts).

const DEFAULT_LIMIT = 1_000;

/** Parameters: 1 from (ms), 2 until (ms), 3 scope prefix, 4 its length, 5 limit. */
export function unorderedAlertsSql(d: SqlDialect): string {
	const fate = d.table('alert_fate');
	return `SELECT * FROM ${fate}
	WHERE ${fate}.accepted_at_ms >= ${d.param(1)} AND ${fate}.accepted_at_ms <= ${d.param(2)}
	AND substr(${fate}.scope, 1, ${d.param(4)}) = ${d.param(3)}
	AND ${fate}.stage <> 'settled'
	AND NOT EXISTS (SELECT 1 FROM ${d.table('order_event')} AS journal WHERE journal.alert_id = ${fate}.alert_id)
	ORDER BY ${fate}.accepted_at_ms, ${fate}.alert_id LIMIT ${d.param(5)}`;
}

export function unorderedAlertsParams(query: UnorderedAlertQuery): Array<string | number> {
	const prefix = query.scopePrefix ?? '';
	return [query.acceptedFrom.getTime(), query.acceptedUntil.getTime(), prefix, prefix.length, query.limit ?? DEFAULT_LIMIT];
}

export function toUnorderedAlert(row: AlertFateRow): UnorderedAlert {
	let item: Record<string, unknown> = {};
	try {
		const parsed = JSON.parse(row.item) as unknown;
		if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) item = parsed as Record<string, unknown>;
	} catch {
		// A row written by a test or an older version without an item: the fate alone is listed.
	}
	return { ...toAlertFate(row), item };
}
