import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';

import type { SqlDialect } from '../alert-fate-sql';
import { ledgerPoolSize, validLedgerSchema, type PostgresLedgerConfig } from './postgres-config';

// Loaded on first use so that merely loading the package never loads the PostgreSQL driver.
function loadPg(): typeof import('pg') {
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- pg is loaded lazily, see above
	return require('pg') as typeof import('pg');
}

export type SqlValue = string | number | boolean | null;

/** What a store runs its statements on: the pool outside a transaction, one client inside. */
export interface SqlRunner {
	query<R>(sql: string, params?: SqlValue[]): Promise<{ rows: R[]; rowCount: number }>;
}

/**
 * A pg.Pool for one ledger, shared by its stores. Tables are named through `table()`, always
 * qualified with the ledger's own schema. Isolation is PostgreSQL's default, read committed:
 * stores that must count-then-write serialize on an advisory lock instead (`lockKey`).
 */
export class PostgresDatabase implements SqlRunner {
	readonly schema: string;
	/** How the statements written once for both backends name this ledger's tables and parameters. */
	readonly dialect: SqlDialect;
	private readonly pool: Pool;
	private closed = false;

	constructor(config: PostgresLedgerConfig) {
		this.schema = validLedgerSchema(config.schema);
		this.dialect = postgresDialect(this);
		const pg = loadPg();
		this.pool = new pg.Pool({
			host: config.host,
			port: config.port,
			database: config.database,
			user: config.user,
			password: config.password,
			ssl: config.ssl === false ? false : { rejectUnauthorized: config.ssl.rejectUnauthorized },
			max: ledgerPoolSize(process.env),
			connectionTimeoutMillis: 10_000,
			idleTimeoutMillis: 30_000,
			keepAlive: true,
			// A transaction left open by a process that hung must not hold its locks for ever.
			idle_in_transaction_session_timeout: 60_000,
			application_name: 'n8n-nodes-tradingview-autotrade',
		});
		// An idle connection that the server drops (a restart, a failover) must not crash n8n: the
		// pool discards it and the next query opens a new one.
		this.pool.on('error', () => undefined);
	}

	/** `"<schema>"."<name>"`. */
	table(name: string): string {
		return `${quoteIdentifier(this.schema)}.${quoteIdentifier(name)}`;
	}

	/** A 64-bit advisory lock key for these parts, private to this ledger's schema. */
	lockKey(...parts: string[]): string {
		const digest = createHash('sha256').update(JSON.stringify([this.schema, ...parts])).digest();
		return digest.readBigInt64BE(0).toString();
	}

	async query<R>(sql: string, params: SqlValue[] = []): Promise<{ rows: R[]; rowCount: number }> {
		const result = await this.pool.query(sql, params);
		return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
	}

	/** Runs `work` between BEGIN and COMMIT on one connection; any error rolls it all back. */
	async transaction<T>(work: (client: SqlRunner) => Promise<T>): Promise<T> {
		const client = await this.pool.connect();
		// A connection lost while checked out reports here rather than crashing the process; the
		// statement that was waiting on it fails on its own.
		const onError = (): void => undefined;
		client.on('error', onError);
		let broken = false;
		try {
			await client.query('BEGIN');
			const result = await work(runnerOf(client));
			await client.query('COMMIT');
			return result;
		} catch (error) {
			try {
				await client.query('ROLLBACK');
			} catch {
				broken = true;
			}
			throw error;
		} finally {
			client.off('error', onError);
			client.release(broken);
		}
	}

	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		await this.pool.end();
	}
}

function runnerOf(client: PoolClient): SqlRunner {
	return {
		query: async <R>(sql: string, params: SqlValue[] = []) => {
			const result = await client.query(sql, params);
			return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
		},
	};
}

export function quoteIdentifier(name: string): string {
	return `"${name.replace(/"/g, '""')}"`;
}

function postgresDialect(database: PostgresDatabase): SqlDialect {
	return { table: (name) => database.table(name), param: (index) => `$${index}` };
}
