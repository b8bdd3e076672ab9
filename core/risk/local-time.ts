// Wall-clock time in an IANA time zone, through Intl (the ICU data Node ships), so daylight
// saving changes follow the zone's own rules.

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface LocalTime {
	year: number;
	month: number;
	day: number;
	weekday: Weekday;
	/** Minutes since local midnight. */
	minuteOfDay: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(timeZone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
			weekday: 'short',
		});
		formatters.set(timeZone, formatter);
	}
	return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
	try {
		formatterFor(timeZone);
		return true;
	} catch {
		return false;
	}
}

function parts(at: Date, timeZone: string): Record<string, string> {
	const result: Record<string, string> = {};
	for (const part of formatterFor(timeZone).formatToParts(at)) result[part.type] = part.value;
	return result;
}

export function localTime(at: Date, timeZone: string): LocalTime {
	const p = parts(at, timeZone);
	return {
		year: Number(p.year),
		month: Number(p.month),
		day: Number(p.day),
		weekday: p.weekday.toLowerCase().slice(0, 3) as Weekday,
		minuteOfDay: Number(p.hour) * 60 + Number(p.minute),
	};
}

/** How far the zone's wall clock is ahead of UTC at `ms`. */
function offsetMs(ms: number, timeZone: string): number {
	const p = parts(new Date(ms), timeZone);
	const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
	return wall - Math.floor(ms / 1000) * 1000;
}

/** The instant the local calendar day containing `at` began in `timeZone`. */
export function startOfLocalDay(at: Date, timeZone: string): Date {
	const { year, month, day } = localTime(at, timeZone);
	const midnightAsUtc = Date.UTC(year, month - 1, day);
	let guess = midnightAsUtc - offsetMs(midnightAsUtc, timeZone);
	// The offset at the guess can differ from the one at UTC midnight when a change lies between.
	guess = midnightAsUtc - offsetMs(guess, timeZone);
	// Zones that skip midnight itself (a spring-forward at 00:00) start the day at the first instant after.
	if (localTime(new Date(guess), timeZone).day !== day) guess += 60 * 60 * 1000;
	return new Date(guess);
}
