import type { SqlDialect } from './alert-fate-sql';

// Read-only access to the ledger's tables for the reports (core/reports/): one SELECT text per
// query for both backends, written with the dialect, run by the backend that owns the connection.

export type ReadValue = string | number | null;

export interface ReadDialect extends SqlDialect {
	/** The text at `path` inside a JSON text column, or NULL when absent. */
	jsonText(column: string, path: readonly string[]): string;
}

export interface LedgerReader {
	readonly dialect: ReadDialect;
	/** Runs one SELECT and returns its rows; never writes. */
	select<R>(sql: string, params: readonly ReadValue[]): Promise<R[]>;
}

/** Path segments are written into the statement: only plain names may be used. */
export function jsonPathSegments(path: readonly string[]): readonly string[] {
	for (const segment of path) {
		if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(segment)) throw new Error(`not a JSON path segment: ${segment}`);
	}
	return path;
}

/** A parameter that may be NULL, typed so PostgreSQL can read `p IS NULL OR column = p` (SQLite ignores it). */
export function textParam(d: ReadDialect, index: number): string {
	return `CAST(${d.param(index)} AS TEXT)`;
}

export function integerParam(d: ReadDialect, index: number): string {
	return `CAST(${d.param(index)} AS BIGINT)`;
}
