import type { SqlDialect } from './alert-fate-sql';
import { TAKEOVER_CLAIM_STATES } from './order-claims';
import { stateList } from './order-claim-rows';

// The order_claim statements both backends run alike (see alert-fate-sql.ts). Reclaiming a
// refused or not-sent claim differs: PostgreSQL returns the row as it was in one UPDATE, SQLite
// reads it first under its write lock.

/** Parameters: orderClaimValues. No row changed when the client order ID is already claimed. */
export function insertClaimSql(d: SqlDialect): string {
	return `INSERT INTO ${d.table('order_claim')} (client_order_id, scope, broker, alert_id, owner, claimed_at_ms, state)
	VALUES (${d.param(1)}, ${d.param(2)}, ${d.param(3)}, ${d.param(4)}, ${d.param(5)}, ${d.param(6)}, 'sending')
	ON CONFLICT (client_order_id) DO NOTHING`;
}

/** Parameters: 1 new owner, 2 claimed at (ms), 3 client order ID, 4 owner it is taken from. */
export function takeOverClaimSql(d: SqlDialect): string {
	return `UPDATE ${d.table('order_claim')} SET owner = ${d.param(1)}, claimed_at_ms = ${d.param(2)}, state = 'sending', settled_at = NULL, detail = NULL
	WHERE client_order_id = ${d.param(3)} AND owner = ${d.param(4)} AND state IN (${stateList(TAKEOVER_CLAIM_STATES)})`;
}

/** Parameters: 1 state, 2 settled at (ISO), 3 detail, 4 client order ID, 5 owner. */
export function settleClaimSql(d: SqlDialect): string {
	return `UPDATE ${d.table('order_claim')} SET state = ${d.param(1)}, settled_at = ${d.param(2)}, detail = ${d.param(3)}
	WHERE client_order_id = ${d.param(4)} AND owner = ${d.param(5)} AND state = 'sending'`;
}

/** Parameters: 1 client order ID. */
export function claimSql(d: SqlDialect): string {
	return `SELECT * FROM ${d.table('order_claim')} WHERE client_order_id = ${d.param(1)}`;
}

/** Parameters: 1 process id. The heartbeat every process that opened the ledger writes. */
export function processSeenAtSql(d: SqlDialect): string {
	return `SELECT seen_at_ms FROM ${d.table('ledger_process')} WHERE process_id = ${d.param(1)}`;
}
