import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
