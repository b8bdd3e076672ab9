import { claimDetailText, orderClaimValues, stateList, toStoredOrderClaim, type OrderClaimRow } from '../order-claim-rows';
import { claimSql, insertClaimSql, processSeenAtSql, settleClaimSql, takeOverClaimSql } from '../order-claim-sql';
import {
	RECLAIMABLE_CLAIM_STATES,
	type OrderClaimRequest,
	type OrderClaimResult,
	type OrderClaims,
	type SettledClaimState,
	type StoredOrderClaim,
} from '../order-claims';
import type { PostgresDatabase } from './postgres-database';

/**
 * Order claims in the shared PostgreSQL ledger. The first claim is one INSERT … ON CONFLICT DO
 * NOTHING; every later change is one UPDATE whose WHERE names the state (and owner) it expects.
 * Under read committed, a second UPDATE of the row waits for the first and re-checks its WHERE
 * against the row the first left, so of several racing claimants exactly one changes it.
 */
export class PostgresOrderClaims implements OrderClaims {
	constructor(protected readonly database: PostgresDatabase) {}

	async claim(request: OrderClaimRequest): Promise<OrderClaimResult> {
		const table = this.database.table('order_claim');
		const inserted = await this.database.query(insertClaimSql(this.database.dialect), orderClaimValues(request));
		if (inserted.rowCount === 1) return { claimed: true, previous: null };
		// Takes a refused or not-sent claim over, returning the row as it was before.
		const { rows } = await this.database.query<OrderClaimRow>(
			`UPDATE ${table} AS claim SET scope = $2, broker = $3, alert_id = $4, owner = $5, claimed_at_ms = $6,
				state = 'sending', settled_at = NULL, detail = NULL
			FROM (SELECT * FROM ${table} WHERE client_order_id = $1 FOR UPDATE) AS before
			WHERE claim.client_order_id = before.client_order_id AND before.state IN (${stateList(RECLAIMABLE_CLAIM_STATES)})
			RETURNING before.*`,
			orderClaimValues(request),
		);
		if (rows.length === 1) return { claimed: true, previous: toStoredOrderClaim(rows[0]) };
		const holder = await this.getClaim(request.clientOrderId);
		// Only possible if the row vanished in between (claims are never deleted): claim afresh.
		if (holder === null) return await this.claim(request);
		return { claimed: false, holder };
	}

	async takeOverClaim(request: OrderClaimRequest, fromOwner: string): Promise<boolean> {
		const { rowCount } = await this.database.query(takeOverClaimSql(this.database.dialect), [request.owner, request.at.getTime(), request.clientOrderId, fromOwner]);
		return rowCount === 1;
	}

	async settleClaim(clientOrderId: string, owner: string, state: SettledClaimState, at: Date, detail?: unknown): Promise<boolean> {
		const { rowCount } = await this.database.query(settleClaimSql(this.database.dialect), [state, at.toISOString(), claimDetailText(detail), clientOrderId, owner]);
		return rowCount === 1;
	}

	async getClaim(clientOrderId: string): Promise<StoredOrderClaim | null> {
		const { rows } = await this.database.query<OrderClaimRow>(claimSql(this.database.dialect), [clientOrderId]);
		return rows.length === 1 ? toStoredOrderClaim(rows[0]) : null;
	}

	async processSeenAt(process: string): Promise<number | null> {
		const { rows } = await this.database.query<{ seen_at_ms: string | number }>(processSeenAtSql(this.database.dialect), [process]);
		return rows.length === 1 ? Number(rows[0].seen_at_ms) : null;
	}
}
