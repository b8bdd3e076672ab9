import { isInSession } from '../../../core/risk/session-rule';
import { parseTimeWindows } from '../../../core/risk/time-windows';

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

function session(windows: string, days: readonly string[] = weekdays, timeZone = 'America/New_York') {
	const parsed = parseTimeWindows(windows);
	if (!parsed.ok) throw new Error(parsed.failure);
	return { timeZone, days: [...days] as never, windows: parsed.value, letExitsThrough: false };
}

describe('isInSession', () => {
	const regular = session('09:30-16:00');

	it.each([
		['09:29 is before the open', '2026-11-24T14:29:00Z', false],
		['09:30 is the open (start inclusive)', '2026-11-24T14:30:00Z', true],
		['15:59 is inside', '2026-11-24T20:59:00Z', true],
		['16:00 is the close (end exclusive)', '2026-11-24T21:00:00Z', false],
		['Saturday is not a session day', '2026-11-28T15:00:00Z', false],
	])('%s', (_name, at, expected) => {
		expect(isInSession(new Date(at), regular)).toBe(expected);
	});

	it('follows the DST change: 09:30 New York is 14:30 UTC before it and 13:30 UTC after', () => {
		// Friday 6 March 2026 is EST (UTC-5); Monday 9 March is EDT (UTC-4).
		expect(isInSession(new Date('2026-03-06T14:30:00Z'), regular)).toBe(true);
		expect(isInSession(new Date('2026-03-06T13:30:00Z'), regular)).toBe(false);
		expect(isInSession(new Date('2026-03-09T13:30:00Z'), regular)).toBe(true);
		expect(isInSession(new Date('2026-03-09T20:00:00Z'), regular)).toBe(false);
		expect(isInSession(new Date('2026-03-09T19:59:00Z'), regular)).toBe(true);
	});

	it('a window over midnight belongs to the day it starts on', () => {
		const overnight = session('22:00-02:00', ['fri'], 'UTC');
		expect(isInSession(new Date('2026-11-27T22:00:00Z'), overnight)).toBe(true); // Fri 22:00
		expect(isInSession(new Date('2026-11-28T01:59:00Z'), overnight)).toBe(true); // Sat 01:59
		expect(isInSession(new Date('2026-11-28T02:00:00Z'), overnight)).toBe(false);
		expect(isInSession(new Date('2026-11-27T01:00:00Z'), overnight)).toBe(false); // Fri 01:00 is Thursday's night
	});

	it('several windows: a lunch break is closed', () => {
		const split = session('09:00-12:00, 13:00-17:00', weekdays, 'Europe/London');
		expect(isInSession(new Date('2026-11-24T11:59:00Z'), split)).toBe(true);
		expect(isInSession(new Date('2026-11-24T12:30:00Z'), split)).toBe(false);
		expect(isInSession(new Date('2026-11-24T13:00:00Z'), split)).toBe(true);
	});
});

describe('parseTimeWindows', () => {
	it('reads windows and 24:00 as the end of the day', () => {
		expect(parseTimeWindows('9:30-16:00,00:00-24:00')).toEqual({
			ok: true,
			value: [
				{ startMinute: 570, endMinute: 960 },
				{ startMinute: 0, endMinute: 1440 },
			],
		});
	});

	it.each(['9-16', '25:00-26:00', '09:60-10:00', '', 'open'])('refuses %p with a message', (text) => {
		const parsed = parseTimeWindows(text);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.failure).toMatch(/time window like 09:30-16:00/);
	});
});
