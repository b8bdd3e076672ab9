import { PositionModeCache, type PositionMode } from '../../../core/brokers/binance/binance-position-mode';

describe('Binance USD-M position mode cache', () => {
	it('keeps a mode for its time to live, then reads it again', async () => {
		let clock = 1_000;
		const cache = new PositionModeCache(() => clock, 30_000);
		const answers: PositionMode[] = ['one-way', 'hedge'];
		const read = jest.fn(async () => answers.shift() as PositionMode);

		expect(await cache.mode(read)).toBe('one-way');
		clock += 29_999;
		expect(await cache.mode(read)).toBe('one-way');
		clock += 1;
		expect(await cache.mode(read)).toBe('hedge');
		expect(read).toHaveBeenCalledTimes(2);
	});

	it('shares one read between callers at once, and does not keep a failed read', async () => {
		const cache = new PositionModeCache(() => 0);
		const read = jest.fn().mockRejectedValueOnce(new Error('no answer')).mockResolvedValue('hedge');

		await expect(cache.mode(read)).rejects.toThrow('no answer');
		const [first, second] = await Promise.all([cache.mode(read), cache.mode(read)]);

		expect([first, second]).toEqual(['hedge', 'hedge']);
		expect(read).toHaveBeenCalledTimes(2);
	});
});
