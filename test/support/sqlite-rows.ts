import { DatabaseSync, type SQLInputValue } from 'node:sqlite';

/** The rows of a query, read through a read-only connection of its own, as another process would see the file. */
export function readOnlyRows(path: string, sql: string, ...params: SQLInputValue[]): Record<string, unknown>[] {
	const db = new DatabaseSync(path, { readOnly: true });
	try {
		return db
			.prepare(sql)
			.all(...params)
			.map((row) => ({ ...row }));
	} finally {
		db.close();
	}
}
