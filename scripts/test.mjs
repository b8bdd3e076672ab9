// `npm test`: lint, build, unit tests, then the end-to-end suite against a real n8n with the
// packed package installed. Ends with one line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { ensureChromium } from './lib/chromium.mjs';
import { buildAndPack } from './lib/pack.mjs';
import { ensurePostgres } from './lib/postgres.mjs';
import { ensureRedis } from './lib/redis.mjs';
import { ensureN8n, ensureNode24, node24Env } from './lib/runtime.mjs';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const args = new Set(process.argv.slice(2).filter((arg) => arg.startsWith('--')));
// Anything else narrows every jest run to the test files it matches (`npm run test:e2e -- queue-mode`).
const patterns = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const narrowing = patterns.length > 0 ? ['--passWithNoTests', ...patterns] : [];
const runUnit = !args.has('--e2e');
const runE2e = !args.has('--unit');
const workDir = join(root, '.e2e');

function step(title) {
	process.stdout.write(`\n== ${title}\n`);
}

function jest(node, env, project, resultFile, extraArgs) {
	const result = spawnSync(
		node,
		[join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--selectProjects', project, '--json', `--outputFile=${resultFile}`, ...extraArgs, ...narrowing],
		{ cwd: root, stdio: 'inherit', env },
	);
	try {
		const summary = JSON.parse(readFileSync(resultFile, 'utf8'));
		return { passed: summary.numPassedTests, failed: summary.numFailedTests + summary.numRuntimeErrorTestSuites, ok: result.status === 0 };
	} catch {
		return { passed: 0, failed: 1, ok: false };
	}
}

let passed = 0;
let failed = 0;

/** Adds a jest run to the totals; a run that failed without reporting a test counts as one failure. */
function count(result) {
	passed += result.passed;
	failed += result.failed + (result.ok || result.failed ? 0 : 1);
}

mkdirSync(workDir, { recursive: true });

step('lint');
const lint = spawnSync('npx', ['eslint', '.'], { cwd: root, stdio: 'inherit' });
if (lint.status === 0) passed += 1;
else failed += 1;

step('build and pack');
const tarball = buildAndPack(root, workDir);

const node = ensureNode24();
const env = node24Env(node);

if (runUnit) {
	step('unit tests');
	// The ledger tests run against a real PostgreSQL server they start themselves.
	ensurePostgres();
	count(jest(node, env, 'unit', join(workDir, 'unit-results.json'), []));
}

if (runE2e) {
	step('end-to-end tests against a real n8n');
	const n8n = ensureN8n(node);
	// The PostgreSQL ledger tests and the queue-mode test (n8n on PostgreSQL with its job queue in
	// Redis) start throw-away servers of their own from these binaries.
	ensurePostgres();
	const redisServer = ensureRedis();
	rmSync(join(workDir, 'n8n'), { recursive: true, force: true });
	const realN8nEnv = {
		...env,
		E2E_NODE_BINARY: node,
		E2E_N8N_BINARY: n8n,
		E2E_PACKAGE_TARBALL: tarball,
		E2E_WORK_DIR: join(workDir, 'n8n'),
		E2E_REDIS_BINARY: redisServer,
	};
	count(jest(node, realN8nEnv, 'e2e', join(workDir, 'e2e-results.json'), ['--runInBand']));

	step('browser test of the n8n editor');
	const browserEnv = { ...realN8nEnv, E2E_CHROMIUM_BINARY: ensureChromium() };
	count(jest(node, browserEnv, 'browser', join(workDir, 'browser-results.json'), ['--runInBand']));
}

process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
