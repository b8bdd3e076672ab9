import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

import type { OrderIntent } from '../../../core/brokers/broker';
import { PaperBroker } from '../../../core/brokers/paper/paper-broker';
import { SqliteDatabase } from '../../../core/ledger/sqlite/sqlite-database';
import { SqlitePaperStore } from '../../../core/ledger/sqlite/sqlite-paper-store';

export const T0 = new Date('2024-03-01T12:00:00.000Z');

export function intent(overrides: Partial<OrderIntent> = {}): OrderIntent {
	return {
		clientOrderId: 'tv-1',
		symbol: 'AAPL',
		side: 'buy',
		quantity: 10,
		type: 'market',
		limitPrice: null,
		stopPrice: null,
		timeInForce: 'gtc',
		takeProfitPrice: null,
		stopLossPrice: null,
		reduceOnly: false,
		referencePrice: null,
		alertId: null,
		...overrides,
	};
}

/** A paper ledger in a fresh temp directory; `remove` closes it and deletes the directory. */
export class PaperFixture {
	readonly dir = mkdtempSync(join(tmpdir(), 'paper-'));
	readonly dbPath = join(this.dir, 'ledger.sqlite');
	database = new SqliteDatabase(this.dbPath);
	private ids = 0;

	broker(account = 'main', startingCash = 10_000, currency = 'USD'): PaperBroker {
		return new PaperBroker(new SqlitePaperStore(this.database), {
			account,
			startingCash,
			currency,
			now: () => T0,
			newId: () => `order-${++this.ids}`,
		});
	}

	/** Closes the database file and opens it again, as a restarted n8n would. */
	reopen(): void {
		this.database.close();
		this.database = new SqliteDatabase(this.dbPath);
	}

	/** Reads the file through a connection of its own, as another process would see it. */
	rows(sql: string): Record<string, unknown>[] {
		const db = new DatabaseSync(this.dbPath, { readOnly: true });
		try {
			return db
				.prepare(sql)
				.all()
				.map((row) => ({ ...row }));
		} finally {
			db.close();
		}
	}

	remove(): void {
		this.database.close();
		rmSync(this.dir, { recursive: true, force: true });
	}
}
