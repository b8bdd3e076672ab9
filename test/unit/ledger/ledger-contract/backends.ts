import type { Ledger } from '../../../../core/ledger/ledger';
import { openSqliteLedger } from '../../../../core/ledger/open-ledger';
import { openPostgresLedger } from '../../../../core/ledger/open-postgres-ledger';
import type { PostgresLedgerConfig } from '../../../../core/ledger/postgres/postgres-config';
import { startPostgresServer, type PostgresTestServer } from '../../../support/postgres-server';
import { makeTempDir, type TempDir } from '../temp-ledger-dir';

// The same contract tests run on every backend. A backend hands out fresh, empty stores; a store
// can be opened several times (separate connections or pools, as separate n8n processes would)
// and restarted; whatever a test opened is closed after it.

/** How a child process opens the same store. */
export type LedgerSpec = { kind: 'sqlite'; path: string } | { kind: 'postgres'; config: PostgresLedgerConfig };

export interface LedgerStore {
	/** Opens one more handle on this store: its own SQLite connection or PostgreSQL pool. */
	open(): Promise<Ledger>;
	/**
	 * SQLite: closes every handle, as a stopped n8n would (open again afterwards).
	 * PostgreSQL: restarts the server; handles stay usable and reconnect.
	 */
	restart(): Promise<void>;
	spec: LedgerSpec;
}

export interface LedgerBackend {
	name: 'sqlite' | 'postgres';
	newStore(): Promise<LedgerStore>;
}

/** Registers the hooks that clean up after each test and returns the backend. */
export function useSqliteBackend(): LedgerBackend {
	const dirs: TempDir[] = [];
	const opened: Ledger[] = [];
	afterEach(async () => {
		await Promise.all(opened.splice(0).map(async (ledger) => await ledger.close()));
		for (const dir of dirs.splice(0)) dir.remove();
	});
	return {
		name: 'sqlite',
		newStore: async () => {
			const dir = makeTempDir();
			dirs.push(dir);
			const path = dir.file('ledger.sqlite');
			const mine: Ledger[] = [];
			return {
				spec: { kind: 'sqlite', path },
				open: async () => {
					const ledger = openSqliteLedger(path);
					opened.push(ledger);
					mine.push(ledger);
					return ledger;
				},
				restart: async () => {
					await Promise.all(mine.splice(0).map(async (ledger) => await ledger.close()));
				},
			};
		},
	};
}

/** Starts one PostgreSQL server and database for the file; each store is a schema of its own. */
export function usePostgresBackend(): LedgerBackend & { server(): PostgresTestServer } {
	let server: PostgresTestServer | undefined;
	let database = '';
	let stores = 0;
	const opened: Ledger[] = [];
	beforeAll(async () => {
		server = await startPostgresServer();
		database = await server.createDatabase('contract');
	}, 120_000);
	afterEach(async () => {
		await Promise.all(opened.splice(0).map(async (ledger) => await ledger.close()));
	});
	afterAll(async () => {
		await server?.remove();
	}, 120_000);
	const running = (): PostgresTestServer => {
		if (!server) throw new Error('the PostgreSQL test server did not start');
		return server;
	};
	return {
		name: 'postgres',
		server: running,
		newStore: async () => {
			const config = running().config(database, `store_${++stores}`);
			return {
				spec: { kind: 'postgres', config },
				open: async () => {
					const ledger = await openPostgresLedger(config);
					opened.push(ledger);
					return ledger;
				},
				restart: async () => await running().restart(),
			};
		},
	};
}
