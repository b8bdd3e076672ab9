import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Builds the package and packs it into `destination`, as `npm publish` would; returns the tarball. */
export function buildAndPack(root, destination, env = process.env) {
	const quiet = { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] };
	rmSync(join(root, 'dist'), { recursive: true, force: true });
	execFileSync('npm', ['run', 'build', '--silent'], quiet);
	mkdirSync(destination, { recursive: true });
	for (const file of readdirSync(destination)) if (file.endsWith('.tgz')) rmSync(join(destination, file));
	const output = execFileSync('npm', ['pack', '--silent', '--pack-destination', destination], { cwd: root, env });
	return join(destination, output.toString().trim().split('\n').pop());
}

/** A digest of the files under `paths` (relative to `root`): equal digests, equal package. */
export function sourceDigest(root, paths) {
	const hash = createHash('sha256');
	const visit = (relative) => {
		const absolute = join(root, relative);
		if (statSync(absolute).isDirectory()) {
			for (const entry of readdirSync(absolute).sort()) visit(join(relative, entry));
		} else {
			hash.update(`${relative}\0`).update(readFileSync(absolute)).update('\0');
		}
	};
	for (const path of paths) visit(path);
	return hash.digest('hex');
}
