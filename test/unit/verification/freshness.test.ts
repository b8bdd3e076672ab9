import { checkFreshness } from '../../../core/signal/freshness';

const RECEIVED = new Date('2024-03-01T12:00:00.000Z');
const MINUTE = 60_000;

function isoAt(offsetMs: number): string {
	return new Date(RECEIVED.getTime() + offsetMs).toISOString();
}

describe('checkFreshness', () => {
	it('passes an alert exactly as old as the limit', () => {
		expect(checkFreshness(isoAt(-MINUTE), RECEIVED, MINUTE)).toBeNull();
	});

	it('refuses an alert 1 ms older than the limit, naming alertTime', () => {
		const issue = checkFreshness(isoAt(-MINUTE - 1), RECEIVED, MINUTE);

		expect(issue).not.toBeNull();
		expect(issue?.field).toBe('alertTime');
		expect(issue?.message).toMatch(/old, older than the 60 s allowed$/);
	});

	it('says how old the alert is and what is allowed', () => {
		expect(checkFreshness(isoAt(-90_000), RECEIVED, MINUTE)).toEqual({
			field: 'alertTime',
			message: 'alert is 90 s old, older than the 60 s allowed',
		});
		expect(checkFreshness(isoAt(-2500), RECEIVED, 1500)).toEqual({
			field: 'alertTime',
			message: 'alert is 2.5 s old, older than the 1.5 s allowed',
		});
	});

	it('passes an alert from the future by exactly the limit (clock skew)', () => {
		expect(checkFreshness(isoAt(MINUTE), RECEIVED, MINUTE)).toBeNull();
	});

	it('refuses an alert more than the limit in the future and says so', () => {
		expect(checkFreshness(isoAt(MINUTE + 1), RECEIVED, MINUTE)?.field).toBe('alertTime');
		expect(checkFreshness(isoAt(120_000), RECEIVED, MINUTE)).toEqual({
			field: 'alertTime',
			message: 'alert time is 120 s in the future, more than the 60 s allowed',
		});
	});

	it('passes an alert received at its own time', () => {
		expect(checkFreshness(isoAt(0), RECEIVED, MINUTE)).toBeNull();
	});

	it('accepts an alert time with a time-zone offset', () => {
		expect(checkFreshness('2024-03-01T13:00:30+01:00', RECEIVED, MINUTE)).toBeNull();
		expect(checkFreshness('2024-03-01T12:58:59+01:00', RECEIVED, MINUTE)?.field).toBe('alertTime');
	});

	it('does not check at all when the limit is 0 or negative', () => {
		expect(checkFreshness('2020-01-01T00:00:00.000Z', RECEIVED, 0)).toBeNull();
		expect(checkFreshness('2030-01-01T00:00:00.000Z', RECEIVED, 0)).toBeNull();
		expect(checkFreshness('2020-01-01T00:00:00.000Z', RECEIVED, -1)).toBeNull();
	});

	it('passes an alert without a time', () => {
		expect(checkFreshness(null, RECEIVED, MINUTE)).toBeNull();
	});

	// An alert that carries a time which cannot be read must not skip the replay check: 'yesterday'
	// and an epoch-milliseconds string (a `timestamp` field rendered as a number) both give NaN.
	it.each(['yesterday', '1709294400000'])('refuses an alert time that does not parse (%p)', (alertTime) => {
		expect(checkFreshness(alertTime, RECEIVED, MINUTE)?.field).toBe('alertTime');
	});
});
