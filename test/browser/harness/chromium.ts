import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, which scripts/lib/chromium.mjs installs; Playwright's own browsers cannot be downloaded here. */
export const CHROMIUM_BINARY = process.env.E2E_CHROMIUM_BINARY ?? '/usr/bin/chromium';

// Without the background-networking flags the closed network refuses Chromium's own
// connections, many at a time (docs/design/runtime-facts.md). Playwright starts every launch with a new,
// empty profile directory of its own.
const FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
	return await chromium.launch({ executablePath: CHROMIUM_BINARY, headless: true, args: FLAGS, timeout: 120_000 });
}
