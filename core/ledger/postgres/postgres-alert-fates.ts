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
import { type AlertAhead, toAlertIds, toAlertsAhead } from '../alert-order';
import { alertsAheadSql, isSequencedSql, laterOrderedSql } from '../alert-order-sql';
import { type AlertPassage, type ExpectedPassages, passageSettlement } from '../alert-passage';
import { passAlertSql, passagesSql } from '../alert-passage-sql';
import type { PostgresDatabase, SqlValue } from './postgres-database';

/** Accepted alerts' fates and the processes' heartbeats, in the shared PostgreSQL ledger. */
export class PostgresAlertFates implements AlertFateStore {
	constructor(readonly database: PostgresDatabase) {}

	private get dialect() {
		return this.database.dialect;
	}

	async settleAlert(alertId: string, outcome: AlertSettlement, at: Date): Promise<void> {
		await this.database.query(settleFateSql(this.dialect), [alertId, outcome, at.getTime()]);
	}

	async passAlert(alertId: string, passage: AlertPassage, expected: ExpectedPassages, at: Date): Promise<AlertSettlement | null> {
		return await this.database.transaction(async (client) => {
			// Two passages of one alert at once (an execution and its recovery) take turns here, so
			// the second sees the first and the fate is settled.
			await client.query(`SELECT 1 FROM ${this.database.table('alert_fate')} WHERE alert_id = $1 FOR UPDATE`, [alertId]);
			await client.query(passAlertSql(this.dialect), [alertId, passage.node, passage.outcome, at.getTime()]);
			const outcome = passageSettlement((await client.query<AlertPassage>(passagesSql(this.dialect), [alertId])).rows, expected);
			if (outcome === null) return null;
			await client.query(settleFateSql(this.dialect), [alertId, outcome, at.getTime()]);
			return outcome;
		});
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

	async isSequenced(alertId: string): Promise<boolean> {
		return (await this.database.query(isSequencedSql(this.dialect), [alertId])).rows.length > 0;
	}

	async alertsAhead(alertId: string, heldSince: Date, node: string | null): Promise<AlertAhead[]> {
		const params: SqlValue[] = node === null ? [alertId, heldSince.getTime()] : [alertId, heldSince.getTime(), node];
		return toAlertsAhead((await this.database.query<{ alert_id: string; accepted_at_ms: string }>(alertsAheadSql(this.dialect, node !== null), params)).rows);
	}

	async laterOrdered(alertId: string, node: string | null): Promise<string[]> {
		const params: SqlValue[] = node === null ? [alertId] : [alertId, node];
		return toAlertIds((await this.database.query<{ alert_id: string }>(laterOrderedSql(this.dialect, node !== null), params)).rows);
	}
}
