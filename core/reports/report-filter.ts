import { z } from 'zod';

import { ReportFilterError } from './report-error';

// The filter every report takes. Times are ISO 8601 instants; `from` is inclusive, `until`
// exclusive. Empty strings (an n8n field left blank) mean "no filter".

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** A date and time without a zone (what n8n's date picker gives) is read as UTC, on every server alike. */
function withZone(value: string): string {
	return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value) ? `${value}Z` : value;
}

const instant = z.preprocess(
	blankToUndefined,
	z
		.union([z.string().trim(), z.date()])
		.transform((value, ctx) => {
			const ms = value instanceof Date ? value.getTime() : Date.parse(withZone(value));
			if (!Number.isFinite(ms)) {
				ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a date and time, such as 2024-03-01T00:00:00Z' });
				return z.NEVER;
			}
			return new Date(ms).toISOString();
		})
		.optional(),
);

const text = z.preprocess(blankToUndefined, z.string().trim().min(1).optional());

export const MAX_PAGE_SIZE = 1_000;

export const reportFilterSchema = z
	.object({
		from: instant,
		until: instant,
		symbol: text,
		/** `paper:<Paper Account>` or `<broker>:<credential id>`, as the journal records it; a bare name is a paper account. */
		account: text,
		/** `paper`, `alpaca`, `oanda`, `binance` or a ccxt exchange. */
		broker: text,
		outcome: text,
		limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(100),
		/** The `nextCursor` of the previous page. */
		cursor: z.preprocess(blankToUndefined, z.string().trim().regex(/^\d+$/, 'must be the nextCursor of a previous page').optional()),
	})
	.refine((filter) => filter.from === undefined || filter.until === undefined || filter.from < filter.until, {
		message: 'must be later than from',
		path: ['until'],
	});

export type ReportFilterInput = z.input<typeof reportFilterSchema>;
export type ReportFilter = z.output<typeof reportFilterSchema>;

/** The journal's account key for a filter value: a bare name is a paper account. */
export function accountKey(account: string): string {
	return account.includes(':') ? account : `paper:${account}`;
}

/** The paper account's own name in the paper tables, or null for a broker account. */
export function paperAccountName(accountKeyValue: string): string | null {
	return accountKeyValue.startsWith('paper:') ? accountKeyValue.slice('paper:'.length) : null;
}

/** Reads a report's filter; a wrong field throws a ReportFilterError naming it. */
export function parseReportFilter(input: unknown, outcomes: readonly string[]): ReportFilter {
	const parsed = reportFilterSchema.safeParse(input ?? {});
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new ReportFilterError(issue.path.join('.') || 'filter', issue.message);
	}
	const { outcome } = parsed.data;
	if (outcome !== undefined && !outcomes.includes(outcome)) {
		const allowed = outcomes.length === 0 ? 'this report has no outcome filter' : `must be one of ${outcomes.join(', ')}`;
		throw new ReportFilterError('outcome', `${allowed} (got "${outcome}")`);
	}
	return parsed.data;
}
