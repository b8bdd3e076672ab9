// `npm run bench`: N alerts fired at the same instant at the TradingView Trigger and at n8n's own
// Webhook node on the same n8n instance, in alternating rounds. Reports latency percentiles and
// how many answers came after TradingView's 3-second limit; compare the ratio, not milliseconds.
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { rmSync } from 'node:fs';

import { spawnSync } from 'node:child_process';

import localN8n from './lib/local-n8n.cjs';
import { buildAndPack } from './lib/pack.mjs';
import { ensurePostgres } from './lib/postgres.mjs';
import { ensureRedis } from './lib/redis.mjs';
import { ensureN8n, ensureNode24, node24Env } from './lib/runtime.mjs';

const root = resolve(new URL('.', import.meta.url).pathname, '..');
const burst = Number(process.env.BENCH_BURST ?? 100);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const token = 'bench-token-0123456789abcdef';
const workDir = join(root, '.e2e', 'bench');
const say = (text) => process.stdout.write(`${text}\n`);

const noOp = (id, x) => ({ id, name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [x, 0], parameters: {} });
const ours = {
	id: 'benchOurTrigger01',
	name: 'bench: TradingView Trigger',
	active: false,
	nodes: [
		{
			id: 'bench-tv',
			name: 'Trigger',
			type: 'n8n-nodes-tradingview-autotrade.tradingViewTrigger',
			typeVersion: 2,
			position: [0, 0],
			webhookId: 'a1b2c3d4-0000-4000-8000-00000000b001',
			parameters: { options: {} },
			credentials: { tradingViewWebhookApi: { id: 'benchCredential01', name: 'bench token' } },
		},
		noOp('bench-tv-done', 300),
	],
	connections: { Trigger: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
	pinData: {},
};
const builtin = {
	id: 'benchN8nWebhook01',
	name: 'bench: n8n Webhook',
	active: false,
	nodes: [
		{
			id: 'bench-wh',
			name: 'Trigger',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: 'a1b2c3d4-0000-4000-8000-00000000b002',
			parameters: { httpMethod: 'POST', path: 'bench-builtin', responseMode: 'onReceived', options: {} },
		},
		noOp('bench-wh-done', 300),
	],
	connections: { Trigger: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
	pinData: {},
};

async function fire(url, bodies) {
	const started = performance.now();
	return await Promise.all(
		bodies.map(async (body) => {
			const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
			await response.arrayBuffer();
			return { status: response.status, ms: performance.now() - started };
		}),
	);
}

function summarise(name, results) {
	const ms = results.map((result) => result.ms).sort((a, b) => a - b);
	const at = (q) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))];
	return {
		name,
		ok: results.filter((result) => result.status === 200).length,
		p50: Math.round(at(0.5)),
		p99: Math.round(at(0.99)),
		max: Math.round(ms[ms.length - 1]),
		late: ms.filter((value) => value > 3000).length,
	};
}

const nodeBinary = ensureNode24();
const n8nBinary = ensureN8n(nodeBinary);
const tarball = buildAndPack(root, workDir, node24Env(nodeBinary));
const userFolder = join(workDir, 'n8n');
rmSync(userFolder, { recursive: true, force: true });
const n8n = new localN8n.LocalN8n({ nodeBinary, n8nBinary, userFolder, encryptionKey: 'bench-encryption-key-0123456789', env: { N8N_LOG_LEVEL: 'warn' } });
await n8n.installPackage(tarball);
await n8n.importCredentials([{ id: 'benchCredential01', name: 'bench token', type: 'tradingViewWebhookApi', data: { token } }]);
await n8n.importAndPublish([ours, builtin]);
await n8n.start();
await n8n.waitForWebhook(`${ours.nodes[0].webhookId}/alert`);
await n8n.waitForWebhook('bench-builtin');

const oursUrl = `${n8n.baseUrl}/webhook/${ours.nodes[0].webhookId}/alert`;
const builtinUrl = `${n8n.baseUrl}/webhook/bench-builtin`;
const rows = [];
try {
	let sequence = 0;
	const bodies = () => Array.from({ length: burst }, () => JSON.stringify({ token, id: `bench-${++sequence}`, action: 'buy', symbol: 'AAPL', qty: 1, price: 100 }));
	await fire(oursUrl, bodies().slice(0, 5));
	await fire(builtinUrl, bodies().slice(0, 5));
	for (let round = 1; round <= rounds; round++) {
		for (const [name, url] of [['TradingView Trigger', oursUrl], ["n8n's Webhook node", builtinUrl]]) {
			await new Promise((done) => setTimeout(done, 8_000)); // let the previous burst's executions drain
			rows.push({ round, ...summarise(name, await fire(url, bodies())) });
		}
	}
} finally {
	await n8n.stop();
}

say(`\nBurst of ${burst} alerts at once, ${rounds} rounds, n8n 2.41.1, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown cpu'})`);
say('round | endpoint             | 200s | p50 ms | p99 ms | max ms | answered after 3 s');
for (const row of rows) {
	say(`${String(row.round).padEnd(5)} | ${row.name.padEnd(20)} | ${String(row.ok).padStart(4)} | ${String(row.p50).padStart(6)} | ${String(row.p99).padStart(6)} | ${String(row.max).padStart(6)} | ${row.late}`);
}
const mean = (name, key) => rows.filter((row) => row.name === name).reduce((sum, row) => sum + row[key], 0) / rounds;
const ratio = mean('TradingView Trigger', 'p99') / mean("n8n's Webhook node", 'p99');
say(`p99 ratio (TradingView Trigger / n8n Webhook node): ${ratio.toFixed(2)}`);
say(`late answers: TradingView Trigger ${mean('TradingView Trigger', 'late')} vs n8n Webhook node ${mean("n8n's Webhook node", 'late')} per round`);

// The queue-mode part (test/bench/queue-burst.bench.ts): a main, a webhook processor and two
// workers on PostgreSQL and Redis, bursts of 100, 200 and 500 under several expression-engine
// settings. BENCH_QUEUE=0 skips it; BENCH_QUEUE_BURSTS and BENCH_QUEUE_SETTINGS (names joined
// with ";") narrow it.
if (process.env.BENCH_QUEUE !== '0') {
	ensurePostgres();
	const redisServer = ensureRedis();
	const queueDir = join(workDir, 'queue');
	rmSync(queueDir, { recursive: true, force: true });
	const result = spawnSync(nodeBinary, [join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--selectProjects', 'bench', '--runInBand'], {
		cwd: root,
		stdio: 'inherit',
		env: {
			...node24Env(nodeBinary),
			E2E_NODE_BINARY: nodeBinary,
			E2E_N8N_BINARY: n8nBinary,
			E2E_PACKAGE_TARBALL: tarball,
			E2E_WORK_DIR: queueDir,
			E2E_REDIS_BINARY: redisServer,
		},
	});
	if (result.status !== 0) process.exitCode = 1;
}
