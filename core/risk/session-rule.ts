import { localTime, WEEKDAYS, type Weekday } from './local-time';
import type { RiskSettings } from './risk-settings';

type Session = NonNullable<RiskSettings['session']>;

function previousDay(day: Weekday): Weekday {
	return WEEKDAYS[(WEEKDAYS.indexOf(day) + 6) % 7];
}

/** Whether `at` falls in one of the session's windows on one of its days, in its time zone. */
export function isInSession(at: Date, session: Session): boolean {
	const { weekday, minuteOfDay } = localTime(at, session.timeZone);
	return session.windows.some(({ startMinute, endMinute }) => {
		if (startMinute < endMinute) {
			return session.days.includes(weekday) && minuteOfDay >= startMinute && minuteOfDay < endMinute;
		}
		// Over midnight: the part after midnight belongs to the day the window started on.
		return (
			(session.days.includes(weekday) && minuteOfDay >= startMinute) ||
			(session.days.includes(previousDay(weekday)) && minuteOfDay < endMinute)
		);
	});
}
