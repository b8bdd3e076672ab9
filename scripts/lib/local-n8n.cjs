// A real n8n in its own user folder, with this package installed the way a self-hosting user
// installs it (`npm install <tarball>` in `<user folder>/.n8n/nodes`). Shared by the demo, the
// benchmark and the end-to-end suite.
const { execFile, spawn } = require('node:child_process');
const { createWriteStream, mkdirSync, writeFileSync } = require('node:fs');
const { createServer } = require('node:net');
const { dirname, join } = require('node:path');
const { promisify } = require('node:util');

const execFileAsync = promisify(execFile);

async function freePort() {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

class LocalN8n {
	constructor({ nodeBinary, n8nBinary, userFolder, port = 0, encryptionKey, env = {} }) {
		this.nodeBinary = nodeBinary;
		this.n8nBinary = n8nBinary;
		this.userFolder = userFolder;
		this.port = port;
		this.encryptionKey = encryptionKey;
		this.extraEnv = env;
		this.child = null;
		this.brokerPort = 0;
		this.logFile = join(userFolder, 'n8n.log');
		mkdirSync(userFolder, { recursive: true });
	}

	get baseUrl() {
		return `http://127.0.0.1:${this.port}`;
	}

	get n8nDatabase() {
		return join(this.userFolder, '.n8n', 'database.sqlite');
	}

	get ledgerPath() {
		return join(this.userFolder, '.n8n', 'tradingview-autotrade', 'ledger.sqlite');
	}

	env() {
		// Jest sets NODE_ENV=test, which n8n reads as its own test mode.
		const { NODE_ENV: _testMode, JEST_WORKER_ID: _worker, ...inherited } = process.env;
		return {
			...inherited,
			NODE_ENV: 'production',
			PATH: `${dirname(this.nodeBinary)}:${process.env.PATH ?? ''}`,
			npm_config_nodedir: join(dirname(this.nodeBinary), '..'),
			N8N_USER_FOLDER: this.userFolder,
			N8N_PORT: String(this.port),
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort ?? 5679),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_SECURE_COOKIE: 'false',
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
			EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
			...this.extraEnv,
		};
	}

	async installPackage(tarball) {
		const nodesDir = join(this.userFolder, '.n8n', 'nodes');
		mkdirSync(nodesDir, { recursive: true });
		writeFileSync(join(nodesDir, 'package.json'), '{"name":"installed-nodes","private":true}\n');
		await execFileAsync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], {
			cwd: nodesDir,
			env: this.env(),
		});
	}

	async cli(args) {
		const { stdout } = await execFileAsync(this.nodeBinary, [this.n8nBinary, ...args], {
			env: this.env(),
			maxBuffer: 16 * 1024 * 1024,
		});
		return stdout;
	}

	async importCredentials(credentials) {
		const file = join(this.userFolder, 'credentials.json');
		writeFileSync(file, JSON.stringify(credentials));
		await this.cli(['import:credentials', `--input=${file}`]);
	}

	/** Imports and publishes each workflow; n8n must be stopped (docs/design/runtime-facts.md). */
	async importAndPublish(workflows) {
		for (const workflow of workflows) {
			const file = join(this.userFolder, `workflow-${workflow.id}.json`);
			writeFileSync(file, JSON.stringify(workflow));
			await this.cli(['import:workflow', `--input=${file}`]);
			await this.cli(['publish:workflow', `--id=${workflow.id}`]);
		}
	}

	async start(timeoutMs = 120_000) {
		if (this.port === 0) this.port = await freePort();
		// n8n's task broker listens on 5679 by default: two instances would collide.
		if (!this.brokerPort) this.brokerPort = await freePort();
		const log = createWriteStream(this.logFile, { flags: 'a' });
		const child = spawn(this.nodeBinary, [this.n8nBinary, 'start'], {
			env: this.env(),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		child.stdout.pipe(log);
		child.stderr.pipe(log);
		this.child = child;
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (child.exitCode !== null) throw new Error(`n8n exited with ${child.exitCode}; see ${this.logFile}`);
			try {
				if ((await fetch(`${this.baseUrl}/healthz/readiness`)).status === 200) return;
			} catch {
				// not listening yet
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		throw new Error(`n8n did not become ready within ${timeoutMs / 1000} s; see ${this.logFile}`);
	}

	async stop() {
		const child = this.child;
		this.child = null;
		if (!child || child.exitCode !== null) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
		await exited;
		clearTimeout(timer);
	}

	/** Kills n8n at once (SIGKILL), as a crash or an OOM kill would: nothing in memory survives. */
	async kill() {
		const child = this.child;
		this.child = null;
		if (!child || child.exitCode !== null) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGKILL');
		await exited;
	}

	/**
	 * Waits until a published workflow's production webhook is live: n8n answers ready before it
	 * has activated every workflow. A GET is harmless (the trigger listens to POST only) and n8n's
	 * 404 says "not registered for GET" once the path exists, "The requested webhook" before.
	 */
	async waitForWebhook(path, timeoutMs = 60_000) {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			const response = await fetch(`${this.baseUrl}/webhook/${path}`);
			const text = await response.text();
			if (response.status !== 404 || !text.includes('The requested webhook')) return;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		throw new Error(`webhook ${path} was not registered within ${timeoutMs / 1000} s; see ${this.logFile}`);
	}

	/** Creates the owner account headlessly; answers with the signed-in session cookie. */
	async setUpOwner(owner) {
		const response = await fetch(`${this.baseUrl}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(owner),
		});
		const cookie = response.headers
			.getSetCookie()
			.map((header) => header.split(';')[0])
			.join('; ');
		return { status: response.status, cookie };
	}
}

module.exports = { LocalN8n, freePort };
