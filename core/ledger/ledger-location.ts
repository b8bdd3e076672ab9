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
