import { RefreshingCache } from '../../../core/util/refreshing-cache';

const TTL = 5_000;
const MAX_STALE = 60_000;

function clock() {
	let now = 0;
	return { now: () => now, advance: (ms: number) => (now += ms) };
}

const settle = async () => await new Promise((resolve) => setImmediate(resolve));

describe('RefreshingCache', () => {
	it('loads once, serves the value within the TTL, then serves it stale while one reload runs', async () => {
		const time = clock();
		const cache = new RefreshingCache<string>(TTL, MAX_STALE, time.now);
		let loads = 0;
		let release: (value: string) => void = () => undefined;
		const load = jest.fn(async () => {
			loads += 1;
			if (loads === 1) return 'v1';
			return await new Promise<string>((resolve) => (release = resolve));
		});
		expect(await cache.get('k', load)).toBe('v1');
		time.advance(TTL - 1);
		expect(await cache.get('k', load)).toBe('v1');
		expect(load).toHaveBeenCalledTimes(1);

		time.advance(1);
		expect(await Promise.all([cache.get('k', load), cache.get('k', load)])).toEqual(['v1', 'v1']);
		expect(load).toHaveBeenCalledTimes(2);
		release('v2');
		await settle();
		expect(await cache.get('k', load)).toBe('v2');
		expect(load).toHaveBeenCalledTimes(2);
	});

	it('keeps the last good value when a reload fails, until it is older than TTL + max stale', async () => {
		const time = clock();
		const cache = new RefreshingCache<string>(TTL, MAX_STALE, time.now);
		expect(await cache.get('k', async () => 'good')).toBe('good');
		const failing = jest.fn(async (): Promise<string> => {
			throw new Error('timeout exceeded when trying to connect');
		});
		time.advance(TTL);
		expect(await cache.get('k', failing)).toBe('good');
		await settle();
		time.advance(MAX_STALE - 1);
		expect(await cache.get('k', failing)).toBe('good');
		await settle();
		time.advance(1);
		await expect(cache.get('k', failing)).rejects.toThrow('timeout exceeded');
		expect(failing).toHaveBeenCalledTimes(3);
	});

	it('awaits the first load of a key and shares it between concurrent callers; a failed first load is retried', async () => {
		const cache = new RefreshingCache<number>(TTL, MAX_STALE, clock().now);
		await expect(cache.get('k', async () => await Promise.reject(new Error('down')))).rejects.toThrow('down');
		const load = jest.fn(async () => 7);
		expect(await Promise.all([cache.get('k', load), cache.get('k', load), cache.get('other', async () => 8)])).toEqual([7, 7, 8]);
		expect(load).toHaveBeenCalledTimes(1);
	});
});
