import type { DatabaseSync } from 'node:sqlite';

import { sqliteDialect as d } from '../alert-fate-sql';
import { claimDetailText, orderClaimValues, toStoredOrderClaim, type OrderClaimRow } from '../order-claim-rows';
import { claimSql, insertClaimSql, processSeenAtSql, settleClaimSql, takeOverClaimSql } from '../order-claim-sql';
import {
	RECLAIMABLE_CLAIM_STATES,
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
			const inserted = db.prepare(insertClaimSql(d)).run(...orderClaimValues(request));
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
		return await this.database.transaction((db) => {
			const { changes } = db.prepare(takeOverClaimSql(d)).run(request.owner, request.at.getTime(), request.clientOrderId, fromOwner);
			return Number(changes) === 1;
		});
	}

	async settleClaim(clientOrderId: string, owner: string, state: SettledClaimState, at: Date, detail?: unknown): Promise<boolean> {
		return await this.database.transaction((db) => {
			const { changes } = db.prepare(settleClaimSql(d)).run(state, at.toISOString(), claimDetailText(detail), clientOrderId, owner);
			return Number(changes) === 1;
		});
	}

	async getClaim(clientOrderId: string): Promise<StoredOrderClaim | null> {
		return readClaim(this.database.db, clientOrderId);
	}

	async processSeenAt(process: string): Promise<number | null> {
		const row = this.database.db.prepare(processSeenAtSql(d)).get(process) as { seen_at_ms: number } | undefined;
		return row ? Number(row.seen_at_ms) : null;
	}
}

function readClaim(db: DatabaseSync, clientOrderId: string): StoredOrderClaim | null {
	const row = db.prepare(claimSql(d)).get(clientOrderId) as OrderClaimRow | undefined;
	return row ? toStoredOrderClaim(row) : null;
}
