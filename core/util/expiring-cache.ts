/**
 * A value per key, kept for `ttlMs` and then loaded again, so changes reach it within seconds.
 * Concurrent callers share one load; a failed load is not kept.
 */
export class ExpiringCache<V> {
	private readonly entries = new Map<string, { value: Promise<V>; expiresAt: number }>();

	constructor(
		private readonly ttlMs: number,
		private readonly now: () => number = Date.now,
	) {}

	async get(key: string, load: () => Promise<V>): Promise<V> {
		const entry = this.entries.get(key);
		if (entry && entry.expiresAt > this.now()) return await entry.value;
		const value = load();
		this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
		try {
			return await value;
		} catch (error) {
			if (this.entries.get(key)?.value === value) this.entries.delete(key);
			throw error;
		}
	}

	clear(): void {
		this.entries.clear();
	}
}
