import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { PaperBroker } from '../../../core/brokers/paper/paper-broker';
import { SqliteDatabase } from '../../../core/ledger/sqlite/sqlite-database';
import { SqlitePaperStore } from '../../../core/ledger/sqlite/sqlite-paper-store';
import { paperBrokerOn } from '../../support/paper';
import { readOnlyRows } from '../../support/sqlite-rows';

/** A paper ledger in a fresh temp directory; `remove` closes it and deletes the directory. */
export class PaperFixture {
	readonly dir = mkdtempSync(join(tmpdir(), 'paper-'));
	readonly dbPath = join(this.dir, 'ledger.sqlite');
	database = new SqliteDatabase(this.dbPath);
	private ids = 0;

	broker(account = 'main', startingCash = 10_000, currency = 'USD'): PaperBroker {
		return paperBrokerOn(new SqlitePaperStore(this.database), { account, startingCash, currency, newId: () => `order-${++this.ids}` });
	}

	/** Closes the database file and opens it again, as a restarted n8n would. */
	reopen(): void {
		this.database.close();
		this.database = new SqliteDatabase(this.dbPath);
	}

	/** Reads the file through a connection of its own, as another process would see it. */
	rows(sql: string): Record<string, unknown>[] {
		return readOnlyRows(this.dbPath, sql);
	}

	remove(): void {
		this.database.close();
		rmSync(this.dir, { recursive: true, force: true });
	}
}
