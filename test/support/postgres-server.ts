import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { Client } from 'pg';

import type { PostgresLedgerConfig } from '../../core/ledger/postgres/postgres-config';

// A throw-away PostgreSQL server for tests: its own data folder in a temp directory, listening on
// 127.0.0.1 on a free port with password (SCRAM) login for an ordinary user, the superuser
// reachable only through a unix socket inside that folder. Durability is off: it is for tests.

const run = promisify(execFile);

const LEDGER_USER = 'ledger_test';
const SUPERUSER = 'postgres';
const NEEDED = ['initdb', 'pg_ctl', 'postgres'];

/** The same search as scripts/lib/postgres.mjs, which also installs PostgreSQL when missing. */
export function findPostgresBin(env: NodeJS.ProcessEnv = process.env): string {
	const explicit = env.TVAT_POSTGRES_BIN?.trim();
	const candidates = explicit
		? [explicit]
		: existsSync('/usr/lib/postgresql')
			? readdirSync('/usr/lib/postgresql')
					.filter((name) => /^\d+(\.\d+)?$/.test(name))
					.sort((a, b) => Number(b) - Number(a))
					.map((version) => join('/usr/lib/postgresql', version, 'bin'))
			: [];
	const found = candidates.find((folder) => NEEDED.every((name) => existsSync(join(folder, name))));
	if (!found) {
		throw new Error(
			'PostgreSQL server binaries not found (needed by the PostgreSQL ledger tests): run ' +
				'`node scripts/lib/postgres.mjs` as root to install them, or set TVAT_POSTGRES_BIN.',
		);
	}
	return found;
}

async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

const running = new Set<PostgresTestServer>();
process.once('exit', () => {
	for (const server of running) server.killNow();
});

export class PostgresTestServer {
	readonly host = '127.0.0.1';
	readonly user = LEDGER_USER;
	readonly password = `pw-${randomBytes(9).toString('hex')}`;
	private databases = 0;

	private constructor(
		readonly bin: string,
		readonly dir: string,
		readonly port: number,
		private readonly asPostgres: boolean,
	) {}

	get dataDir(): string {
		return join(this.dir, 'data');
	}

	/** initdb, start, and create the ledger's login role. */
	static async create(): Promise<PostgresTestServer> {
		const bin = findPostgresBin();
		const dir = mkdtempSync(join(tmpdir(), 'tv-pg-'));
		const asPostgres = process.getuid?.() === 0;
		const server = new PostgresTestServer(bin, dir, await freePort(), asPostgres);
		try {
			// initdb wants a superuser password once host logins need one; tests never use it.
			const passwordFile = join(dir, 'superuser-password');
			writeFileSync(passwordFile, `${randomBytes(12).toString('hex')}\n`);
			if (asPostgres) {
				// initdb and postgres refuse to run as root: the folder goes to the postgres user.
				const uid = Number(execFileSync('id', ['-u', SUPERUSER]).toString().trim());
				const gid = Number(execFileSync('id', ['-g', SUPERUSER]).toString().trim());
				chownSync(dir, uid, gid);
				chownSync(passwordFile, uid, gid);
			}
			await server.exec(join(bin, 'initdb'), [
				'-D',
				server.dataDir,
				'-U',
				SUPERUSER,
				`--pwfile=${passwordFile}`,
				'--auth-local=trust',
				'--auth-host=scram-sha-256',
				'-E',
				'UTF8',
				'--no-locale',
				'--no-sync',
			]);
			appendFileSync(
				join(server.dataDir, 'postgresql.conf'),
				[
					"listen_addresses = '127.0.0.1'",
					`port = ${server.port}`,
					`unix_socket_directories = '${dir}'`,
					'max_connections = 200',
					'shared_buffers = 32MB',
					'fsync = off',
					'synchronous_commit = off',
					'full_page_writes = off',
					"password_encryption = 'scram-sha-256'",
					'',
				].join('\n'),
			);
			await server.start();
			await server.asSuperuser('postgres', async (client) => {
				await client.query(`CREATE ROLE ${LEDGER_USER} LOGIN CREATEDB PASSWORD '${server.password}'`);
			});
			return server;
		} catch (error) {
			await server.remove();
			throw error;
		}
	}

	/** What the ledger is given to reach `database` as the ordinary test user, over TCP. */
	config(database: string, schema?: string): PostgresLedgerConfig {
		const config: PostgresLedgerConfig = {
			host: this.host,
			port: this.port,
			database,
			user: this.user,
			password: this.password,
			ssl: false,
		};
		if (schema !== undefined) config.schema = schema;
		return config;
	}

	/** A new, empty database owned by the test user; returns its name. */
	async createDatabase(prefix = 'ledger'): Promise<string> {
		const name = `${prefix}_${process.pid}_${++this.databases}`;
		await this.asSuperuser('postgres', async (client) => {
			await client.query(`CREATE DATABASE "${name}" OWNER ${LEDGER_USER}`);
		});
		return name;
	}

	/** Runs `work` as the superuser on `database`, through the unix socket. */
	async asSuperuser<T>(database: string, work: (client: Client) => Promise<T>): Promise<T> {
		const client = new Client({ host: this.dir, port: this.port, user: SUPERUSER, database });
		await client.connect();
		try {
			return await work(client);
		} finally {
			await client.end();
		}
	}

	async stop(): Promise<void> {
		running.delete(this);
		await this.exec(join(this.bin, 'pg_ctl'), ['-D', this.dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
	}

	/** Stops the server and starts it again on the same data folder and port. */
	async restart(): Promise<void> {
		await this.stop();
		await this.start();
	}

	/** Stops the server if it runs and deletes its folder. */
	async remove(): Promise<void> {
		if (running.has(this)) await this.stop().catch(() => this.killNow());
		rmSync(this.dir, { recursive: true, force: true });
	}

	/** Synchronous last resort when the test process exits without remove(). */
	killNow(): void {
		running.delete(this);
		try {
			execFileSync(...this.command(join(this.bin, 'pg_ctl'), ['-D', this.dataDir, '-m', 'immediate', 'stop']), {
				stdio: 'ignore',
			});
		} catch {
			// already stopped
		}
	}

	/** Starts the server on its data folder (after initdb, or again after stop). */
	async start(): Promise<void> {
		const log = join(this.dir, 'server.log');
		try {
			await this.exec(join(this.bin, 'pg_ctl'), ['-D', this.dataDir, '-l', log, '-w', '-t', '60', 'start']);
		} catch (error) {
			const tail = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
			throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${tail}`);
		}
		running.add(this);
	}

	private command(file: string, args: string[]): [string, string[]] {
		return this.asPostgres ? ['runuser', ['-u', SUPERUSER, '--', file, ...args]] : [file, args];
	}

	private async exec(file: string, args: string[]): Promise<void> {
		const [command, commandArgs] = this.command(file, args);
		await run(command, commandArgs, { cwd: this.dir, timeout: 120_000 });
	}
}

export async function startPostgresServer(): Promise<PostgresTestServer> {
	return await PostgresTestServer.create();
}
