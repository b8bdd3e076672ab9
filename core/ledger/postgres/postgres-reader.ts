import { jsonPathSegments, type LedgerReader, type ReadDialect, type ReadValue } from '../ledger-reader';
import type { PostgresDatabase } from './postgres-database';

/** The reports' SELECTs on the shared PostgreSQL ledger. JSON columns are TEXT there, as in SQLite. */
export class PostgresReader implements LedgerReader {
	readonly dialect: ReadDialect;

	constructor(private readonly database: PostgresDatabase) {
		this.dialect = {
			...database.dialect,
			jsonText: (column, path) => `(${column}::json #>> '{${jsonPathSegments(path).join(',')}}')`,
		};
	}

	async select<R>(sql: string, params: readonly ReadValue[]): Promise<R[]> {
		return (await this.database.query<R>(sql, [...params])).rows;
	}
}
