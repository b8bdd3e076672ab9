import type { RiskStore, StoredReservation } from '../ledger/risk-store';
import { isDefiniteRefusal } from '../order/broker-refusal';
import { NotSentError } from '../order/placement-errors';

/** The reservation Risk Check put on an item (`risk.reservation.id`), if any. */
export function reservationIdOf(json: unknown): string | null {
	const id = (json as { risk?: { reservation?: { id?: unknown } | null } } | null)?.risk?.reservation?.id;
	return typeof id === 'string' && id !== '' ? id : null;
}

/**
 * After Broker Order handled an item: an order placed confirms the reservation. It is released
 * only when no order can exist: nothing was sent (no error: a plan failure, nothing to do, a dry
 * run; or a NotSentError from placeOnce), or the broker refused the order outright (invalid,
 * insufficient funds, credentials, unsupported). Every other error (no answer, 5xx, 429, a
 * plain BrokerError, an unknown exception, a ledger failure after sending, another execution
 * placing the same order) may hide an order the broker took, so the reservation keeps counting
 * (confirmed), erring on the side of fewer orders.
 */
export async function settleReservation(
	store: RiskStore,
	reservationId: string,
	outcome: { placed: true } | { placed: false; reason: string; error?: unknown },
	at: Date,
): Promise<StoredReservation | null> {
	if (outcome.placed) return await store.confirm(reservationId, at);
	const error = outcome.error;
	if (error === undefined || error instanceof NotSentError || isDefiniteRefusal(error)) {
		return await store.release(reservationId, at, outcome.reason);
	}
	return await store.confirm(reservationId, at);
}
