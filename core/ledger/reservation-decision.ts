import type { CounterLimit, KillSwitchState, ReserveResult } from './risk-store';

/** A counter limit with the live reservations counted in its span. */
export interface CountedLimit {
	limit: CounterLimit;
	count: number;
}

/**
 * The refusal of a reservation: every limit reached and the kill switch if it is on; null when
 * the reservation may be made. Both ledger backends decide with this inside their transaction.
 */
export function reservationRefusal(
	counted: readonly CountedLimit[],
	killSwitch: KillSwitchState | null,
): Extract<ReserveResult, { reserved: false }> | null {
	const breaches = counted
		.filter(({ limit, count }) => count >= limit.max)
		.map(({ limit, count }) => ({ code: limit.code, count, max: limit.max }));
	const switchOn = killSwitch?.on ? killSwitch : null;
	return breaches.length > 0 || switchOn ? { reserved: false, breaches, killSwitch: switchOn } : null;
}
