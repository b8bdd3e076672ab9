// Finds or installs the PostgreSQL server binaries the ledger's PostgreSQL tests start a
// throw-away server with. Debian's `postgresql` package puts them in /usr/lib/postgresql/<ver>/bin;
// TVAT_POSTGRES_BIN names another folder (for example Homebrew's) that holds initdb, pg_ctl and
// postgres.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const DEBIAN_ROOT = '/usr/lib/postgresql';
const NEEDED = ['initdb', 'pg_ctl', 'postgres'];

function log(message) {
	process.stderr.write(`[postgres] ${message}\n`);
}

function hasServerBinaries(folder) {
	return NEEDED.every((name) => existsSync(join(folder, name)));
}

/** The folder of PostgreSQL server binaries, newest version first, or null when there is none. */
export function findPostgresBin(env = process.env) {
	const explicit = env.TVAT_POSTGRES_BIN?.trim();
	if (explicit) return hasServerBinaries(explicit) ? explicit : null;
	if (!existsSync(DEBIAN_ROOT)) return null;
	const versions = readdirSync(DEBIAN_ROOT)
		.filter((name) => /^\d+(\.\d+)?$/.test(name))
		.sort((a, b) => Number(b) - Number(a));
	for (const version of versions) {
		const folder = join(DEBIAN_ROOT, version, 'bin');
		if (hasServerBinaries(folder)) return folder;
	}
	return null;
}

function aptInstall() {
	execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'postgresql'], {
		stdio: ['ignore', 'inherit', 'inherit'],
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	});
}

/** The folder of PostgreSQL server binaries; installs Debian's `postgresql` (as root) if missing. */
export function ensurePostgres() {
	const found = findPostgresBin();
	if (found) return found;
	if (process.env.TVAT_POSTGRES_BIN?.trim()) {
		throw new Error(`TVAT_POSTGRES_BIN=${process.env.TVAT_POSTGRES_BIN} does not hold ${NEEDED.join(', ')}`);
	}
	const canApt = process.platform === 'linux' && existsSync('/usr/bin/apt-get') && process.getuid?.() === 0;
	if (!canApt) {
		throw new Error(
			'PostgreSQL server binaries not found: install PostgreSQL (Debian/Ubuntu: apt-get install postgresql) ' +
				'or set TVAT_POSTGRES_BIN to the folder holding initdb, pg_ctl and postgres.',
		);
	}
	log('installing Debian\'s postgresql package for the ledger tests');
	try {
		aptInstall();
	} catch {
		log('install failed; updating the package lists and trying again');
		execFileSync('apt-get', ['update'], { stdio: ['ignore', 'inherit', 'inherit'] });
		aptInstall();
	}
	const installed = findPostgresBin();
	if (!installed) throw new Error(`apt-get installed postgresql but no server binaries are under ${DEBIAN_ROOT}`);
	return installed;
}

// `node scripts/lib/postgres.mjs` prints the folder, installing PostgreSQL first if needed.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	process.stdout.write(`${ensurePostgres()}\n`);
}
