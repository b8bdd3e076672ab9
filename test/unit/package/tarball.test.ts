import { execFileSync, spawnSync } from 'node:child_process';
import {
	appendFileSync,
	cpSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	symlinkSync,
	unlinkSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Packs the package the way the release does (`npm run package`, which is `npm pack
// --ignore-scripts=false`, so that `prepack` cleans, builds and checks), from a copy of the
// repository that has no build of its own but a stale one planted in dist/, and reads the tarball.
// A copy, because packing rebuilds dist/ and other runs may be using this checkout's dist/.

const ROOT = join(__dirname, '..', '..', '..');
const NOT_IN_A_CLONE = new Set(['node_modules', 'dist', '.git', 'coverage', '.demo']);
const STALE_NODE = 'module.exports = { stale: true };\n';

interface Manifest {
	version: string;
	n8n: { nodes: string[]; credentials: string[] };
}

let work: string;
let clone: string;
let tarball: string;
let entries: string[];
let manifest: Manifest;

/** The environment without the variables an outer `npm test` sets for its own project. */
function cleanEnv(): NodeJS.ProcessEnv {
	return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));
}

function fileInTarball(path: string): string {
	return execFileSync('tar', ['-xOzf', tarball, `package/${path}`], { encoding: 'utf8' });
}

beforeAll(() => {
	work = mkdtempSync(join(tmpdir(), 'tvat-pack-'));
	clone = join(work, 'clone');
	mkdirSync(clone);
	for (const entry of readdirSync(ROOT)) {
		if (NOT_IN_A_CLONE.has(entry) || entry.startsWith('.e2e') || entry.endsWith('.tgz')) continue;
		cpSync(join(ROOT, entry), join(clone, entry), { recursive: true });
	}
	symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');

	// A stale build: a node whose source is gone, an outdated node file, a source map.
	mkdirSync(join(clone, 'dist', 'nodes', 'Removed'), { recursive: true });
	writeFileSync(join(clone, 'dist', 'nodes', 'Removed', 'Removed.node.js'), STALE_NODE);
	mkdirSync(join(clone, 'dist', 'nodes', 'RiskCheck'), { recursive: true });
	writeFileSync(join(clone, 'dist', 'nodes', 'RiskCheck', 'RiskCheck.node.js'), STALE_NODE);
	writeFileSync(join(clone, 'dist', 'nodes', 'RiskCheck', 'RiskCheck.node.js.map'), '{}');

	const out = join(work, 'out');
	mkdirSync(out);
	const packed = spawnSync('npm', ['run', 'package', '--', '--pack-destination', out], {
		cwd: clone,
		env: cleanEnv(),
		encoding: 'utf8',
	});
	if (packed.status !== 0) throw new Error(`npm run package failed:\n${packed.stdout}\n${packed.stderr}`);
	const tarballs = readdirSync(out).filter((file) => file.endsWith('.tgz'));
	expect(tarballs).toHaveLength(1);
	tarball = join(out, tarballs[0]);
	entries = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
		.split('\n')
		.filter(Boolean)
		.map((entry) => entry.replace(/^package\//, ''));
	manifest = JSON.parse(fileInTarball('package.json')) as Manifest;
}, 300_000);

afterAll(() => {
	if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed tarball (npm run package)', () => {
	it('is named for the version in package.json', () => {
		const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest).version;
		expect(tarball.endsWith(`n8n-nodes-tradingview-autotrade-${version}.tgz`)).toBe(true);
		expect(manifest.version).toBe(version);
	});

	it('holds every node and credential file n8n loads from package.json', () => {
		const listed = [...manifest.n8n.nodes, ...manifest.n8n.credentials];
		expect(manifest.n8n.nodes).toEqual(
			expect.arrayContaining([
				'dist/nodes/TradingViewTrigger/TradingViewTrigger.node.js',
				'dist/nodes/RiskCheck/RiskCheck.node.js',
				'dist/nodes/BrokerOrder/BrokerOrder.node.js',
			]),
		);
		expect(listed.filter((path) => !entries.includes(path))).toEqual([]);
	});

	it('is built from the sources, not from the stale dist/ that was there', () => {
		expect(entries).not.toContain('dist/nodes/Removed/Removed.node.js');
		const riskCheck = fileInTarball('dist/nodes/RiskCheck/RiskCheck.node.js');
		expect(riskCheck).not.toBe(STALE_NODE);
		expect(riskCheck).toContain('class RiskCheck');
	});

	it('ships no source maps and no declaration files', () => {
		expect(entries.filter((path) => path.endsWith('.map') || path.endsWith('.d.ts'))).toEqual([]);
	});

	it('ships the examples, LICENSE, README.md and CHANGELOG.md, and nothing outside "files"', () => {
		const examples = readdirSync(join(ROOT, 'examples')).map((file) => `examples/${file}`);
		expect(examples.length).toBeGreaterThan(0);
		expect(examples.filter((path) => !entries.includes(path))).toEqual([]);
		expect(entries).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'CHANGELOG.md', 'package.json']));
		const topLevel = [...new Set(entries.map((path) => path.split('/')[0]))].sort();
		expect(topLevel).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'dist', 'examples', 'package.json']);
	});

	it('ships the icons the nodes name', () => {
		expect(entries).toEqual(expect.arrayContaining(['dist/icons/riskCheck.svg', 'dist/icons/riskCheck.dark.svg']));
	});
});

describe('the release check (scripts/lib/pack.mjs check)', () => {
	it('passes the tarball and names each problem of a stale or incomplete package', () => {
		// The same package unpacked, then broken the ways a stale dist/ or a wrong "files" would.
		const broken = join(work, 'broken');
		mkdirSync(broken);
		execFileSync('tar', ['-xzf', tarball, '-C', broken]);
		const root = join(broken, 'package');
		appendFileSync(join(root, 'dist', 'nodes', 'BrokerOrder', 'BrokerOrder.node.js'), '// edited after the build\n');
		unlinkSync(join(root, 'dist', 'nodes', 'TradingViewTrigger', 'TradingViewTrigger.node.js'));
		writeFileSync(join(root, 'dist', 'nodes', 'RiskCheck', 'RiskCheck.node.js.map'), '{}');
		writeFileSync(join(root, 'dist', 'nodes', 'Removed.node.js'), STALE_NODE);
		unlinkSync(join(root, 'examples', 'paper-trading.json'));
		unlinkSync(join(root, 'LICENSE'));

		const result = spawnSync(process.execPath, [join(clone, 'scripts', 'lib', 'pack.mjs'), 'check', tarball, root], {
			cwd: clone,
			env: cleanEnv(),
			encoding: 'utf8',
		});
		expect(result.status).toBe(1);
		const report = JSON.parse(result.stdout) as Record<string, string[]>;
		expect(report[tarball]).toEqual([]);
		expect(report[root]).toEqual(
			expect.arrayContaining([
				'missing LICENSE',
				'missing dist/nodes/TradingViewTrigger/TradingViewTrigger.node.js (listed in package.json "n8n")',
				'stale dist/nodes/BrokerOrder/BrokerOrder.node.js: differs from what the current source builds to',
				'source map dist/nodes/RiskCheck/RiskCheck.node.js.map shipped (n8n does not need it)',
				'stale dist/nodes/Removed.node.js: no current source builds it',
				'missing examples/paper-trading.json',
			]),
		);
	});
});
