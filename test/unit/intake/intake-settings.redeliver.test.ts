import { buildIntakeConfig } from '../../../core/intake/intake-settings';
import { SETTINGS } from './intake-fixture';

describe('buildIntakeConfig: Redeliver If Not Started After (Seconds)', () => {
	it('is off (0 ms) when left out', () => {
		const built = buildIntakeConfig(SETTINGS);

		expect(built.ok && built.value.redeliverAfterMs).toBe(0);
	});

	it('converts seconds, fractions included, to milliseconds', () => {
		const built = buildIntakeConfig({ ...SETTINGS, redeliverIfNotStartedAfterSeconds: 2.5 });

		expect(built.ok && built.value.redeliverAfterMs).toBe(2_500);
	});

	it.each([-1, Number.POSITIVE_INFINITY, '30'])('refuses %p and names the field', (value) => {
		const built = buildIntakeConfig({ ...SETTINGS, redeliverIfNotStartedAfterSeconds: value });

		expect(built.ok).toBe(false);
		expect(!built.ok && built.failure.map((issue) => issue.field)).toEqual(['redeliverIfNotStartedAfterSeconds']);
	});
});
