// A page of a report: its items, and the cursor that asks for the next page (null on the last).

export interface ReportPage<T> {
	items: T[];
	nextCursor: string | null;
}

/**
 * Lists ordered newest first by a row id page by id: the cursor is the last id handed out, so
 * rows written while a user pages do not shift the pages.
 */
export function pageByIdBelow<T>(rows: T[], limit: number, idOf: (row: T) => number): ReportPage<T> {
	const items = rows.slice(0, limit);
	const more = rows.length > limit && items.length > 0;
	return { items, nextCursor: more ? String(idOf(items[items.length - 1])) : null };
}

/** Reports computed in full (few rows: accounts, days) page by position. */
export function pageByOffset<T>(all: readonly T[], limit: number, cursor: string | undefined): ReportPage<T> {
	const offset = cursor === undefined ? 0 : Number(cursor);
	const items = all.slice(offset, offset + limit);
	const next = offset + items.length;
	return { items, nextCursor: next < all.length ? String(next) : null };
}
