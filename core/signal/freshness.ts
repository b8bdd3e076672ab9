import type { FieldIssue } from './field-issue';

/**
 * An alert whose own time is more than `maxAgeMs` before (or after, a wrong clock) the time it
 * was received is refused: a replay or a delivery too late to act on. 0 disables the check;
 * an alert without a time cannot be checked and passes.
 */
export function checkFreshness(
	alertTime: string | null,
	receivedAt: Date,
	maxAgeMs: number,
): FieldIssue | null {
	if (maxAgeMs <= 0 || alertTime === null) return null;
	const ageMs = receivedAt.getTime() - Date.parse(alertTime);
	if (Number.isNaN(ageMs)) return { field: 'alertTime', message: `"${alertTime}" is not a valid time` };
	const seconds = (ms: number) => `${(ms / 1000).toFixed(3).replace(/\.?0+$/, '')} s`;
	if (ageMs > maxAgeMs) {
		return { field: 'alertTime', message: `alert is ${seconds(ageMs)} old, older than the ${seconds(maxAgeMs)} allowed` };
	}
	if (-ageMs > maxAgeMs) {
		return {
			field: 'alertTime',
			message: `alert time is ${seconds(-ageMs)} in the future, more than the ${seconds(maxAgeMs)} allowed`,
		};
	}
	return null;
}
