/**
 * A value per key, reloaded every `ttlMs` without making callers wait: once a key has a value,
 * an expired one is returned at once while one reload runs in the background. A reload that fails
 * keeps the last good value, for at most `maxStaleMs` after it expired; past that callers wait for
 * a load again (and see its error). Only the very first load of a key, or one past `maxStaleMs`,
 * is awaited. Concurrent callers share one load.
 */
export class RefreshingCache<V> {
	private readonly entries = new Map<string, { value: V; loadedAt: number }>();
	private readonly loading = new Map<string, Promise<V>>();

	constructor(
		private readonly ttlMs: number,
		private readonly maxStaleMs: number,
		private readonly now: () => number = Date.now,
	) {}

	async get(key: string, load: () => Promise<V>): Promise<V> {
		const entry = this.entries.get(key);
		const age = entry ? this.now() - entry.loadedAt : Infinity;
		if (entry && age < this.ttlMs) return entry.value;
		if (entry && age < this.ttlMs + this.maxStaleMs) {
			this.reload(key, load).catch(() => undefined);
			return entry.value;
		}
		return await this.reload(key, load);
	}

	clear(): void {
		this.entries.clear();
		this.loading.clear();
	}

	private async reload(key: string, load: () => Promise<V>): Promise<V> {
		const running = this.loading.get(key);
		if (running) return await running;
		const started = (async () => {
			try {
				const value = await load();
				this.entries.set(key, { value, loadedAt: this.now() });
				return value;
			} finally {
				this.loading.delete(key);
			}
		})();
		this.loading.set(key, started);
		return await started;
	}
}
