import type { Broker, BrokerOrder, OrderIntent } from '../brokers/broker';
import { BrokerError, DuplicateClientOrderIdError } from '../brokers/broker-errors';
import type { OrderJournal } from '../ledger/order-journal';
import { backoffDelayMs, type RetryPolicy } from './retry-policy';

export interface PlaceOnceContext {
	broker: Broker;
	journal: OrderJournal;
	scope: string;
	retry: RetryPolicy;
	now?: () => Date;
	sleep?: (ms: number) => Promise<void>;
}

export interface PlacedOrder {
	order: BrokerOrder;
	/** The broker already had this client order id (a resend or a retried execution). */
	alreadyPlaced: boolean;
	attempts: number;
}

const defaultSleep = async (ms: number) => await new Promise<void>((resolve) => setTimeout(resolve, ms));

function errorSummary(error: unknown): Record<string, unknown> {
	if (error instanceof BrokerError) {
		return { code: error.code, message: error.message, ...error.details, retryable: error.retryable };
	}
	return { message: (error as Error)?.message ?? String(error) };
}

/**
 * Places an order at most once. Network errors, 429 and 5xx are retried with the same client
 * order id after a jittered backoff, and before each retry the broker is asked whether it took
 * the order after all (an answer lost on the way back); a duplicate-id answer is resolved by
 * reading the existing order. Any other rejection is final and not retried.
 */
export async function placeOnce(intent: OrderIntent, context: PlaceOnceContext): Promise<PlacedOrder> {
	const { broker, journal, retry } = context;
	const now = context.now ?? (() => new Date());
	const sleep = context.sleep ?? defaultSleep;
	const journalEvent = async (kind: Parameters<OrderJournal['record']>[0]['kind'], detail: unknown) =>
		await journal.record({
			at: now(),
			scope: context.scope,
			broker: broker.name,
			alertId: intent.alertId,
			clientOrderId: intent.clientOrderId,
			kind,
			detail,
		});

	// After a retryable failure the broker may have taken the order and lost only its answer.
	const takenAfterLostAnswer = async (attempt: number): Promise<PlacedOrder | null> => {
		const taken = await broker.getOrderByClientId(intent.clientOrderId).catch(() => null);
		if (!taken) return null;
		await journalEvent('duplicate_resolved', { attempt, order: taken, note: 'the broker took the order; its answer was lost' });
		return { order: taken, alreadyPlaced: false, attempts: attempt };
	};

	await journalEvent('attempt', { request: intent });
	for (let attempt = 1; ; attempt++) {
		try {
			const order = await broker.placeOrder(intent);
			await journalEvent('placed', { attempt, order });
			return { order, alreadyPlaced: false, attempts: attempt };
		} catch (error) {
			if (error instanceof DuplicateClientOrderIdError) {
				const existing = await broker.getOrderByClientId(intent.clientOrderId);
				if (existing) {
					await journalEvent('duplicate_resolved', { attempt, order: existing });
					return { order: existing, alreadyPlaced: attempt === 1, attempts: attempt };
				}
			}
			const retryable = error instanceof BrokerError && error.retryable;
			if (retryable && attempt >= retry.maxAttempts) {
				const taken = await takenAfterLostAnswer(attempt);
				if (taken) return taken;
			}
			if (!retryable || attempt >= retry.maxAttempts) {
				await journalEvent('failed', { attempt, error: errorSummary(error) });
				throw error;
			}
			await journalEvent('retry', { attempt, error: errorSummary(error) });
			await sleep(backoffDelayMs(retry, attempt));
			const taken = await takenAfterLostAnswer(attempt);
			if (taken) return taken;
		}
	}
}
