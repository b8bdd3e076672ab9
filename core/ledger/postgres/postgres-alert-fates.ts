import type { AlertFate, AlertFateStore, AlertSettlement, FateStage, RecoveryPass, RecoveryPolicy } from '../alert-fate';
import {
	type AlertFateRow,
	giveUpFatesSql,
	heartbeatSql,
	recoverFatesSql,
	recoveryParams,
	settleFateSql,
	toAlertFate,
} from '../alert-fate-sql';
import { toRecoveredAlert } from '../alert-fate-rows';
import { type AlertOrderView, toAlertOrderView } from '../alert-order';
import { alertsAheadSql, isSequencedSql, laterOrderedSql } from '../alert-order-sql';
import { postgresDialect, type PostgresDatabase, type SqlValue } from './postgres-database';

/** Accepted alerts' fates and the processes' heartbeats, in the shared PostgreSQL ledger. */
export class PostgresAlertFates implements AlertFateStore {
	constructor(readonly database: PostgresDatabase) {}

	private get dialect() {
		return postgresDialect(this.database);
	}

	async settleAlert(alertId: string, outcome: AlertSettlement, at: Date): Promise<void> {
		await this.database.query(settleFateSql(this.dialect), [alertId, outcome, at.getTime()]);
	}

	async fateOf(alertId: string): Promise<AlertFate | null> {
		const { rows } = await this.database.query<AlertFateRow>(
			`SELECT * FROM ${this.database.table('alert_fate')} WHERE alert_id = $1`,
			[alertId],
		);
		return rows.length ? toAlertFate(rows[0]) : null;
	}

	async listFates(query: { scopePrefix?: string; stage?: FateStage; limit?: number } = {}): Promise<AlertFate[]> {
		const where: string[] = [];
		const params: SqlValue[] = [];
		if (query.scopePrefix !== undefined) {
			params.push(query.scopePrefix.length, query.scopePrefix);
			where.push(`substr(scope, 1, $${params.length - 1}) = $${params.length}`);
		}
		if (query.stage !== undefined) {
			params.push(query.stage);
			where.push(`stage = $${params.length}`);
		}
		params.push(query.limit ?? 10_000);
		const { rows } = await this.database.query<AlertFateRow>(
			`SELECT * FROM ${this.database.table('alert_fate')}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
			ORDER BY accepted_at_ms LIMIT $${params.length}`,
			params,
		);
		return rows.map(toAlertFate);
	}

	async recoverAlerts(policy: RecoveryPolicy): Promise<RecoveryPass> {
		const params = recoveryParams(policy);
		return await this.database.transaction(async (client) => {
			const lost = await client.query<AlertFateRow>(giveUpFatesSql(this.dialect), params.slice(0, 7));
			const recovered = await client.query<AlertFateRow>(recoverFatesSql(this.dialect), params);
			return { recovered: recovered.rows.map(toRecoveredAlert), lost: lost.rows.map(toAlertFate) };
		});
	}

	async heartbeat(process: string, at: Date): Promise<void> {
		await this.database.query(heartbeatSql(this.dialect), [process, at.getTime()]);
	}

	async alertOrder(alertId: string, heldSince: Date): Promise<AlertOrderView> {
		const sequenced = await this.database.query(isSequencedSql(this.dialect), [alertId]);
		if (sequenced.rows.length === 0) return toAlertOrderView(false, [], []);
		const ahead = await this.database.query<{ alert_id: string; accepted_at_ms: string }>(alertsAheadSql(this.dialect), [alertId, heldSince.getTime()]);
		const later = await this.database.query<{ alert_id: string }>(laterOrderedSql(this.dialect), [alertId]);
		return toAlertOrderView(true, ahead.rows, later.rows);
	}
}
