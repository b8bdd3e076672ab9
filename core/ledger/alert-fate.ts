import type { AlertOrderStore } from './alert-order';
import type { AlertPassage, ExpectedPassages } from './alert-passage';

// What became of each accepted alert: accepted → started → settled, or recovered when the
// execution that should have carried it never started or died with its process, or lost when
// recovery gave up. The trigger writes the first row in the same transaction as its duplicate
// claim, so an alert answered `accepted` always has a fate (docs/design/alert-recovery.md).

export type FateStage = 'accepted' | 'started' | 'recovering' | 'settled' | 'lost';

/** How an alert's handling ended, as the node that ended it saw it. */
export type AlertSettlement =
	/** Broker Order placed at least one order (or read back one placed before). */
	| 'ordered'
	/** Broker Order had nothing to send (already at the target, a dry run). */
	| 'no_order'
	/** Broker Order refused to send (outside the approval, planning failure). */
	| 'refused'
	/** Broker Order failed after starting; the n8n execution shows the error. */
	| 'failed'
	/** Risk Check rejected it. */
	| 'rejected'
	/** Risk Check passed it and no Broker Order follows in the workflow. */
	| 'passed';

export interface AlertFate {
	alertId: string;
	/** The trigger that accepted it: `<workflowId>/<nodeId>`. */
	scope: string;
	acceptedAt: string;
	stage: FateStage;
	stageAt: string;
	/** The n8n process that last moved the alert (see process-identity.ts). */
	process: string | null;
	outcome: AlertSettlement | 'lost' | null;
	/** How many times recovery re-emitted it. */
	attempts: number;
}

/** An alert recovery re-emits: the trigger's accepted item, as it was stored. */
export interface RecoveredAlert {
	fate: AlertFate;
	/** Why: its execution never started, or the process running it stopped beating. */
	reason: 'not_started' | 'process_stopped';
	item: Record<string, unknown>;
}

export interface RecoveryPolicy {
	/** Only alerts accepted by triggers whose scope starts with this (the workflow's id + '/'). */
	scopePrefix: string;
	now: Date;
	/** An alert accepted (or re-emitted) this long ago whose execution never started is recovered. */
	notStartedMs: number;
	/** A process whose last heartbeat is older than this is taken as stopped. */
	processStoppedMs: number;
	/** Alerts accepted longer ago than this are given up (lost) instead of recovered. */
	giveUpMs: number;
	/** Re-emissions before an alert is given up. */
	maxAttempts: number;
	/** The recovering process, recorded on the alerts it takes. */
	process: string;
}

export interface RecoveryPass {
	recovered: RecoveredAlert[];
	lost: AlertFate[];
}

export interface AlertFateStore extends AlertOrderStore {
	/** Records that an execution of the alert ended, and how; later settlements replace earlier ones. */
	settleAlert(alertId: string, outcome: AlertSettlement, at: Date): Promise<void>;
	/**
	 * Records that one Broker Order node is done with the alert; once every expected node has
	 * passed it, settles the fate with their combined outcome (alert-passage.ts) and returns it.
	 * Null while some expected node has not passed it yet (or the alert has no fate here).
	 */
	passAlert(alertId: string, passage: AlertPassage, expected: ExpectedPassages, at: Date): Promise<AlertSettlement | null>;
	fateOf(alertId: string): Promise<AlertFate | null>;
	listFates(query?: { scopePrefix?: string; stage?: FateStage; limit?: number }): Promise<AlertFate[]>;
	/**
	 * Takes the alerts that are due for recovery, atomically (two passes at once never take the
	 * same alert), and gives up those past the policy's bounds.
	 */
	recoverAlerts(policy: RecoveryPolicy): Promise<RecoveryPass>;
	/** This process is alive (see process-identity.ts). */
	heartbeat(process: string, at: Date): Promise<void>;
}
