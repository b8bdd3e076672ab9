import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { appendFileSync, cpSync, createWriteStream, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { parse as unflatten } from 'flatted';
import { Client } from 'pg';

import { DEFAULT_LEDGER_SCHEMA } from '../../../core/ledger/postgres/postgres-config';
import { freePort, LocalN8n } from '../../../scripts/lib/local-n8n.cjs';
import { PostgresTestServer } from '../../support/postgres-server';
import type { E2eEnvironment } from './e2e-environment';
import { PACKAGE_NAME } from './n8n-instance';
import type { ExecutionRecord } from './n8n-executions';

// n8n 2.41.1 in queue mode on this machine: a throw-away PostgreSQL (n8n's database and the
// ledger's, one server), a throw-away Redis (n8n's job queue), one main (`n8n start`), one webhook
// processor (`n8n webhook`) and workers (`n8n worker`). Every n8n process has its own user folder
// with the packed package installed in `.n8n/nodes`, as separate containers would; they share the
// database, Redis and the encryption key. Every process runs in its own process group, so killing
// one (a worker "crash") also kills the task runner it started, as a container's death would.

const run = promisify(execFile);

const ENCRYPTION_KEY = 'e2e-queue-encryption-key-not-a-secret-0123';
const OWNER = { email: 'queue@example.com', firstName: 'Queue', lastName: 'Mode', password: 'E2e-queue-tester-1' };

/** n8n's own Postgres credential the harness creates for the ledger database; nodes refer to it by id and name. */
export const LEDGER_CREDENTIAL = { id: 'tvE2eQueueLedger1', name: 'Queue ledger database' };

export interface QueueClusterOptions {
	/** Credentials imported besides the ledger's Postgres credential. */
	credentials: unknown[];
	/** Workflows imported and published before the main starts. */
	workflows: Array<{ id: string }>;
	/** Webhook paths (after /webhook/) to wait for on the webhook processor before start() returns. */
	webhookPaths?: string[];
	workers?: number;
	/** `n8n worker --concurrency`. */
	concurrency?: number;
	/** Extra environment for every n8n process. */
	env?: Record<string, string>;
}

type Role = 'main' | 'webhook' | `worker-${number}` | 'cli';

interface Member {
	role: Role;
	n8n: LocalN8n;
	child: ChildProcess | null;
}

/** Every child process group still alive, killed synchronously if the test process exits first. */
const liveGroups = new Set<ChildProcess>();
process.once('exit', () => {
	for (const child of liveGroups) killGroup(child, 'SIGKILL');
});
// The groups are detached, so a Ctrl-C in the terminal does not reach them: pass it on, then
// let the signal do what it would have done.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	const onSignal = (): void => {
		for (const child of liveGroups) killGroup(child, 'SIGKILL');
		process.removeListener(signal, onSignal);
		process.kill(process.pid, signal);
	};
	process.on(signal, onSignal);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			// already gone
		}
	}
}

async function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
	if (child.exitCode !== null || child.signalCode !== null) return true;
	return await new Promise((resolve) => {
		const timer = setTimeout(() => resolve(false), timeoutMs);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve(true);
		});
	});
}

async function sleep(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Answers once Redis on `port` replies PONG to a PING. */
async function redisPing(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = connect({ host: '127.0.0.1', port });
		let reply = '';
		const done = (ok: boolean): void => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(2_000, () => done(false));
		socket.once('error', () => done(false));
		socket.on('data', (chunk) => {
			reply += chunk.toString();
			if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
		});
		socket.once('connect', () => socket.write('PING\r\n'));
	});
}

export class QueueCluster {
	/** The cluster's folder under the e2e work folder: user folders, logs, Redis's folder. */
	readonly dir: string;
	postgres: PostgresTestServer | null = null;
	n8nDatabase = '';
	ledgerDatabase = '';
	redisPort = 0;
	private redis: ChildProcess | null = null;
	private main: Member | null = null;
	private webhook: Member | null = null;
	private readonly workers: Member[] = [];
	private cookie = '';
	private stopped = false;
	private readonly began = Date.now();

	constructor(
		private readonly e2e: E2eEnvironment,
		private readonly options: QueueClusterOptions,
	) {
		mkdirSync(e2e.workDir, { recursive: true });
		this.dir = mkdtempSync(join(e2e.workDir, 'queue-'));
	}

	/** The redis-server binary scripts/test.mjs found (scripts/lib/redis.mjs). */
	static redisBinary(): string {
		const binary = process.env.E2E_REDIS_BINARY;
		if (!binary) throw new Error('E2E_REDIS_BINARY is not set: run the end-to-end suite through "npm test"');
		return binary;
	}

	/** What the ledger nodes are given through LEDGER_CREDENTIAL, for the test's own connections. */
	get ledgerConfig(): { host: string; port: number; database: string; user: string; password: string; ssl: false } {
		const server = this.requirePostgres();
		return { host: server.host, port: server.port, database: this.ledgerDatabase, user: server.user, password: server.password, ssl: false };
	}

	/** Process ids of the n8n processes (each the leader of its process group). */
	get pids(): { main: number | undefined; webhook: number | undefined; workers: Array<number | undefined> } {
		return {
			main: this.main?.child?.pid,
			webhook: this.webhook?.child?.pid,
			workers: this.workers.map((worker) => worker.child?.pid),
		};
	}

	get mainUrl(): string {
		return this.requireMember(this.main).n8n.baseUrl;
	}

	get webhookBaseUrl(): string {
		return this.requireMember(this.webhook).n8n.baseUrl;
	}

	/** A production webhook URL on the webhook processor. */
	webhookUrl(path: string): string {
		return `${this.webhookBaseUrl}/webhook/${path}`;
	}

	/** Notes a step with the seconds since the cluster was made, in <dir>/timeline.log. */
	mark(step: string): void {
		appendFileSync(join(this.dir, 'timeline.log'), `${((Date.now() - this.began) / 1000).toFixed(1).padStart(7)} s  ${step}\n`);
	}

	/** Every step noted so far (<dir>/timeline.log). */
	timeline(): string {
		return readFileSync(join(this.dir, 'timeline.log'), 'utf8');
	}

	/** The log file of a process: 'main', 'webhook' or 'worker-<index>'. */
	logFile(role: Role): string {
		const member = role === 'main' ? this.main : role === 'webhook' ? this.webhook : this.workers[Number(role.slice('worker-'.length))];
		return this.requireMember(member).n8n.logFile;
	}

	async start(): Promise<void> {
		const workerCount = this.options.workers ?? 2;
		// The servers first: PostgreSQL and Redis in parallel.
		const [postgres] = await Promise.all([PostgresTestServer.create(), this.startRedis()]);
		this.postgres = postgres;
		this.mark('PostgreSQL and Redis up');
		if (this.stopped) throw new Error('the queue cluster was stopped while starting');
		this.n8nDatabase = await postgres.createDatabase('n8n');
		this.ledgerDatabase = await postgres.createDatabase('ledger');

		const members: Member[] = [
			this.member('main'),
			this.member('webhook'),
			...Array.from({ length: workerCount }, (_, index) => this.member(`worker-${index}`)),
		];
		[this.main, this.webhook] = members;
		this.workers.push(...members.slice(2));

		// One install of the packed package, then the same installed folder copied into every other
		// user folder: what installing it in each container leaves.
		// Meanwhile n8n's CLI puts the credentials and workflows into the shared database (importing
		// and publishing only write rows), from a user folder of its own so it never reads a
		// half-installed package.
		const main = this.requireMember(this.main);
		const cli = this.member('cli');
		const ledgerCredential = {
			...LEDGER_CREDENTIAL,
			type: 'postgres',
			data: { host: postgres.host, port: postgres.port, database: this.ledgerDatabase, user: postgres.user, password: postgres.password, ssl: 'disable', allowUnauthorizedCerts: false },
		};
		await Promise.all([
			(async () => {
				await this.installPackage(main);
				await Promise.all(members.slice(1).map(async (member) => await this.copyNodes(main, member)));
				this.mark('package installed in every user folder');
			})(),
			(async () => {
				await cli.n8n.importCredentials([...this.options.credentials, ledgerCredential]);
				await this.importAndPublish(cli);
				this.mark('credentials and workflows imported and published');
			})(),
		]);

		// All processes start together, as a compose file starts them. The main activates the
		// published workflows, registering their webhooks in the database the webhook processor
		// looks them up in: ready means the paths answer on both.
		const webhook = this.requireMember(this.webhook);
		await Promise.all([
			(async () => {
				await this.launch(main, ['start']);
				for (const path of this.options.webhookPaths ?? []) await main.n8n.waitForWebhook(path);
				this.mark('main ready, webhooks registered');
			})(),
			this.launch(webhook, ['webhook']),
			...this.workers.map(async (worker) => await this.launch(worker, ['worker', `--concurrency=${this.options.concurrency ?? 10}`])),
		]);
		for (const path of this.options.webhookPaths ?? []) await webhook.n8n.waitForWebhook(path);
		this.mark('webhook processor and workers ready');

		const { status, cookie } = await main.n8n.setUpOwner(OWNER);
		if (status !== 200) throw new Error(`owner setup on the main answered ${status}`);
		this.cookie = cookie;
	}

	/** Stops every process (n8n first, then Redis and PostgreSQL); safe to call at any point, twice too. */
	async stop(): Promise<void> {
		this.stopped = true;
		const members = [this.main, this.webhook, ...this.workers].filter((member): member is Member => member !== null);
		await Promise.all(members.map(async (member) => await this.halt(member)));
		if (this.redis) {
			const redis = this.redis;
			this.redis = null;
			killGroup(redis, 'SIGTERM');
			if (!(await exited(redis, 10_000))) killGroup(redis, 'SIGKILL');
			liveGroups.delete(redis);
		}
		await this.postgres?.remove();
		this.postgres = null;
		this.mark('stopped');
	}

	/** SIGKILLs worker `index` (its whole process group), as a crashed container. */
	async killWorker(index: number): Promise<void> {
		await this.kill(this.requireMember(this.workers[index]), `worker ${index}`);
	}

	/** Starts worker `index` again in its own user folder (after killWorker, or stops it first). */
	async restartWorker(index: number): Promise<void> {
		const worker = this.requireMember(this.workers[index]);
		await this.halt(worker);
		await this.launch(worker, ['worker', `--concurrency=${this.options.concurrency ?? 10}`]);
		this.mark(`worker ${index} restarted and ready`);
	}

	/** SIGKILLs the webhook processor (its whole process group), as a crashed container. */
	async killWebhookProcessor(): Promise<void> {
		await this.kill(this.requireMember(this.webhook), 'webhook processor');
	}

	/** Starts the webhook processor again on its port; ready when it answers the workflows' paths. */
	async restartWebhookProcessor(): Promise<void> {
		const webhook = this.requireMember(this.webhook);
		await this.halt(webhook);
		await this.launch(webhook, ['webhook']);
		for (const path of this.options.webhookPaths ?? []) await webhook.n8n.waitForWebhook(path);
		this.mark('webhook processor restarted and ready');
	}

	private async kill(member: Member, label: string): Promise<void> {
		const child = member.child;
		member.child = null;
		if (!child) return;
		killGroup(child, 'SIGKILL');
		await exited(child, 10_000);
		liveGroups.delete(child);
		this.mark(`${label} killed (SIGKILL)`);
	}

	/** A request to the main's REST API (`/rest/<path>`) as the owner. */
	async rest(path: string, init: RequestInit = {}): Promise<Response> {
		const headers = new Headers(init.headers);
		headers.set('cookie', this.cookie);
		if (init.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
		return await fetch(`${this.mainUrl}/rest/${path.replace(/^\//, '')}`, { ...init, headers });
	}

	/** Rows of a query on the ledger's tables (in its own schema; PostgreSQL placeholders: $1, $2, ...). */
	async ledgerRows(sql: string, params: unknown[] = []): Promise<Array<Record<string, unknown>>> {
		return await this.query(this.ledgerDatabase, sql, params, DEFAULT_LEDGER_SCHEMA);
	}

	/** Id and status of each execution of a workflow (cheap: no execution data). */
	async executionStatuses(workflowId: string): Promise<Array<{ id: number; status: string }>> {
		const rows = await this.query(this.n8nDatabase, 'SELECT id, status FROM execution_entity WHERE "workflowId" = $1 ORDER BY id', [workflowId]);
		return rows.map((row) => ({ id: Number(row.id), status: String(row.status) }));
	}

	/** The executions n8n stored for a workflow, read from its PostgreSQL database. */
	async executions(workflowId: string): Promise<QueueExecutionRecord[]> {
		const rows = await this.query(
			this.n8nDatabase,
			`SELECT e.id, e."workflowId", e.status, e.mode, d.data
			FROM execution_entity e LEFT JOIN execution_data d ON d."executionId" = e.id
			WHERE e."workflowId" = $1 ORDER BY e.id`,
			[workflowId],
		);
		return rows.map((row) => {
			const outputs: ExecutionRecord['outputs'] = {};
			const errors: ExecutionRecord['errors'] = {};
			const resultData = typeof row.data === 'string' && row.data ? (unflatten(row.data) as RunData).resultData : undefined;
			const runData = resultData?.runData ?? {};
			for (const [nodeName, runs] of Object.entries(runData)) {
				outputs[nodeName] = (runs[0]?.data?.main ?? []).map((items) => (items ?? []).map((item) => item.json));
				if (runs[0]?.error) errors[nodeName] = runs[0].error.message ?? 'error';
			}
			const error = resultData?.error ? (resultData.error.message ?? 'error') : null;
			return { id: Number(row.id), workflowId: String(row.workflowId), status: String(row.status), mode: String(row.mode), outputs, errors, error };
		});
	}

	private async query(database: string, sql: string, params: unknown[], schema?: string): Promise<Array<Record<string, unknown>>> {
		const server = this.requirePostgres();
		const client = new Client({ host: server.host, port: server.port, user: server.user, password: server.password, database });
		await client.connect();
		try {
			if (schema) await client.query(`SET search_path TO "${schema.replace(/"/g, '""')}"`);
			return (await client.query(sql, params)).rows as Array<Record<string, unknown>>;
		} finally {
			await client.end();
		}
	}

	private member(role: Role): Member {
		const server = this.requirePostgres();
		const env: Record<string, string> = {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: server.host,
			DB_POSTGRESDB_PORT: String(server.port),
			DB_POSTGRESDB_DATABASE: this.n8nDatabase,
			DB_POSTGRESDB_USER: server.user,
			DB_POSTGRESDB_PASSWORD: server.password,
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(this.redisPort),
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
			...(role.startsWith('worker-') ? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' } : {}),
			...this.options.env,
		};
		const n8n = new LocalN8n({
			nodeBinary: this.e2e.nodeBinary,
			n8nBinary: this.e2e.n8nBinary,
			userFolder: join(this.dir, role),
			encryptionKey: ENCRYPTION_KEY,
			env,
		});
		return { role, n8n, child: null };
	}

	/** The workflows in one `import:workflow --separate` run, then `publish:workflow` for each (n8n stopped). */
	private async importAndPublish(cli: Member): Promise<void> {
		const folder = join(cli.n8n.userFolder, 'workflows');
		mkdirSync(folder, { recursive: true });
		for (const workflow of this.options.workflows) writeFileSync(join(folder, `${workflow.id}.json`), JSON.stringify(workflow));
		await cli.n8n.cli(['import:workflow', '--separate', `--input=${folder}`]);
		for (const workflow of this.options.workflows) await cli.n8n.cli(['publish:workflow', `--id=${workflow.id}`]);
	}

	/**
	 * Installs the packed package into the member's `.n8n/nodes` the way n8n 2.41.1's own installer
	 * does for a package installed from its editor (community-packages.service.js, downloadPackage):
	 * the tarball unpacked into node_modules/<name>, its dev, peer and optional dependencies dropped,
	 * then `npm install` of its dependencies there without scripts. n8n resolves `n8n-workflow` from
	 * its own install (it puts its module paths on NODE_PATH). A fraction of the time of `npm install
	 * <tarball>`, which also installs the peer `n8n-workflow` and its native modules.
	 */
	private async installPackage(member: Member): Promise<void> {
		const nodesDir = join(member.n8n.userFolder, '.n8n', 'nodes');
		const packageDir = join(nodesDir, 'node_modules', PACKAGE_NAME);
		mkdirSync(packageDir, { recursive: true });
		await run('tar', ['-xzf', this.e2e.packageTarball, '-C', packageDir, '--strip-components=1']);
		const manifestFile = join(packageDir, 'package.json');
		const { devDependencies: _dev, peerDependencies: _peer, optionalDependencies: _optional, ...manifest } = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, unknown>;
		writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
		writeFileSync(join(nodesDir, 'package.json'), `${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [PACKAGE_NAME]: manifest.version } }, null, 2)}\n`);
		await run(
			'npm',
			['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false', '--prefer-offline'],
			{ cwd: packageDir, env: member.n8n.env(), maxBuffer: 16 * 1024 * 1024 },
		);
	}

	private async copyNodes(from: Member, to: Member): Promise<void> {
		const source = join(from.n8n.userFolder, '.n8n', 'nodes');
		const target = join(to.n8n.userFolder, '.n8n', 'nodes');
		mkdirSync(join(to.n8n.userFolder, '.n8n'), { recursive: true });
		try {
			// Hard links: instant, and n8n never writes into an installed package.
			await run('cp', ['-al', source, target]);
		} catch {
			cpSync(source, target, { recursive: true, verbatimSymlinks: true });
		}
	}

	/**
	 * Spawns `n8n <args>` for a member in its own process group and waits until it answers ready on
	 * /healthz/readiness: the main and the webhook processor on their HTTP port, a worker on its
	 * health-check port (QUEUE_HEALTH_CHECK_PORT), which is what the member's baseUrl points at.
	 */
	private async launch(member: Member, args: string[], timeoutMs = 180_000): Promise<void> {
		if (this.stopped) throw new Error('the queue cluster was stopped');
		const { n8n } = member;
		if (n8n.port === 0) n8n.port = await freePort();
		if (!n8n.brokerPort) n8n.brokerPort = await freePort();
		const env = { ...n8n.env(), ...(member.role.startsWith('worker-') ? { QUEUE_HEALTH_CHECK_PORT: String(n8n.port) } : {}) };
		const log = createWriteStream(n8n.logFile, { flags: 'a' });
		log.write(`\n===== ${new Date().toISOString()} n8n ${args.join(' ')}\n`);
		const child = spawn(n8n.nodeBinary, [this.e2e.n8nBinary, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
		child.stdout?.pipe(log);
		child.stderr?.pipe(log);
		member.child = child;
		liveGroups.add(child);
		child.once('exit', () => liveGroups.delete(child));
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (this.stopped) throw new Error('the queue cluster was stopped');
			if (child.exitCode !== null || child.signalCode !== null) {
				throw new Error(`n8n ${args[0]} (${member.role}) exited with ${child.exitCode ?? child.signalCode}; see ${n8n.logFile}`);
			}
			try {
				if ((await fetch(`${n8n.baseUrl}/healthz/readiness`)).status === 200) return;
			} catch {
				// not listening yet
			}
			await sleep(500);
		}
		throw new Error(`n8n ${args[0]} (${member.role}) was not ready within ${timeoutMs / 1000} s; see ${n8n.logFile}`);
	}

	/** SIGTERM to the member's process group, SIGKILL if it is still running 20 s later. */
	private async halt(member: Member): Promise<void> {
		const child = member.child;
		member.child = null;
		if (!child) return;
		killGroup(child, 'SIGTERM');
		if (!(await exited(child, 20_000))) {
			killGroup(child, 'SIGKILL');
			await exited(child, 10_000);
		}
		// The task runner may outlive its n8n by a moment: the group goes as a whole.
		killGroup(child, 'SIGKILL');
		liveGroups.delete(child);
	}

	private async startRedis(): Promise<void> {
		const dir = join(this.dir, 'redis');
		mkdirSync(dir, { recursive: true });
		this.redisPort = await freePort();
		// The same arguments as redisServerArgs() in scripts/lib/redis.mjs.
		const args = ['--port', String(this.redisPort), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no'];
		const log = createWriteStream(join(dir, 'redis.log'), { flags: 'a' });
		const child = spawn(QueueCluster.redisBinary(), args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
		child.stdout?.pipe(log);
		child.stderr?.pipe(log);
		this.redis = child;
		liveGroups.add(child);
		child.once('exit', () => liveGroups.delete(child));
		const deadline = Date.now() + 30_000;
		while (Date.now() < deadline) {
			if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}; see ${join(dir, 'redis.log')}`);
			if (await redisPing(this.redisPort)) return;
			await sleep(100);
		}
		throw new Error(`redis-server did not answer PING within 30 s; see ${join(dir, 'redis.log')}`);
	}

	private requirePostgres(): PostgresTestServer {
		if (!this.postgres) throw new Error('the queue cluster has not started PostgreSQL');
		return this.postgres;
	}

	private requireMember(member: Member | null | undefined): Member {
		if (!member) throw new Error('the queue cluster has not started that process');
		return member;
	}
}

/** An execution as n8n-executions.ts reads it, with the execution's own error (a crash, say). */
export interface QueueExecutionRecord extends ExecutionRecord {
	error: string | null;
}

interface RunData {
	resultData?: {
		error?: { message?: string };
		runData?: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> }; error?: { message?: string } }>>;
	};
}
