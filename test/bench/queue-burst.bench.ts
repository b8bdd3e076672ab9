import { cpus } from 'node:os';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { PACKAGE_NAME } from '../e2e/harness/n8n-instance';
import { e2eEnvironment } from '../e2e/harness/e2e-environment';
import { LEDGER_CREDENTIAL, QueueCluster } from '../e2e/harness/queue-cluster';
import { CREDENTIAL, TOKEN } from '../e2e/fixtures/trigger-workflows';

// `npm run bench` (queue part): n8n 2.41.1 in queue mode (main, webhook processor, two workers),
// bursts of N alerts fired at the same instant at the webhook processor, our TradingView Trigger
// (version 2, PostgreSQL ledger) and n8n's own Webhook node (respond immediately) in the same
// cluster, under several expression-engine settings. Compare ratios within one setting.

jest.setTimeout(3 * 60 * 60_000);

const BURSTS = (process.env.BENCH_QUEUE_BURSTS ?? '100,200,500').split(',').map(Number);
const ALL_SETTINGS: Array<{ name: string; env: Record<string, string> }> = [
	{ name: 'default (vm, pool 1)', env: {} },
	{ name: 'vm, pool 4', env: { N8N_EXPRESSION_ENGINE_POOL_SIZE: '4' } },
	{ name: 'vm, lazy acquire', env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' } },
	{ name: 'legacy engine', env: { N8N_EXPRESSION_ENGINE: 'legacy' } },
];
const SETTINGS = ALL_SETTINGS.filter((setting) => !process.env.BENCH_QUEUE_SETTINGS || process.env.BENCH_QUEUE_SETTINGS.split(';').includes(setting.name));

const done = (id: string, x: number) => ({ id, name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [x, 0], parameters: {} });
function oursWorkflow(id: string, webhookId: string, answerAfterQueued: boolean) {
	return {
		id,
		name: `bench queue: TradingView Trigger${answerAfterQueued ? ', answer after queued' : ''}`,
		active: false,
		nodes: [
			{
				id: `${id}-tv`,
				name: 'Trigger',
				type: `${PACKAGE_NAME}.tradingViewTrigger`,
				typeVersion: 2,
				position: [0, 0],
				webhookId,
				parameters: { options: { duplicateWindowMinutes: 10, answerAfterQueued }, ledger: 'postgres' },
				credentials: { tradingViewWebhookApi: { id: CREDENTIAL.id, name: CREDENTIAL.name }, postgres: LEDGER_CREDENTIAL },
			},
			done(`${id}-done`, 300),
		],
		connections: { Trigger: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}
const OURS = oursWorkflow('benchQueueOurs001', 'b1b2c3d4-0000-4000-8000-00000000c001', false);
const OURS_DEFERRED = oursWorkflow('benchQueueOurs002', 'b1b2c3d4-0000-4000-8000-00000000c003', true);
const BUILTIN = {
	id: 'benchQueueN8n0001',
	name: "bench queue: n8n's Webhook node",
	active: false,
	nodes: [
		{
			id: 'bq-wh',
			name: 'Trigger',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: 'b1b2c3d4-0000-4000-8000-00000000c002',
			parameters: { httpMethod: 'POST', path: 'bench-queue-builtin', responseMode: 'onReceived', options: {} },
		},
		done('bq-wh-done', 300),
	],
	connections: { Trigger: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
	pinData: {},
};
const OURS_PATH = 'b1b2c3d4-0000-4000-8000-00000000c001/alert';
const OURS_DEFERRED_PATH = 'b1b2c3d4-0000-4000-8000-00000000c003/alert';
const BUILTIN_PATH = 'bench-queue-builtin';

interface Row {
	setting: string;
	burst: number;
	endpoint: string;
	ok: number;
	p50: number;
	p99: number;
	late: number;
}

let sequence = 0;
const body = () => JSON.stringify({ token: TOKEN, id: `bq-${Date.now()}-${++sequence}`, action: 'buy', symbol: 'AAPL', qty: 1, price: 100 });

async function fire(url: string, count: number): Promise<Array<{ status: number; ms: number }>> {
	const bodies = Array.from({ length: count }, body);
	const started = performance.now();
	return await Promise.all(
		bodies.map(async (text) => {
			try {
				const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: text });
				await response.arrayBuffer();
				return { status: response.status, ms: performance.now() - started };
			} catch {
				return { status: 0, ms: performance.now() - started };
			}
		}),
	);
}

function summarise(results: Array<{ status: number; ms: number }>) {
	const ms = results.map((result) => result.ms).sort((a, b) => a - b);
	const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))];
	return {
		ok: results.filter((result) => result.status === 200).length,
		p50: Math.round(at(0.5)),
		p99: Math.round(at(0.99)),
		late: ms.filter((value) => value > 3000).length,
	};
}

/** Waits until the workers have run every execution of both workflows (or a bound passes). */
async function drain(cluster: QueueCluster): Promise<void> {
	const deadline = Date.now() + 10 * 60_000;
	while (Date.now() < deadline) {
		const statuses = (await Promise.all([OURS, OURS_DEFERRED, BUILTIN].map(async (workflow) => await cluster.executionStatuses(workflow.id)))).flat();
		if (statuses.every((execution) => !['new', 'running', 'waiting'].includes(execution.status))) break;
		await new Promise((resolve) => setTimeout(resolve, 1_000));
	}
	await new Promise((resolve) => setTimeout(resolve, 3_000));
}

const rows: Row[] = [];

afterAll(() => {
	const lines = [
		`Queue mode (main, webhook processor, 2 workers --concurrency=10), n8n 2.41.1, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown cpu'})`,
		'setting | burst | endpoint | 200s | p50 ms | p99 ms | after 3 s',
		...rows.map((row) => `${row.setting} | ${row.burst} | ${row.endpoint} | ${row.ok} | ${row.p50} | ${row.p99} | ${row.late}`),
		'',
		'ratios (TradingView Trigger / n8n Webhook node) per setting and burst: p99, late',
	];
	for (const setting of SETTINGS) {
		for (const burst of BURSTS) {
			const row = (endpoint: string) => rows.find((candidate) => candidate.setting === setting.name && candidate.burst === burst && candidate.endpoint === endpoint);
			const theirs = row("n8n's Webhook node");
			for (const endpoint of ['TradingView Trigger', 'TradingView Trigger, answer after queued']) {
				const ours = row(endpoint);
				if (ours && theirs) lines.push(`${setting.name} | ${burst} | ${endpoint} | p99 ${(ours.p99 / theirs.p99).toFixed(2)} | late ${ours.late} vs ${theirs.late}`);
			}
		}
	}
	const text = lines.join('\n');
	process.stdout.write(`\n${text}\n`);
	writeFileSync(join(e2eEnvironment().workDir, 'queue-bench.txt'), `${text}\n`);
});

describe.each(SETTINGS)('queue mode, $name', (setting) => {
	const cluster = new QueueCluster(e2eEnvironment(), {
		credentials: [CREDENTIAL],
		workflows: [OURS, OURS_DEFERRED, BUILTIN],
		webhookPaths: [OURS_PATH, OURS_DEFERRED_PATH, BUILTIN_PATH],
		workers: 2,
		concurrency: 10,
		env: { ...setting.env, N8N_LOG_LEVEL: 'warn' },
	});
	beforeAll(async () => await cluster.start());
	afterAll(async () => await cluster.stop());

	it.each(BURSTS)('bursts of %i at once', async (burst) => {
		for (const path of [OURS_PATH, OURS_DEFERRED_PATH, BUILTIN_PATH]) await fire(cluster.webhookUrl(path), 5);
		await drain(cluster);
		for (const [endpoint, path] of [
			['TradingView Trigger', OURS_PATH],
			['TradingView Trigger, answer after queued', OURS_DEFERRED_PATH],
			["n8n's Webhook node", BUILTIN_PATH],
		] as const) {
			const summary = summarise(await fire(cluster.webhookUrl(path), burst));
			rows.push({ setting: setting.name, burst, endpoint, ...summary });
			await drain(cluster);
		}
		expect(rows.filter((row) => row.setting === setting.name && row.burst === burst)).toHaveLength(3);
	});
});
