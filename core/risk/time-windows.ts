import type { Result } from '../util/result';

// Trading-session windows written as `09:30-16:00, 18:00-02:00`: start inclusive, end exclusive,
// a window whose end is not after its start runs over midnight into the next day.

export interface TimeWindow {
	startMinute: number;
	endMinute: number;
}

const windowPattern = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/;

function minutes(hours: string, mins: string): number | null {
	const h = Number(hours);
	const m = Number(mins);
	if (h > 24 || m > 59 || (h === 24 && m !== 0)) return null;
	return h * 60 + m;
}

/** Parses the windows; returns the part that is wrong as an error message instead. */
export function parseTimeWindows(text: string): Result<TimeWindow[], string> {
	const windows: TimeWindow[] = [];
	for (const part of text.split(',').map((piece) => piece.trim()).filter(Boolean)) {
		const match = windowPattern.exec(part);
		const start = match ? minutes(match[1], match[2]) : null;
		const end = match ? minutes(match[3], match[4]) : null;
		if (start === null || end === null || start === 1440) {
			return { ok: false, failure: `"${part}" is not a time window like 09:30-16:00` };
		}
		windows.push({ startMinute: start, endMinute: end });
	}
	if (windows.length === 0) return { ok: false, failure: 'at least one time window like 09:30-16:00 is needed' };
	return { ok: true, value: windows };
}
