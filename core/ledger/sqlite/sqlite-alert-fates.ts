import type { SQLInputValue } from 'node:sqlite';

import type { AlertFate, AlertFateStore, AlertSettlement, FateStage, RecoveryPass, RecoveryPolicy } from '../alert-fate';
import {
	type AlertFateRow,
	giveUpFatesSql,
	heartbeatSql,
	recoverFatesSql,
	recoveryParams,
	settleFateSql,
	sqliteDialect,
	toAlertFate,
} from '../alert-fate-sql';
import { toRecoveredAlert } from '../alert-fate-rows';
import { type AlertAhead, toAlertIds, toAlertsAhead } from '../alert-order';
import { alertsAheadSql, isSequencedSql, laterOrderedSql } from '../alert-order-sql';
import { type AlertPassage, type ExpectedPassages, passageSettlement } from '../alert-passage';
import { passAlertSql, passagesSql } from '../alert-passage-sql';
import type { SqliteDatabase } from './sqlite-database';

/** Accepted alerts' fates and the processes' heartbeats, in the embedded SQLite ledger. */
export class SqliteAlertFates implements AlertFateStore {
	constructor(readonly database: SqliteDatabase) {}

	async settleAlert(alertId: string, outcome: AlertSettlement, at: Date): Promise<void> {
		await this.database.transaction((db) => db.prepare(settleFateSql(sqliteDialect)).run(alertId, outcome, at.getTime()));
	}

	async passAlert(alertId: string, passage: AlertPassage, expected: ExpectedPassages, at: Date): Promise<AlertSettlement | null> {
		return await this.database.transaction((db) => {
			db.prepare(passAlertSql(sqliteDialect)).run(alertId, passage.node, passage.outcome, at.getTime());
			const outcome = passageSettlement(db.prepare(passagesSql(sqliteDialect)).all(alertId) as unknown as AlertPassage[], expected);
			if (outcome === null) return null;
			db.prepare(settleFateSql(sqliteDialect)).run(alertId, outcome, at.getTime());
			return outcome;
		});
	}

	async fateOf(alertId: string): Promise<AlertFate | null> {
		const row = this.database.db.prepare('SELECT * FROM alert_fate WHERE alert_id = ?').get(alertId) as unknown as AlertFateRow | undefined;
		return row ? toAlertFate(row) : null;
	}

	async listFates(query: { scopePrefix?: string; stage?: FateStage; limit?: number } = {}): Promise<AlertFate[]> {
		const where: string[] = [];
		const params: SQLInputValue[] = [];
		if (query.scopePrefix !== undefined) {
			where.push('substr(scope, 1, ?) = ?');
			params.push(query.scopePrefix.length, query.scopePrefix);
		}
		if (query.stage !== undefined) {
			where.push('stage = ?');
			params.push(query.stage);
		}
		params.push(query.limit ?? 10_000);
		const rows = this.database.db
			.prepare(`SELECT * FROM alert_fate${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY accepted_at_ms LIMIT ?`)
			.all(...params) as unknown as AlertFateRow[];
		return rows.map(toAlertFate);
	}

	async recoverAlerts(policy: RecoveryPolicy): Promise<RecoveryPass> {
		const params = recoveryParams(policy);
		return await this.database.transaction((db) => {
			const lost = db.prepare(giveUpFatesSql(sqliteDialect)).all(...params.slice(0, 7)) as unknown as AlertFateRow[];
			const recovered = db.prepare(recoverFatesSql(sqliteDialect)).all(...params) as unknown as AlertFateRow[];
			return { recovered: recovered.map(toRecoveredAlert), lost: lost.map(toAlertFate) };
		});
	}

	async heartbeat(process: string, at: Date): Promise<void> {
		await this.database.transaction((db) => db.prepare(heartbeatSql(sqliteDialect)).run(process, at.getTime()));
	}

	async isSequenced(alertId: string): Promise<boolean> {
		return this.database.db.prepare(isSequencedSql(sqliteDialect)).get(alertId) !== undefined;
	}

	async alertsAhead(alertId: string, heldSince: Date, node: string | null): Promise<AlertAhead[]> {
		const params: SQLInputValue[] = node === null ? [alertId, heldSince.getTime()] : [alertId, heldSince.getTime(), node];
		return toAlertsAhead(this.database.db.prepare(alertsAheadSql(sqliteDialect, node !== null)).all(...params) as unknown as Array<{ alert_id: string; accepted_at_ms: number }>);
	}

	async laterOrdered(alertId: string, node: string | null): Promise<string[]> {
		const params: SQLInputValue[] = node === null ? [alertId] : [alertId, node];
		return toAlertIds(this.database.db.prepare(laterOrderedSql(sqliteDialect, node !== null)).all(...params) as unknown as Array<{ alert_id: string }>);
	}
}
