// Finds or installs the Redis server the queue-mode end-to-end test starts a throw-away instance
// of (n8n's queue mode keeps its job queue in Redis). Debian's `redis-server` package puts it in
// /usr/bin; TVAT_REDIS_SERVER names another binary (for example Homebrew's).
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

function log(message) {
	process.stderr.write(`[redis] ${message}\n`);
}

function isExecutable(file) {
	try {
		accessSync(file, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

/** The redis-server binary: TVAT_REDIS_SERVER, else the first on PATH or in the sbin folders, or null. */
export function findRedisServer(env = process.env) {
	const explicit = env.TVAT_REDIS_SERVER?.trim();
	if (explicit) return isExecutable(explicit) ? explicit : null;
	const folders = [...(env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/bin', '/usr/sbin', '/usr/local/bin'];
	for (const folder of folders) {
		const candidate = join(folder, 'redis-server');
		if (isExecutable(candidate)) return candidate;
	}
	return null;
}

/**
 * Arguments for a throw-away server: loopback only, on `port`, its working folder `dir`, nothing
 * written to disk (no snapshots, no append-only file), in the foreground so the caller owns it.
 */
export function redisServerArgs({ port, dir }) {
	return ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no'];
}

function aptInstall() {
	execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server'], {
		stdio: ['ignore', 'inherit', 'inherit'],
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	});
}

/** The redis-server binary; installs Debian's `redis-server` (as root) if missing. */
export function ensureRedis() {
	const found = findRedisServer();
	if (found) return found;
	if (process.env.TVAT_REDIS_SERVER?.trim()) {
		throw new Error(`TVAT_REDIS_SERVER=${process.env.TVAT_REDIS_SERVER} is not an executable redis-server`);
	}
	const canApt = process.platform === 'linux' && existsSync('/usr/bin/apt-get') && process.getuid?.() === 0;
	if (!canApt) {
		throw new Error(
			'redis-server not found: install Redis (Debian/Ubuntu: apt-get install redis-server) ' +
				'or set TVAT_REDIS_SERVER to the redis-server binary.',
		);
	}
	log("installing Debian's redis-server package for the queue-mode test");
	try {
		aptInstall();
	} catch {
		log('install failed; updating the package lists and trying again');
		execFileSync('apt-get', ['update'], { stdio: ['ignore', 'inherit', 'inherit'] });
		aptInstall();
	}
	const installed = findRedisServer();
	if (!installed) throw new Error('apt-get installed redis-server but no redis-server binary was found');
	return installed;
}

// `node scripts/lib/redis.mjs` prints the binary, installing Redis first if needed.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	process.stdout.write(`${ensureRedis()}\n`);
}
