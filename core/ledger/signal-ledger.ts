// The store behind every node that keeps state. One interface, one schema; the embedded SQLite
// backend is the default and a shared PostgreSQL backend can implement the same contract.

export type SignalOutcome = 'accepted' | 'duplicate' | 'rejected';

export interface SignalEntry {
	receivedAt: Date;
	/** Which trigger received it: `<workflowId>/<nodeId>`. Duplicates are detected per scope. */
	scope: string;
	sourceIp: string | null;
	alertId: string | null;
	/** The body as received with every token replaced by "[redacted]". */
	body: string;
}

export interface RejectedSignal extends SignalEntry {
	httpStatus: number;
	/** Machine code, e.g. `unauthorized`, `invalid_alert`, `stale_alert`. */
	reason: string;
	details: unknown;
}

export interface StoredSignal {
	id: number;
	receivedAt: string;
	scope: string;
	sourceIp: string | null;
	outcome: SignalOutcome;
	httpStatus: number;
	reason: string | null;
	alertId: string | null;
	body: string;
	details: unknown;
}

export interface SignalQuery {
	scope?: string;
	alertId?: string;
	outcome?: SignalOutcome;
	limit?: number;
}

/** How `admitAlert` treats a delivery of an alert id it has already claimed. */
export interface AdmissionPolicy {
	/** How long an accepted alert id stays claimed; 0 disables duplicate detection. */
	dedupeWindowMs: number;
	/**
	 * A resend is accepted again when the live claim is at least this old and its execution was
	 * never marked started; the claim is then renewed. 0 turns redelivery off.
	 */
	redeliverAfterMs: number;
}

/** The claim a duplicate or a redelivery met, and whether its execution was marked started. */
export interface OriginalAcceptance {
	acceptedAt: string;
	started: boolean;
	startedAt: string | null;
	startedBy: string | null;
}

export type Admission =
	| { outcome: 'accepted'; redeliveryOf: OriginalAcceptance | null }
	| { outcome: 'duplicate'; original: OriginalAcceptance };

/** Proof that an execution of an accepted alert started (written by Risk Check and Broker Order). */
export interface SignalStart {
	alertId: string;
	startedAt: string;
	startedBy: string;
}

/** An alert offered for admission; `item` is what the trigger outputs, kept so recovery can re-emit it. */
export type AdmissionEntry = SignalEntry & { alertId: string; item?: Record<string, unknown> };

export interface SignalLedger {
	/**
	 * Claims `alertId` and logs the signal, in one atomic step: the first delivery within the
	 * window is `accepted`, every other one `duplicate` (or `accepted` as a redelivery, see
	 * AdmissionPolicy). A duplicate's log entry says whether the original was started. An accepted
	 * alert with an `item` starts its fate (alert-fate.ts) in the same step.
	 */
	admitAlert(entry: AdmissionEntry, policy: AdmissionPolicy): Promise<Admission>;
	/** `admitAlert` without redelivery, answering only the outcome. */
	admitSignal(entry: SignalEntry & { alertId: string }, dedupeWindowMs: number): Promise<SignalOutcome>;
	/**
	 * Records that an execution of `alertId` started; true when this call wrote the mark. The
	 * first mark wins, except that a mark older than the alert id's latest claim (an earlier
	 * acceptance of the same id) is replaced, so the mark always speaks of the latest acceptance.
	 * The alert's fate moves to `started` in `process` (this process unless a test says otherwise),
	 * whose heartbeat is written with it.
	 */
	markStarted(alertId: string, at: Date, by: string, process?: string): Promise<boolean>;
	/** The start mark of `alertId`, or null when no execution of it was marked started. */
	startOf(alertId: string): Promise<SignalStart | null>;
	recordRejectedSignal(entry: RejectedSignal): Promise<void>;
	listSignals(query?: SignalQuery): Promise<StoredSignal[]>;
	/**
	 * Deletes signals received before `cutoff`, expired duplicate claims and start marks made
	 * before `cutoff`; returns rows removed.
	 */
	purgeSignalsBefore(cutoff: Date): Promise<number>;
	close(): Promise<void>;
}
