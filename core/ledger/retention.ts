export const DEFAULT_RETENTION_DAYS = 90;
const SWEEP_INTERVAL_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Deletes rows older than the retention period through `purge`, at most once an hour. */
export class RetentionSweeper {
	private lastSweepMs = Number.NEGATIVE_INFINITY;

	constructor(private readonly purge: (cutoff: Date) => Promise<number>) {}

	async maybeSweep(now: Date, retentionDays: number): Promise<number> {
		if (!(retentionDays > 0)) return 0;
		if (now.getTime() - this.lastSweepMs < SWEEP_INTERVAL_MS) return 0;
		this.lastSweepMs = now.getTime();
		return await this.purge(new Date(now.getTime() - retentionDays * DAY_MS));
	}
}

const sweepers = new WeakMap<object, RetentionSweeper>();

/**
 * Sweeps `store` through `purge` when a sweep is due (one sweeper per store), without waiting
 * for it: a request or item is never delayed, and a failed sweep is tried again an hour later.
 */
export function sweepInBackground(store: object, purge: (cutoff: Date) => Promise<number>, now: Date, retentionDays: number): void {
	let sweeper = sweepers.get(store);
	if (!sweeper) {
		sweeper = new RetentionSweeper(purge);
		sweepers.set(store, sweeper);
	}
	sweeper.maybeSweep(now, retentionDays).catch(() => undefined);
}
