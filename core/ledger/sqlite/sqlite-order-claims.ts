import type { DatabaseSync } from 'node:sqlite';

import { claimDetailText, orderClaimValues, stateList, toStoredOrderClaim, type OrderClaimRow } from '../order-claim-rows';
import {
	RECLAIMABLE_CLAIM_STATES,
	TAKEOVER_CLAIM_STATES,
	type OrderClaimRequest,
	type OrderClaimResult,
	type OrderClaims,
	type SettledClaimState,
	type StoredOrderClaim,
} from '../order-claims';
import type { SqliteDatabase } from './sqlite-database';

/** Order claims in the embedded SQLite ledger; each call is one BEGIN IMMEDIATE transaction. */
export class SqliteOrderClaims implements OrderClaims {
	constructor(protected readonly database: SqliteDatabase) {}

	async claim(request: OrderClaimRequest): Promise<OrderClaimResult> {
		return await this.database.transaction((db) => {
			const inserted = db
				.prepare(
					`INSERT INTO order_claim (client_order_id, scope, broker, alert_id, owner, claimed_at_ms, state)
					VALUES (?, ?, ?, ?, ?, ?, 'sending') ON CONFLICT (client_order_id) DO NOTHING`,
				)
				.run(...orderClaimValues(request));
			if (Number(inserted.changes) === 1) return { claimed: true, previous: null };
			const holder = readClaim(db, request.clientOrderId) as StoredOrderClaim;
			if (!RECLAIMABLE_CLAIM_STATES.includes(holder.state)) return { claimed: false, holder };
			db.prepare(
				`UPDATE order_claim SET scope = ?, broker = ?, alert_id = ?, owner = ?, claimed_at_ms = ?, state = 'sending',
				settled_at = NULL, detail = NULL WHERE client_order_id = ?`,
			).run(request.scope, request.broker, request.alertId, request.owner, request.at.getTime(), request.clientOrderId);
			return { claimed: true, previous: holder };
		});
	}

	async takeOverClaim(request: OrderClaimRequest, fromOwner: string): Promise<boolean> {
		return await this.database.transaction(
			(db) =>
				Number(
					db
						.prepare(
							`UPDATE order_claim SET owner = ?, claimed_at_ms = ?, state = 'sending', settled_at = NULL, detail = NULL
							WHERE client_order_id = ? AND owner = ? AND state IN (${stateList(TAKEOVER_CLAIM_STATES)})`,
						)
						.run(request.owner, request.at.getTime(), request.clientOrderId, fromOwner).changes,
				) === 1,
		);
	}

	async settleClaim(clientOrderId: string, owner: string, state: SettledClaimState, at: Date, detail?: unknown): Promise<boolean> {
		return await this.database.transaction(
			(db) =>
				Number(
					db
						.prepare(
							`UPDATE order_claim SET state = ?, settled_at = ?, detail = ?
							WHERE client_order_id = ? AND owner = ? AND state = 'sending'`,
						)
						.run(state, at.toISOString(), claimDetailText(detail), clientOrderId, owner).changes,
				) === 1,
		);
	}

	async getClaim(clientOrderId: string): Promise<StoredOrderClaim | null> {
		return readClaim(this.database.db, clientOrderId);
	}
}

function readClaim(db: DatabaseSync, clientOrderId: string): StoredOrderClaim | null {
	const row = db.prepare('SELECT * FROM order_claim WHERE client_order_id = ?').get(clientOrderId) as OrderClaimRow | undefined;
	return row ? toStoredOrderClaim(row) : null;
}
