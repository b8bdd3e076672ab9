import { backoffDelayMs, DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../../core/order/retry-policy';

const POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8_000 };
/** The largest number Math.random can return. */
const ALMOST_ONE = 1 - 2 ** -53;

describe('backoffDelayMs', () => {
	it('waits 0 ms when the random draw is 0', () => {
		expect(backoffDelayMs(POLICY, 1, () => 0)).toBe(0);
		expect(backoffDelayMs(POLICY, 4, () => 0)).toBe(0);
	});

	it('waits just under base × 2^(attempt-1) at the top of the random range', () => {
		expect(backoffDelayMs(POLICY, 1, () => ALMOST_ONE)).toBe(499);
		expect(backoffDelayMs(POLICY, 2, () => ALMOST_ONE)).toBe(999);
		expect(backoffDelayMs(POLICY, 3, () => ALMOST_ONE)).toBe(1_999);
		expect(backoffDelayMs(POLICY, 4, () => ALMOST_ONE)).toBe(3_999);
	});

	it('scales the random draw over the ceiling and rounds down to whole milliseconds', () => {
		expect(backoffDelayMs(POLICY, 1, () => 0.5)).toBe(250);
		expect(backoffDelayMs(POLICY, 3, () => 0.25)).toBe(500);
		expect(backoffDelayMs(POLICY, 2, () => 0.0015)).toBe(1);
	});

	it('caps the ceiling at maxDelayMs however many attempts have been made', () => {
		expect(backoffDelayMs(POLICY, 5, () => ALMOST_ONE)).toBe(7_999);
		expect(backoffDelayMs(POLICY, 6, () => ALMOST_ONE)).toBe(7_999);
		expect(backoffDelayMs(POLICY, 60, () => ALMOST_ONE)).toBe(7_999);
		expect(backoffDelayMs(POLICY, 60, () => 0.5)).toBe(4_000);
	});

	it('stays within [0, ceiling) for draws across the range', () => {
		for (let attempt = 1; attempt <= 8; attempt++) {
			const ceiling = Math.min(8_000, 500 * 2 ** (attempt - 1));
			for (const draw of [0, 0.1, 0.37, 0.5, 0.9, ALMOST_ONE]) {
				const delay = backoffDelayMs(POLICY, attempt, () => draw);
				expect(Number.isInteger(delay)).toBe(true);
				expect(delay).toBeGreaterThanOrEqual(0);
				expect(delay).toBeLessThan(ceiling);
			}
		}
	});

	it('defaults to 4 attempts from 500 ms, capped at 8 s', () => {
		expect(DEFAULT_RETRY_POLICY).toEqual({ maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8_000 });
	});
});
