/** Where the shared PostgreSQL ledger lives. Plain data, so nodes can build it from any source. */
export interface PostgresLedgerConfig {
	host: string;
	port: number;
	database: string;
	user: string;
	password: string;
	/** false: no TLS. Otherwise TLS, verifying the server's certificate unless told not to. */
	ssl: false | { rejectUnauthorized: boolean };
	/** The PostgreSQL schema holding the ledger's tables; DEFAULT_LEDGER_SCHEMA when absent. */
	schema?: string;
}

/** Our own schema, so the tables never meet n8n's when both share one database. */
export const DEFAULT_LEDGER_SCHEMA = 'tradingview_autotrade';

/**
 * The fields of n8n's built-in `postgres` credential that we use, as `getCredentials` returns
 * them. `ssl` is shown only while `allowUnauthorizedCerts` is off.
 */
export interface PostgresCredentialData {
	host?: unknown;
	port?: unknown;
	database?: unknown;
	user?: unknown;
	password?: unknown;
	ssl?: unknown;
	allowUnauthorizedCerts?: unknown;
	sshTunnel?: unknown;
}

const SSL_MODES = ['disable', 'allow', 'require', 'verify', 'verify-full'];

/**
 * Maps n8n's `postgres` credential the way n8n's own Postgres node does: "Ignore SSL Issues" means
 * TLS without certificate checks; otherwise any SSL mode but `disable` means TLS with them.
 */
export function postgresConfigFromCredential(data: PostgresCredentialData, schema?: string): PostgresLedgerConfig {
	if (data.sshTunnel === true) {
		throw new Error('the Postgres credential uses an SSH tunnel, which the ledger does not support');
	}
	const host = requiredText(data.host, 'host');
	const database = requiredText(data.database, 'database');
	const user = requiredText(data.user, 'user');
	const port = data.port === undefined || data.port === null || data.port === '' ? 5432 : Number(data.port);
	if (!Number.isInteger(port) || port < 1 || port > 65_535) {
		throw new Error(`the Postgres credential's port must be a whole number from 1 to 65535, not ${String(data.port)}`);
	}
	const password = typeof data.password === 'string' ? data.password : '';
	const config: PostgresLedgerConfig = { host, port, database, user, password, ssl: sslOf(data) };
	if (schema !== undefined) config.schema = validLedgerSchema(schema);
	return config;
}

function sslOf(data: PostgresCredentialData): PostgresLedgerConfig['ssl'] {
	if (data.allowUnauthorizedCerts === true) return { rejectUnauthorized: false };
	const mode = data.ssl === undefined || data.ssl === null || data.ssl === '' ? 'disable' : data.ssl;
	if (typeof mode !== 'string' || !SSL_MODES.includes(mode)) {
		throw new Error(`the Postgres credential's SSL mode must be one of ${SSL_MODES.join(', ')}, not ${String(mode)}`);
	}
	return mode === 'disable' ? false : { rejectUnauthorized: true };
}

function requiredText(value: unknown, field: string): string {
	if (typeof value !== 'string' || value.trim() === '') {
		throw new Error(`the Postgres credential needs a ${field}`);
	}
	return value.trim();
}

/**
 * A schema name as PostgreSQL keeps it: not empty and at most 63 bytes (a longer one would be
 * cut short silently, and the ledger would then look for a schema that does not exist).
 */
export function validLedgerSchema(schema: string | undefined): string {
	const name = schema === undefined ? DEFAULT_LEDGER_SCHEMA : schema.trim();
	if (name === '') throw new Error('the ledger schema name must not be empty');
	if (Buffer.byteLength(name, 'utf8') > 63) throw new Error(`the ledger schema name is longer than 63 bytes: ${name}`);
	if (name.includes('\0')) throw new Error('the ledger schema name must not contain a NUL character');
	return name;
}

export const POOL_SIZE_ENV = 'TRADINGVIEW_AUTOTRADE_PG_POOL_SIZE';
const DEFAULT_POOL_SIZE = 10;

/**
 * Connections per process and credential. A worker runs up to its `--concurrency` executions at
 * once (10 by default) and each holds at most one connection at a time, so the default matches
 * n8n's; raise it with the worker's concurrency. An unusable value falls back to the default.
 */
export function ledgerPoolSize(env: NodeJS.ProcessEnv): number {
	const value = Number(env[POOL_SIZE_ENV]?.trim());
	return Number.isInteger(value) && value >= 1 && value <= 200 ? value : DEFAULT_POOL_SIZE;
}
