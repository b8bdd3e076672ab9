import { ExpiringCache } from '../../../core/util/expiring-cache';

const TTL = 5_000;

function clockAt(start: number): { now: () => number; set: (ms: number) => void } {
	let current = start;
	return { now: () => current, set: (ms: number) => (current = ms) };
}

describe('ExpiringCache', () => {
	it('loads a key once and serves it from the cache until the TTL has passed', async () => {
		const clock = clockAt(1_000);
		const cache = new ExpiringCache<string[]>(TTL, clock.now);
		const load = jest.fn(async () => ['token-a']);

		expect(await cache.get('cred-1', load)).toEqual(['token-a']);
		clock.set(1_000 + TTL - 1);
		expect(await cache.get('cred-1', load)).toEqual(['token-a']);

		expect(load).toHaveBeenCalledTimes(1);
	});

	it('loads again exactly when the TTL has passed and returns the new value', async () => {
		const clock = clockAt(1_000);
		const cache = new ExpiringCache<string>(TTL, clock.now);
		const load = jest.fn<Promise<string>, []>().mockResolvedValueOnce('old').mockResolvedValueOnce('new');

		expect(await cache.get('cred-1', load)).toBe('old');
		clock.set(1_000 + TTL);
		expect(await cache.get('cred-1', load)).toBe('new');
		clock.set(1_000 + 2 * TTL - 1);
		expect(await cache.get('cred-1', load)).toBe('new');

		expect(load).toHaveBeenCalledTimes(2);
	});

	it('counts the TTL from when loading finished', async () => {
		const clock = clockAt(0);
		const cache = new ExpiringCache<string>(TTL, clock.now);
		const load = jest.fn(async () => {
			clock.set(100);
			return 'value';
		});

		await cache.get('k', load);
		clock.set(100 + TTL - 1);
		await cache.get('k', load);
		expect(load).toHaveBeenCalledTimes(1);
		clock.set(100 + TTL);
		await cache.get('k', load);
		expect(load).toHaveBeenCalledTimes(2);
	});

	it('keeps keys apart', async () => {
		const cache = new ExpiringCache<string>(TTL, clockAt(0).now);

		expect(await cache.get('a', async () => 'value-a')).toBe('value-a');
		expect(await cache.get('b', async () => 'value-b')).toBe('value-b');
		expect(await cache.get('a', async () => 'other')).toBe('value-a');
	});

	it('does not cache a failed load', async () => {
		const cache = new ExpiringCache<string>(TTL, clockAt(0).now);

		await expect(cache.get('k', async () => Promise.reject(new Error('vault down')))).rejects.toThrow('vault down');
		expect(await cache.get('k', async () => 'loaded')).toBe('loaded');
	});

	it('loads again after clear', async () => {
		const cache = new ExpiringCache<string>(TTL, clockAt(0).now);
		const load = jest.fn<Promise<string>, []>().mockResolvedValueOnce('first').mockResolvedValueOnce('second');

		expect(await cache.get('k', load)).toBe('first');
		cache.clear();
		expect(await cache.get('k', load)).toBe('second');
	});

	it('with a TTL of 0 loads on every call', async () => {
		const cache = new ExpiringCache<number>(0, clockAt(0).now);
		let loads = 0;

		expect(await cache.get('k', async () => ++loads)).toBe(1);
		expect(await cache.get('k', async () => ++loads)).toBe(2);
	});

	it('uses Date.now when no clock is injected', async () => {
		const spy = jest.spyOn(Date, 'now').mockReturnValue(10_000);
		try {
			const cache = new ExpiringCache<string>(TTL);
			const load = jest.fn(async () => 'v');
			await cache.get('k', load);
			spy.mockReturnValue(10_000 + TTL - 1);
			await cache.get('k', load);
			expect(load).toHaveBeenCalledTimes(1);
			spy.mockReturnValue(10_000 + TTL);
			await cache.get('k', load);
			expect(load).toHaveBeenCalledTimes(2);
		} finally {
			spy.mockRestore();
		}
	});
});
