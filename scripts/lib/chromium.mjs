// Finds or installs Debian's Chromium for the browser test. Playwright's own browser download
// cannot reach the internet here, so playwright-core drives this one (docs/design/runtime-facts.md).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

function aptGet(args) {
	execFileSync('apt-get', args, {
		stdio: ['ignore', 'inherit', 'inherit'],
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	});
}

function hasPackageLists() {
	try {
		return readdirSync('/var/lib/apt/lists').some((file) => file.endsWith('_Packages'));
	} catch {
		return false;
	}
}

/** Absolute path of a Chromium binary, installed from Debian's packages when missing. */
export function ensureChromium() {
	if (existsSync(CHROMIUM)) return CHROMIUM;
	process.stderr.write('[chromium] installing Debian chromium (once)\n');
	if (!hasPackageLists()) aptGet(['update']);
	try {
		aptGet(['install', '-y', '--no-install-recommends', 'chromium']);
	} catch {
		// Stale package lists name versions the mirror no longer has.
		aptGet(['update']);
		aptGet(['install', '-y', '--no-install-recommends', 'chromium']);
	}
	if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium but ${CHROMIUM} is missing`);
	return CHROMIUM;
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(`${ensureChromium()}\n`);
