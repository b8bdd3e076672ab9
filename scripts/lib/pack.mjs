import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
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
