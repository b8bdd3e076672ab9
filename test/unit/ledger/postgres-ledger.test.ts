import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { PaperBroker } from '../../../core/brokers/paper/paper-broker';
import type { Ledger } from '../../../core/ledger/ledger';
import {
	closeSharedPostgresLedgers,
	openPostgresLedger,
	sharedPostgresLedger,
} from '../../../core/ledger/open-postgres-ledger';
import { startPostgresServer, type PostgresTestServer } from '../../support/postgres-server';

const AT = new Date('2024-03-01T12:00:00.000Z');

jest.setTimeout(60_000);

function signal(alertId: string, receivedAt = AT) {
	return { receivedAt, scope: 'wf/node', sourceIp: null, alertId, body: '{}' };
}

describe('the PostgreSQL ledger on a real server', () => {
	let server: PostgresTestServer;
	const opened: Ledger[] = [];

	const open = async (database: string, schema?: string): Promise<Ledger> => {
		const ledger = await openPostgresLedger(server.config(database, schema));
		opened.push(ledger);
		return ledger;
	};

	beforeAll(async () => {
		server = await startPostgresServer();
	}, 120_000);

	afterEach(async () => {
		await closeSharedPostgresLedgers();
		await Promise.all(opened.splice(0).map(async (ledger) => await ledger.close()));
	});

	afterAll(async () => {
		await server?.remove();
	}, 120_000);

	it('creates its tables in the schema tradingview_autotrade, beside nothing of its own in public', async () => {
		const database = await server.createDatabase();
		await open(database);

		const tables = await server.asSuperuser(database, async (client) => {
			const { rows } = await client.query<{ table_schema: string; table_name: string }>(
				"SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2",
			);
			return rows.map((row) => `${row.table_schema}.${row.table_name}`);
		});
		expect(tables).toEqual(
			[
				'alert_fate',
				'alert_passage',
				'alert_sequence',
				'ledger_meta',
				'ledger_process',
				'order_claim',
				'order_event',
				'paper_account',
				'paper_mark',
				'paper_order',
				'paper_position',
				'risk_approval',
				'risk_day_mark',
				'risk_reservation',
				'risk_switch',
				'signal_claim',
				'signal_log',
				'signal_start',
			].map((name) => `tradingview_autotrade.${name}`),
		);
		const columns = await server.asSuperuser(database, async (client) => {
			const { rows } = await client.query<{ table_name: string; column_name: string; data_type: string }>(
				`SELECT table_name, column_name, data_type FROM information_schema.columns
				WHERE table_schema = 'tradingview_autotrade' AND column_name IN ('id', 'expires_at_ms', 'cash', 'received_at', 'started_at', 'started_at_ms')
				ORDER BY 1, 2`,
			);
			return rows.map((row) => `${row.table_name}.${row.column_name} ${row.data_type}`);
		});
		expect(columns).toEqual([
			'order_event.id bigint',
			'paper_account.cash double precision',
			'risk_approval.expires_at_ms bigint',
			'risk_approval.id text',
			'risk_reservation.expires_at_ms bigint',
			'risk_reservation.id text',
			'signal_claim.expires_at_ms bigint',
			'signal_log.id bigint',
			'signal_log.received_at text',
			'signal_start.started_at text',
			'signal_start.started_at_ms bigint',
		]);
		const version = await server.asSuperuser(database, async (client) =>
			(await client.query('SELECT key, value FROM tradingview_autotrade.ledger_meta')).rows,
		);
		expect(version).toEqual([{ key: 'schema_version', value: '1' }]);
	});

	it('keeps two schemas of one database apart, whatever their names', async () => {
		const database = await server.createDatabase();
		const first = await open(database, 'desk_a');
		const second = await open(database, 'Desk "B"');

		expect(await first.signals.admitSignal(signal('a-1'), 60_000)).toBe('accepted');
		expect(await second.signals.admitSignal(signal('a-1'), 60_000)).toBe('accepted');
		expect(await first.signals.admitSignal(signal('a-1'), 60_000)).toBe('duplicate');
		expect(await second.signals.listSignals()).toHaveLength(1);
	});

	it('opens from 8 pools at once on a fresh database: one of them creates the tables, all work', async () => {
		const database = await server.createDatabase();

		const ledgers = await Promise.all(Array.from({ length: 8 }, async () => await open(database)));

		const outcomes = await Promise.all(ledgers.map(async (ledger) => await ledger.signals.admitSignal(signal('same'), 60_000)));
		expect(outcomes.filter((outcome) => outcome === 'accepted')).toHaveLength(1);
		const schemas = await server.asSuperuser(database, async (client) =>
			(await client.query("SELECT nspname FROM pg_namespace WHERE nspname = 'tradingview_autotrade'")).rowCount,
		);
		expect(schemas).toBe(1);
	}, 120_000);

	it('uses a schema prepared for it when its user may not create schemas in the database', async () => {
		const database = await server.createDatabase('locked');
		await server.asSuperuser(database, async (client) => {
			await client.query(`ALTER DATABASE "${database}" OWNER TO postgres`);
			await client.query(`REVOKE CREATE ON DATABASE "${database}" FROM PUBLIC`);
			await client.query(`CREATE SCHEMA tradingview_autotrade AUTHORIZATION ${server.user}`);
		});

		const ledger = await open(database);

		expect(await ledger.signals.admitSignal(signal('a-1'), 60_000)).toBe('accepted');
		await expect(open(database, 'not_prepared')).rejects.toThrow('permission denied');
	});

	it('works for a user that may only read and write tables made by another', async () => {
		const database = await server.createDatabase();
		await open(database, 'desk');
		await server.asSuperuser(database, async (client) => {
			await client.query("CREATE ROLE ledger_dml LOGIN PASSWORD 'dml-test-password'");
			await client.query('GRANT USAGE ON SCHEMA desk TO ledger_dml');
			await client.query('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA desk TO ledger_dml');
			await client.query('GRANT USAGE ON ALL SEQUENCES IN SCHEMA desk TO ledger_dml');
		});

		const ledger = await openPostgresLedger({ ...server.config(database, 'desk'), user: 'ledger_dml', password: 'dml-test-password' });
		opened.push(ledger);

		expect(await ledger.signals.admitSignal(signal('a-1'), 60_000)).toBe('accepted');
		const reservation = await ledger.risk.reserve({
			book: 'b',
			symbol: 'AAPL',
			alertId: null,
			at: AT,
			expiresAt: new Date(AT.getTime() + 60_000),
			limits: [{ code: 'max', symbol: null, sinceMs: 0, max: 1 }],
			killSwitch: null,
			detail: null,
		});
		expect(reservation).toMatchObject({ reserved: true, repeated: false });
		const placed = await new PaperBroker(ledger.paper, { account: 'main', startingCash: 1000, currency: 'USD', now: () => AT }).markPrice(
			'AAPL',
			10,
		);
		expect(placed).toEqual([]);
	});

	it('adds the start marks table to a ledger made before it existed, keeping what the ledger holds', async () => {
		const database = await server.createDatabase();
		const before = await open(database);
		expect(await before.signals.admitSignal(signal('a-1'), 60_000)).toBe('accepted');
		await server.asSuperuser(database, async (client) => {
			await client.query('DROP TABLE tradingview_autotrade.signal_start');
			await client.query('DROP INDEX tradingview_autotrade.signal_claim_alert');
		});

		const after = await open(database);

		expect(await after.signals.markStarted('a-1', new Date(AT.getTime() + 1), 'Risk Check')).toBe(true);
		expect(await after.signals.admitSignal(signal('a-1', new Date(AT.getTime() + 2)), 60_000)).toBe('duplicate');
		expect((await after.signals.listSignals()).map((row) => row.details)).toEqual([
			null,
			{
				originalAcceptedAt: AT.toISOString(),
				originalStarted: true,
				originalStartedAt: new Date(AT.getTime() + 1).toISOString(),
				originalStartedBy: 'Risk Check',
			},
		]);
	});

	it('returns BIGINT ids and times as numbers', async () => {
		const ledger = await open(await server.createDatabase());
		await ledger.signals.admitSignal(signal('a-1'), 60_000);
		await ledger.orders.record({ at: AT, scope: 's', broker: 'paper', alertId: 'a-1', clientOrderId: 'c', kind: 'placed', detail: {} });

		expect((await ledger.signals.listSignals())[0].id).toBe(1);
		expect((await ledger.orders.list())[0].id).toBe(1);
	});

	it('reports a wrong password and a missing database as errors', async () => {
		await expect(openPostgresLedger({ ...server.config('postgres'), password: 'wrong' })).rejects.toThrow(
			'password authentication failed',
		);
		await expect(openPostgresLedger(server.config('no_such_database'))).rejects.toThrow('does not exist');
	});

	it('keeps working through a server restart: a call while it is down fails, later calls succeed', async () => {
		const ledger = await open(await server.createDatabase());
		expect(await ledger.signals.admitSignal(signal('a-1'), 60_000)).toBe('accepted');

		await server.stop();
		try {
			await expect(ledger.signals.admitSignal(signal('a-2'), 60_000)).rejects.toThrow();
		} finally {
			await server.start();
		}

		expect(await ledger.signals.admitSignal(signal('a-1'), 60_000)).toBe('duplicate');
		expect(await ledger.signals.admitSignal(signal('a-2'), 60_000)).toBe('accepted');
	}, 120_000);

	describe('sharedPostgresLedger', () => {
		it('returns one ledger per configuration, also to callers that arrive while it opens', async () => {
			const database = await server.createDatabase();
			const config = server.config(database);

			const [first, second] = await Promise.all([sharedPostgresLedger(config), sharedPostgresLedger({ ...config })]);
			const third = await sharedPostgresLedger(server.config(database));
			const otherSchema = await sharedPostgresLedger(server.config(database, 'other'));

			expect(second).toBe(first);
			expect(third).toBe(first);
			expect(otherSchema).not.toBe(first);
			expect(await first.signals.admitSignal(signal('a-1'), 60_000)).toBe('accepted');
			expect(await third.signals.admitSignal(signal('a-1'), 60_000)).toBe('duplicate');
		});

		it('forgets a failed open, so the next call tries again', async () => {
			const name = `late_${process.pid}`;
			const config = server.config(name);
			await expect(sharedPostgresLedger(config)).rejects.toThrow('does not exist');

			await server.asSuperuser('postgres', async (client) => await client.query(`CREATE DATABASE ${name} OWNER ${server.user}`));

			const ledger = await sharedPostgresLedger(config);
			expect(await ledger.signals.admitSignal(signal('a-1'), 60_000)).toBe('accepted');
		});

		it('closeSharedPostgresLedgers closes them all and the next call opens a new one', async () => {
			const config = server.config(await server.createDatabase());
			const first = await sharedPostgresLedger(config);
			expect(await first.signals.admitSignal(signal('a-1'), 60_000)).toBe('accepted');

			await closeSharedPostgresLedgers();

			await expect(first.signals.listSignals()).rejects.toThrow();
			const reopened = await sharedPostgresLedger(config);
			expect(reopened).not.toBe(first);
			expect(await reopened.signals.admitSignal(signal('a-1'), 60_000)).toBe('duplicate');
			await expect(closeSharedPostgresLedgers()).resolves.toBeUndefined();
		});
	});
});

describe('loading the PostgreSQL ledger', () => {
	it('does not load the pg driver until a ledger is opened', () => {
		const script = `
			const fs = require('node:fs');
			const ts = require(${JSON.stringify(require.resolve('typescript'))});
			require.extensions['.ts'] = (module, filename) => {
				const output = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
					fileName: filename,
					compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
				});
				module._compile(output.outputText, filename);
			};
			const loaded = () => Object.keys(require.cache).some((path) => path.includes('/node_modules/pg/'));
			const module = require(${JSON.stringify(join(__dirname, '../../../core/ledger/open-postgres-ledger.ts'))});
			const before = loaded();
			module.openPostgresLedger({ host: '127.0.0.1', port: 1, database: 'x', user: 'x', password: 'x', ssl: false }).catch(() => undefined);
			process.stdout.write(JSON.stringify({ before, after: loaded() }));
			process.exit(0);
		`;

		const output = execFileSync(process.execPath, ['-e', script]).toString();

		expect(JSON.parse(output)).toEqual({ before: false, after: true });
	});
});
