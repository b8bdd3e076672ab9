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

export interface SignalLedger {
	/**
	 * Claims `alertId` for `dedupeWindowMs` and logs the signal, in one atomic step: the first
	 * delivery within the window is `accepted`, every other one `duplicate`. A window of 0
	 * disables duplicate detection.
	 */
	admitSignal(entry: SignalEntry & { alertId: string }, dedupeWindowMs: number): Promise<SignalOutcome>;
	recordRejectedSignal(entry: RejectedSignal): Promise<void>;
	listSignals(query?: SignalQuery): Promise<StoredSignal[]>;
	/** Deletes signals received before `cutoff` and expired duplicate claims; returns rows removed. */
	purgeSignalsBefore(cutoff: Date): Promise<number>;
	close(): Promise<void>;
}
