import { type Coerced, kindOf, quote } from './coerce';
import { ALERT_TIME_PATHS } from './field-aliases';
import type { FieldReader } from './field-reader';
import type { IssueList } from './issue-list';

// A date and time with its offset. Without an offset the time would be read in the server's
// zone, so it is refused rather than guessed.
const ISO_DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):?(\d{2}))$/i;
const EPOCH_TEXT = /^\d+(\.\d+)?$/;
const NAN_TEXT = /^nan$/i;
/** Epoch values from here on are milliseconds (1e12 ms is 2001; 1e12 s is the year 33658). */
const MILLISECONDS_FROM = 1e12;

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function fromIso(text: string): number | null {
	const match = ISO_DATE_TIME.exec(text);
	if (!match) return null;
	const [, year, month, day, hour, minute, second = '0', offsetHours = '0', offsetMinutes = '0'] =
		match;
	const inRange =
		Number(month) >= 1 &&
		Number(month) <= 12 &&
		Number(day) >= 1 &&
		Number(day) <= daysInMonth(Number(year), Number(month)) &&
		Number(hour) <= 23 &&
		Number(minute) <= 59 &&
		Number(second) <= 59 &&
		Number(offsetHours) <= 23 &&
		Number(offsetMinutes) <= 59;
	if (!inRange) return null;
	const milliseconds = Date.parse(text.replace(' ', 'T').toUpperCase());
	return Number.isNaN(milliseconds) ? null : milliseconds;
}

function fromEpoch(epoch: number): number {
	return epoch >= MILLISECONDS_FROM ? epoch : epoch * 1000;
}

function toAlertTime(value: unknown, field: string): Coerced<string> {
	let milliseconds: number | null;
	if (typeof value === 'number') {
		milliseconds = value > 0 ? fromEpoch(value) : null;
	} else if (typeof value === 'string') {
		const text = value.trim();
		if (NAN_TEXT.test(text)) return { ok: false, failure: `${field} is NaN` };
		milliseconds = EPOCH_TEXT.test(text) ? fromEpoch(Number(text)) : fromIso(text);
		if (milliseconds === 0) milliseconds = null;
	} else {
		return {
			ok: false,
			failure: `${field} must be an ISO 8601 time or a unix epoch, not ${kindOf(value)}`,
		};
	}
	const time = milliseconds === null ? null : new Date(milliseconds);
	if (time === null || Number.isNaN(time.getTime())) {
		const shown = typeof value === 'string' ? quote(value) : String(value);
		return {
			ok: false,
			failure: `${field} ${shown} is not a time: expected ISO 8601 with an offset such as "2024-05-01T14:30:00Z", or unix epoch seconds or milliseconds`,
		};
	}
	return { ok: true, value: time.toISOString() };
}

/** The time the sender put in the alert, as an ISO 8601 UTC string. */
export function readAlertTime(reader: FieldReader, issues: IssueList): string | null {
	const found = reader.find(ALERT_TIME_PATHS);
	if (!found) return null;
	const time = toAlertTime(found.value, found.field);
	if (time.ok) return time.value;
	issues.add(found.field, time.failure);
	return null;
}
