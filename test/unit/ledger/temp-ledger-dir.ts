import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ledger } from '../../../core/ledger/ledger';
import { openSqliteLedger } from '../../../core/ledger/open-ledger';

/** A fresh directory for one test's ledger files; `remove` deletes it and everything in it. */
export interface TempDir {
	path: string;
	file(name: string): string;
	remove(): void;
}

export function makeTempDir(prefix = 'tv-ledger-'): TempDir {
	const path = mkdtempSync(join(tmpdir(), prefix));
	return {
		path,
		file: (name: string) => join(path, name),
		remove: () => rmSync(path, { recursive: true, force: true }),
	};
}

/**
 * A fresh SQLite ledger in its own directory for each test of the enclosing describe block,
 * closed and deleted after it: `ledger()` is the current test's.
 */
export function useTempSqliteLedger(): { ledger: () => Ledger } {
	let dir: TempDir | null = null;
	let current: Ledger | null = null;
	beforeEach(() => {
		dir = makeTempDir();
		current = openSqliteLedger(dir.file('ledger.sqlite'));
	});
	afterEach(async () => {
		await current?.close();
		dir?.remove();
	});
	return {
		ledger: () => {
			if (current === null) throw new Error('the temporary ledger exists only inside a test');
			return current;
		},
	};
}
