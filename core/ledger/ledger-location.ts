import { homedir } from 'node:os';
import { join } from 'node:path';

export const LEDGER_PATH_ENV = 'TRADINGVIEW_AUTOTRADE_LEDGER';

/**
 * Where the embedded ledger lives: beside n8n's own database in the n8n user folder
 * (`$N8N_USER_FOLDER/.n8n`, or `~/.n8n`), unless TRADINGVIEW_AUTOTRADE_LEDGER names a file.
 */
export function defaultLedgerPath(env: NodeJS.ProcessEnv, home: string = homedir()): string {
	const explicit = env[LEDGER_PATH_ENV]?.trim();
	if (explicit) return explicit;
	const userFolder = env.N8N_USER_FOLDER?.trim() || home;
	return join(userFolder, '.n8n', 'tradingview-autotrade', 'ledger.sqlite');
}

export const SQLITE_SHARED_ENV = 'TRADINGVIEW_AUTOTRADE_SQLITE_SHARED';

/**
 * Why the embedded SQLite ledger must not be used here, or null. In n8n's queue mode every
 * process (main, webhook processors, workers) has its own user folder unless told otherwise, so
 * each would keep its own duplicate claims, counters and paper account: limits would count per
 * process. Allowed when the user states that all processes share one ledger file.
 */
export function sqliteLedgerProblem(env: NodeJS.ProcessEnv): string | null {
	if (env.EXECUTIONS_MODE?.trim() !== 'queue') return null;
	if (env[SQLITE_SHARED_ENV]?.trim().toLowerCase() === 'true') return null;
	return (
		"n8n runs in queue mode (EXECUTIONS_MODE=queue), where each n8n process would keep its own SQLite ledger: duplicates, limits and the paper account would not be shared. " +
		`Set the node's Ledger to PostgreSQL (with n8n's Postgres credential), or, if every n8n process opens the same ledger file (${LEDGER_PATH_ENV} on a shared folder), set ${SQLITE_SHARED_ENV}=true.`
	);
}
