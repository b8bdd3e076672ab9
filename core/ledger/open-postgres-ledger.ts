import { createHash } from 'node:crypto';

import type { Ledger } from './ledger';
import { validLedgerSchema, type PostgresLedgerConfig } from './postgres/postgres-config';
import { beatWhileOpen } from './process-heartbeat';
import { PostgresAlertFates } from './postgres/postgres-alert-fates';
import { PostgresDatabase } from './postgres/postgres-database';
import { PostgresOrderJournal } from './postgres/postgres-order-journal';
import { PostgresPaperStore } from './postgres/postgres-paper-store';
import { PostgresReader } from './postgres/postgres-reader';
import { PostgresRiskStore } from './postgres/postgres-risk-store';
import { ensurePostgresSchema } from './postgres/postgres-schema';
import { PostgresSignalLedger } from './postgres/postgres-signal-ledger';

const openLedgers = new Map<string, Promise<Ledger>>();

/** Connects to PostgreSQL, creates the ledger's schema and tables when missing, and opens it. */
export async function openPostgresLedger(config: PostgresLedgerConfig): Promise<Ledger> {
	const database = new PostgresDatabase(config);
	try {
		await ensurePostgresSchema(database);
	} catch (error) {
		await database.close();
		throw error;
	}
	return {
		signals: new PostgresSignalLedger(database),
		fates: new PostgresAlertFates(database),
		orders: new PostgresOrderJournal(database),
		paper: new PostgresPaperStore(database),
		risk: new PostgresRiskStore(database),
		reader: new PostgresReader(database),
		close: async () => await database.close(),
	};
}

/**
 * One open ledger per distinct configuration for the whole process: every node and request with
 * the same server, database, user, password, TLS setting and schema shares one connection pool.
 * Callers that arrive while it is still opening wait for the same one; a failed open is forgotten,
 * so the next call tries again.
 */
export async function sharedPostgresLedger(config: PostgresLedgerConfig): Promise<Ledger> {
	const key = configDigest(config);
	let ledger = openLedgers.get(key);
	if (!ledger) {
		ledger = openPostgresLedger(config).then(beatWhileOpen);
		openLedgers.set(key, ledger);
		ledger.catch(() => {
			if (openLedgers.get(key) === ledger) openLedgers.delete(key);
		});
	}
	return await ledger;
}

export async function closeSharedPostgresLedgers(): Promise<void> {
	const ledgers = [...openLedgers.values()];
	openLedgers.clear();
	const opened = await Promise.allSettled(ledgers);
	await Promise.all(
		opened.map(async (result) => {
			if (result.status === 'fulfilled') await result.value.close();
		}),
	);
}

/** A digest, so the map never holds the password itself as a key. */
function configDigest(config: PostgresLedgerConfig): string {
	const canonical = JSON.stringify([
		config.host,
		config.port,
		config.database,
		config.user,
		config.password,
		config.ssl === false ? false : config.ssl.rejectUnauthorized,
		validLedgerSchema(config.schema),
	]);
	return createHash('sha256').update(canonical).digest('hex');
}
