import type { SQLInputValue } from 'node:sqlite';

import { sqliteDialect } from '../alert-fate-sql';
import { jsonPathSegments, type LedgerReader, type ReadDialect, type ReadValue } from '../ledger-reader';
import type { SqliteDatabase } from './sqlite-database';

export const sqliteReadDialect: ReadDialect = {
	...sqliteDialect,
	jsonText: (column, path) => `json_extract(${column}, '$.${jsonPathSegments(path).join('.')}')`,
};

/** The reports' SELECTs on the embedded SQLite ledger. */
export class SqliteReader implements LedgerReader {
	readonly dialect = sqliteReadDialect;

	constructor(private readonly database: SqliteDatabase) {}

	async select<R>(sql: string, params: readonly ReadValue[]): Promise<R[]> {
		return this.database.db.prepare(sql).all(...(params as SQLInputValue[])) as unknown as R[];
	}
}
