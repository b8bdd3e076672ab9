import { BrokerUnavailableError, NetworkError, RateLimitedError } from '../brokers/broker-errors';
import type { RiskStore, StoredReservation } from '../ledger/risk-store';

/** The reservation Risk Check put on an item (`risk.reservation.id`), if any. */
export function reservationIdOf(json: unknown): string | null {
	const id = (json as { risk?: { reservation?: { id?: unknown } | null } } | null)?.risk?.reservation?.id;
	return typeof id === 'string' && id !== '' ? id : null;
}

/**
 * After Broker Order handled an item: an order placed confirms the reservation; a definite
 * failure (refused, invalid, nothing to do, dry run) releases it. When the broker could not be
 * reached the order may exist, so the reservation keeps counting (confirmed), erring on the side
 * of fewer orders.
 */
export async function settleReservation(
	store: RiskStore,
	reservationId: string,
	outcome: { placed: true } | { placed: false; reason: string; error?: unknown },
	at: Date,
): Promise<StoredReservation | null> {
	if (outcome.placed) return await store.confirm(reservationId, at);
	const error = outcome.error;
	if (error instanceof NetworkError || error instanceof BrokerUnavailableError || error instanceof RateLimitedError) {
		return await store.confirm(reservationId, at);
	}
	return await store.release(reservationId, at, outcome.reason);
}
