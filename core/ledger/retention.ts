import type { SignalLedger } from './signal-ledger';

export const DEFAULT_RETENTION_DAYS = 90;
const SWEEP_INTERVAL_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Deletes signals older than the retention period, at most once an hour per ledger. */
export class RetentionSweeper {
	private lastSweepMs = Number.NEGATIVE_INFINITY;

	constructor(private readonly ledger: SignalLedger) {}

	async maybeSweep(now: Date, retentionDays: number): Promise<number> {
		if (!(retentionDays > 0)) return 0;
		if (now.getTime() - this.lastSweepMs < SWEEP_INTERVAL_MS) return 0;
		this.lastSweepMs = now.getTime();
		return await this.ledger.purgeSignalsBefore(new Date(now.getTime() - retentionDays * DAY_MS));
	}
}
