import { z } from 'zod';

import type { OrderJournal } from '../ledger/order-journal';

// "List Unordered Alerts": the alerts the trigger answered `accepted` that never reached a
// Broker Order (no order journal entry, not settled by Broker Order or Risk Check).

const MINUTE_MS = 60_000;

export const unorderedAlertSettingsSchema = z.object({
	/** How far back to look. */
	acceptedWithinHours: z.number().finite().positive('must be greater than 0').default(168),
	/** Alerts accepted more recently than this are still being handled and are left out. */
	olderThanMinutes: z.number().finite().nonnegative().default(10),
	/** Only alerts accepted by triggers in this workflow; empty: every workflow on the ledger. */
	workflowId: z.string().trim().default(''),
	limit: z.number().int().positive().max(10_000).default(1_000),
});

export type UnorderedAlertSettings = z.infer<typeof unorderedAlertSettingsSchema>;

export interface UnorderedAlertItem {
	alertId: string;
	/** The trigger that accepted it: `<workflowId>/<nodeId>`. */
	scope: string;
	workflowId: string;
	acceptedAt: string;
	minutesSinceAccepted: number;
	/** accepted (never started), started, recovering, or lost (recovery gave up). */
	stage: string;
	stageAt: string;
	/** Re-runs by the Alert Recovery Trigger. */
	recoveryAttempts: number;
	symbol: unknown;
	action: unknown;
	quantity: unknown;
	/** The trigger's item, as accepted. */
	alert: Record<string, unknown>;
}

export async function listUnorderedAlerts(settings: UnorderedAlertSettings, journal: OrderJournal, now: Date): Promise<UnorderedAlertItem[]> {
	const alerts = await journal.listUnorderedAlerts({
		acceptedFrom: new Date(now.getTime() - settings.acceptedWithinHours * 60 * MINUTE_MS),
		acceptedUntil: new Date(now.getTime() - settings.olderThanMinutes * MINUTE_MS),
		scopePrefix: settings.workflowId === '' ? undefined : `${settings.workflowId}/`,
		limit: settings.limit,
	});
	return alerts.map((alert) => ({
		alertId: alert.alertId,
		scope: alert.scope,
		workflowId: alert.scope.includes('/') ? alert.scope.slice(0, alert.scope.indexOf('/')) : alert.scope,
		acceptedAt: alert.acceptedAt,
		minutesSinceAccepted: Math.floor((now.getTime() - Date.parse(alert.acceptedAt)) / MINUTE_MS),
		stage: alert.stage,
		stageAt: alert.stageAt,
		recoveryAttempts: alert.attempts,
		symbol: alert.item.symbol ?? null,
		action: alert.item.action ?? null,
		quantity: alert.item.quantity ?? null,
		alert: alert.item,
	}));
}
