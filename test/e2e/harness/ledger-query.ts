import type { SQLInputValue } from 'node:sqlite';

import { readOnlyRows } from '../../support/sqlite-rows';

/** Queries the ledger of a running n8n through a read-only connection of its own. */
export function ledgerQueryOn(n8n: { readonly ledgerPath: string }): (sql: string, ...params: SQLInputValue[]) => Array<Record<string, unknown>> {
	return (sql, ...params) => readOnlyRows(n8n.ledgerPath, sql, ...params);
}
