import { localTime, startOfLocalDay } from '../../../core/risk/local-time';

describe('startOfLocalDay', () => {
	it.each([
		['New York, standard time', '2026-01-15T15:00:00Z', 'America/New_York', '2026-01-15T05:00:00.000Z'],
		['New York, summer time', '2026-07-15T15:00:00Z', 'America/New_York', '2026-07-15T04:00:00.000Z'],
		['New York, the day clocks go forward (midnight still EST)', '2026-03-08T20:00:00Z', 'America/New_York', '2026-03-08T05:00:00.000Z'],
		['New York, the day clocks go back (midnight still EDT)', '2026-11-01T20:00:00Z', 'America/New_York', '2026-11-01T04:00:00.000Z'],
		['New York, late evening is still the same local day', '2026-03-09T03:30:00Z', 'America/New_York', '2026-03-08T05:00:00.000Z'],
		['Santiago, where midnight itself is skipped', '2026-09-06T15:00:00Z', 'America/Santiago', '2026-09-06T04:00:00.000Z'],
		['Kolkata, a half-hour offset', '2026-11-24T12:00:00Z', 'Asia/Kolkata', '2026-11-23T18:30:00.000Z'],
		['UTC', '2026-11-24T23:59:59Z', 'UTC', '2026-11-24T00:00:00.000Z'],
	])('%s', (_name, at, zone, expected) => {
		expect(startOfLocalDay(new Date(at), zone).toISOString()).toBe(expected);
	});
});

describe('localTime', () => {
	it('gives the weekday and minute of day in the zone, not in UTC', () => {
		expect(localTime(new Date('2026-11-24T02:30:00Z'), 'America/New_York')).toEqual({
			year: 2026,
			month: 11,
			day: 23,
			weekday: 'mon',
			minuteOfDay: 21 * 60 + 30,
		});
	});
});
