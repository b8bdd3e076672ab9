import { z } from 'zod';

import type { AlertFate, RecoveredAlert, RecoveryPolicy } from '../ledger/alert-fate';
import { PROCESS_STOPPED_AFTER_MS } from '../ledger/process-identity';

/** The Alert Recovery trigger's settings, as its parameters name them. */
export const recoverySettingsSchema = z.object({
	checkEverySeconds: z.number().int().min(5).max(3600),
	notStartedAfterSeconds: z.number().int().min(10).max(86_400),
	giveUpAfterMinutes: z.number().min(1).max(10_080),
	maxAttempts: z.number().int().min(1).max(10),
});

export type RecoverySettings = z.infer<typeof recoverySettingsSchema>;

export function recoveryPolicy(settings: RecoverySettings, workflowId: string, now: Date, process: string): RecoveryPolicy {
	return {
		// The trigger's scope is `<workflowId>/<nodeId>`: this workflow's triggers only.
		scopePrefix: `${workflowId}/`,
		now,
		notStartedMs: settings.notStartedAfterSeconds * 1_000,
		processStoppedMs: PROCESS_STOPPED_AFTER_MS,
		giveUpMs: settings.giveUpAfterMinutes * 60_000,
		maxAttempts: settings.maxAttempts,
		process,
	};
}

/** The trigger's own accepted item, with what recovery adds: which attempt and why. */
export function recoveredItem(alert: RecoveredAlert, recoveredAt: Date): Record<string, unknown> {
	return {
		...alert.item,
		recovery: {
			attempt: alert.fate.attempts,
			reason: alert.reason,
			acceptedAt: alert.fate.acceptedAt,
			recoveredAt: recoveredAt.toISOString(),
		},
	};
}

/** An alert recovery gave up on: enough to notify someone and find it in the ledger. */
export function lostItem(fate: AlertFate, givenUpAt: Date): Record<string, unknown> {
	return {
		alertId: fate.alertId,
		scope: fate.scope,
		acceptedAt: fate.acceptedAt,
		attempts: fate.attempts,
		outcome: 'lost',
		givenUpAt: givenUpAt.toISOString(),
		message:
			fate.attempts > 0
				? `Alert ${fate.alertId} was re-run ${fate.attempts} time(s) and never finished; it was given up.`
				: `Alert ${fate.alertId} was accepted but never executed, and is past the give-up age; it was not re-run.`,
	};
}
