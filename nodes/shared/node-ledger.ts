import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Ledger } from '../../core/ledger/ledger';
import { defaultLedgerPath, sqliteLedgerProblem } from '../../core/ledger/ledger-location';
import { sharedLedger } from '../../core/ledger/open-ledger';
import { sharedPostgresLedger } from '../../core/ledger/open-postgres-ledger';
import { type PostgresLedgerConfig, postgresConfigFromCredential } from '../../core/ledger/postgres/postgres-config';
import { RefreshingCache } from '../../core/util/refreshing-cache';

// Decrypting a credential on every webhook request makes answers late under a burst (measured
// for the trigger's token, docs/design/runtime-facts.md); a few seconds keep a changed credential
// effective. Reloads run in the background and a failed one keeps the last good settings.
const POSTGRES_CONFIG_TTL_MS = 5_000;
const POSTGRES_CONFIG_MAX_STALE_MS = 10 * 60_000;
const postgresConfigs = new RefreshingCache<PostgresLedgerConfig>(POSTGRES_CONFIG_TTL_MS, POSTGRES_CONFIG_MAX_STALE_MS);

/** The node's ledger setting cannot work in this n8n (as opposed to a database that did not answer). */
export class LedgerSettingError extends NodeOperationError {}

/** What every n8n context that opens the ledger offers (execute, webhook and hook functions). */
interface LedgerContext {
	getNode(): INode;
	getCredentials(type: string): Promise<ICredentialDataDecryptedObject>;
}

/**
 * The ledger the node's Ledger parameter (`choice`) picks; a failure to open it says which and
 * why. Nodes saved before the parameter existed have none: the embedded SQLite.
 */
export async function openNodeLedger(context: LedgerContext, choice: unknown): Promise<Ledger> {
	const node = context.getNode();
	if (choice === 'postgres') {
		try {
			const credentialId = node.credentials?.postgres?.id ?? `unsaved:${node.id}`;
			const config = await postgresConfigs.get(credentialId, async () => postgresConfigFromCredential(await context.getCredentials('postgres')));
			return await sharedPostgresLedger(config);
		} catch (error) {
			throw new NodeOperationError(node, `The PostgreSQL ledger could not be opened: ${(error as Error).message}`, {
				description: 'Check the Postgres credential (host, port, database, user, password, SSL). The ledger keeps its tables in the schema "tradingview_autotrade".',
			});
		}
	}
	const problem = sqliteLedgerProblem(process.env);
	if (problem) {
		throw new LedgerSettingError(node, `The SQLite ledger is not used here: ${problem}`);
	}
	const path = defaultLedgerPath(process.env);
	try {
		return sharedLedger(path);
	} catch (error) {
		throw new NodeOperationError(node, `The ledger at ${path} could not be opened: ${(error as Error).message}`, {
			description: 'n8n must run on Node.js 22.13 or newer (node:sqlite) and be able to write to its user folder.',
		});
	}
}
