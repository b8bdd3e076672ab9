// Packing the package, and the guard that a tarball holds what n8n loads, built from the current
// sources. The repository's .npmrc sets ignore-scripts=true (installs must not run dependencies'
// hooks), which also skips `prepack` on a plain `npm pack` / `npm publish`; every packing path we
// own therefore runs `npm pack --ignore-scripts=false` so that `prepack` cleans, builds and checks.
//
//   node scripts/lib/pack.mjs clean                      removes dist/ (the build's first step)
//   node scripts/lib/pack.mjs check --working-tree       checks what `npm pack` would pack here now
//   node scripts/lib/pack.mjs check <file.tgz|dir> ...   checks packed tarballs or unpacked folders
//
// `check` prints {"<target>": ["problem", ...]} as JSON and exits 1 when any target has a problem.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Top-level entries a tarball may hold: package.json's `files` plus what npm always adds. */
const ALLOWED_TOP_LEVEL = new Set(['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'dist', 'examples']);
const REQUIRED_FILES = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'];

/** The command line that runs npm: the npm running us (inside a lifecycle script), else `npm`. */
function npmCommand(args) {
	const npmCli = process.env.npm_execpath;
	return npmCli && npmCli.endsWith('.js') ? [process.execPath, [npmCli, ...args]] : ['npm', args];
}

export function cleanDist(root = repositoryRoot) {
	rmSync(join(root, 'dist'), { recursive: true, force: true });
}

/**
 * Packs the package into `destination` exactly as the release does (`npm pack
 * --ignore-scripts=false`: `prepack` removes dist/, builds and checks); returns the tarball.
 */
export function buildAndPack(root, destination, env = process.env) {
	mkdirSync(destination, { recursive: true });
	for (const file of readdirSync(destination)) if (file.endsWith('.tgz')) rmSync(join(destination, file));
	try {
		execFileSync('npm', ['pack', '--ignore-scripts=false', '--silent', '--pack-destination', destination], {
			cwd: root,
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
	} catch (error) {
		// tsc reports compile errors on stdout: show them with the failure.
		process.stderr.write(`${error.stdout ?? ''}${error.stderr ?? ''}`);
		throw error;
	}
	const tarballs = readdirSync(destination).filter((file) => file.endsWith('.tgz'));
	if (tarballs.length !== 1) throw new Error(`expected one tarball in ${destination}, found ${tarballs.length}`);
	return join(destination, tarballs[0]);
}

/** A digest of the files under `paths` (relative to `root`): equal digests, equal package. */
export function sourceDigest(root, paths) {
	const hash = createHash('sha256');
	const visit = (relativePath) => {
		const absolute = join(root, relativePath);
		if (statSync(absolute).isDirectory()) {
			for (const entry of readdirSync(absolute).sort()) visit(join(relativePath, entry));
		} else {
			hash.update(`${relativePath}\0`).update(readFileSync(absolute)).update('\0');
		}
	};
	for (const path of paths) visit(path);
	return hash.digest('hex');
}

/** The files of an npm tarball (.tgz), by path inside the package (without `package/`). */
export function readTarball(file) {
	const data = gunzipSync(readFileSync(file));
	const files = new Map();
	let offset = 0;
	let longName = null;
	const text = (start, length) => {
		const raw = data.subarray(start, start + length);
		const end = raw.indexOf(0);
		return raw.subarray(0, end === -1 ? raw.length : end).toString('utf8');
	};
	while (offset + 512 <= data.length) {
		const header = data.subarray(offset, offset + 512);
		if (header.every((byte) => byte === 0)) break;
		const size = parseInt(text(offset + 124, 12).trim() || '0', 8);
		const type = String.fromCharCode(header[156] || 48);
		const prefix = text(offset + 345, 155);
		let name = longName ?? (prefix ? `${prefix}/${text(offset, 100)}` : text(offset, 100));
		longName = null;
		const body = data.subarray(offset + 512, offset + 512 + size);
		if (type === 'x') {
			// A pax header: its `path` record names the next entry.
			const match = /\d+ path=([^\n]*)\n/.exec(body.toString('utf8'));
			if (match) longName = match[1];
		} else if (type === '0' || type === '\0') {
			name = name.replace(/^[^/]+\//, '');
			files.set(name, Buffer.from(body));
		}
		offset += 512 + Math.ceil(size / 512) * 512;
	}
	return files;
}

/** The files under `dir`, by relative path with forward slashes. */
export function readFolder(dir, paths) {
	const files = new Map();
	const visit = (relativePath) => {
		const absolute = join(dir, relativePath);
		if (statSync(absolute).isDirectory()) {
			for (const entry of readdirSync(absolute)) visit(relativePath ? join(relativePath, entry) : entry);
		} else {
			files.set(relativePath.split(sep).join('/'), readFileSync(absolute));
		}
	};
	for (const path of paths ?? ['']) if (existsSync(join(dir, path))) visit(path);
	return files;
}

/** What `npm pack` would pack in `root` now (its own file list), read from disk. */
export function readWorkingTree(root) {
	const [command, args] = npmCommand(['pack', '--dry-run', '--json', '--ignore-scripts', '--silent']);
	const output = execFileSync(command, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
	const [report] = JSON.parse(output.slice(output.indexOf('[')));
	return readFolder(
		root,
		report.files.map((file) => file.path),
	);
}

/** What the build makes of the sources in `root`: expected dist/ files with their content. */
function expectedBuild(root) {
	const require = createRequire(join(root, 'package.json'));
	const ts = require('typescript');
	const parsed = ts.getParsedCommandLineOfConfigFile(
		join(root, 'tsconfig.json'),
		{ sourceMap: false, declaration: false },
		{ ...ts.sys, onUnRecoverableConfigFileDiagnostic: (diagnostic) => { throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')); } },
	);
	const expected = new Map();
	for (const source of parsed.fileNames) {
		const path = relative(root, source).split(sep).join('/');
		if (path.endsWith('.d.ts')) continue;
		if (path.endsWith('.ts')) {
			// tsc's per-file emit; equal to the whole-program emit for code without const enums
			// shared across files, which is what this package's tsconfig builds.
			const output = ts.transpileModule(readFileSync(source, 'utf8'), { compilerOptions: parsed.options, fileName: source }).outputText;
			expected.set(`dist/${path.replace(/\.ts$/, '.js')}`, { kind: 'js', content: output });
		} else if (path.endsWith('.json')) {
			expected.set(`dist/${path}`, { kind: 'json', content: JSON.parse(readFileSync(source, 'utf8')) });
		}
	}
	// gulpfile.js copies icons/, nodes/ and credentials/ SVGs into dist/, keeping their folders.
	for (const [path, content] of readFolder(root, ['icons', 'nodes', 'credentials'])) {
		if (path.endsWith('.svg')) expected.set(`dist/${path}`, { kind: 'bytes', content });
	}
	return expected;
}

function sameJson(a, b) {
	return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Problems with a package's files (a tarball's or a folder's), judged against the sources in
 * `root`: what n8n loads is there, every built file is what the current sources build to, nothing
 * stale, no source maps or declarations, the examples and the documents shipped.
 */
export function checkPackage(files, root = repositoryRoot, expected = expectedBuild(root)) {
	const problems = [];
	for (const path of REQUIRED_FILES) if (!files.has(path)) problems.push(`missing ${path}`);
	for (const path of files.keys()) {
		const top = path.split('/')[0];
		if (!ALLOWED_TOP_LEVEL.has(top)) problems.push(`unexpected file ${path} (only ${[...ALLOWED_TOP_LEVEL].join(', ')} belong in the package)`);
	}
	if (!files.has('package.json')) return problems;
	const manifest = JSON.parse(files.get('package.json').toString('utf8'));
	const n8n = manifest.n8n ?? {};
	const entries = [...(n8n.nodes ?? []), ...(n8n.credentials ?? [])];
	if ((n8n.nodes ?? []).length === 0) problems.push('package.json lists no n8n.nodes');
	for (const entry of entries) if (!files.has(entry)) problems.push(`missing ${entry} (listed in package.json "n8n")`);

	const changelog = files.get('CHANGELOG.md')?.toString('utf8') ?? '';
	if (files.has('CHANGELOG.md') && !new RegExp(`^## \\[${manifest.version.replace(/\./g, '\\.')}\\]`, 'm').test(changelog)) {
		problems.push(`CHANGELOG.md has no "## [${manifest.version}]" heading for package.json's version`);
	}

	for (const [path, want] of expected) {
		const have = files.get(path);
		if (!have) {
			problems.push(`missing ${path} (the build makes it from the sources)`);
		} else if (want.kind === 'js' && have.toString('utf8') !== want.content) {
			problems.push(`stale ${path}: differs from what the current source builds to`);
		} else if (want.kind === 'json' && !sameJson(JSON.parse(have.toString('utf8')), want.content)) {
			problems.push(`stale ${path}: differs from the current source`);
		} else if (want.kind === 'bytes' && !have.equals(want.content)) {
			problems.push(`stale ${path}: differs from the current source`);
		}
	}
	for (const path of files.keys()) {
		if (!path.startsWith('dist/') || expected.has(path)) continue;
		if (path.endsWith('.map')) problems.push(`source map ${path} shipped (n8n does not need it)`);
		else if (path.endsWith('.d.ts')) problems.push(`declaration ${path} shipped (n8n does not need it)`);
		else problems.push(`stale ${path}: no current source builds it`);
	}

	// Every icon a built node or credential names must be in the package.
	for (const [path, content] of files) {
		if (!path.startsWith('dist/') || !path.endsWith('.js')) continue;
		for (const match of content.toString('utf8').matchAll(/['"]file:([^'"]+)['"]/g)) {
			const target = posix.normalize(posix.join(posix.dirname(path), match[1]));
			if (!files.has(target)) problems.push(`${path} names icon file:${match[1]}, but ${target} is not in the package`);
		}
	}

	const examples = readFolder(root, ['examples']);
	for (const [path, content] of examples) {
		if (!files.has(path)) problems.push(`missing ${path}`);
		else if (!files.get(path).equals(content)) problems.push(`stale ${path}: differs from the repository's`);
	}
	return problems;
}

function main(argv) {
	const [command, ...args] = argv;
	if (command === 'clean') {
		cleanDist();
		return 0;
	}
	if (command === 'check') {
		const expected = expectedBuild(repositoryRoot);
		const report = {};
		for (const target of args.length ? args : ['--working-tree']) {
			const files =
				target === '--working-tree'
					? readWorkingTree(repositoryRoot)
					: statSync(target).isDirectory()
						? readFolder(target)
						: readTarball(target);
			report[target] = checkPackage(files, repositoryRoot, expected);
		}
		process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
		const bad = Object.values(report).some((problems) => problems.length > 0);
		if (bad) process.stderr.write('pack check: the package is not what the current sources build (see above)\n');
		return bad ? 1 : 0;
	}
	process.stderr.write('usage: node scripts/lib/pack.mjs clean | check [--working-tree | <file.tgz | dir> ...]\n');
	return 2;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exit(main(process.argv.slice(2)));
