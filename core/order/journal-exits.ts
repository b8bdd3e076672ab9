import type { BrokerOrder, OrderIntent } from '../brokers/broker';
import type { PlaceOnceContext } from './place-once';

// Exits placed with an entry (bracket legs, exits attached after the fill) are orders of their
// own at the broker: they fill later, by the broker's prices, not by an alert. Journaled like
// the orders Broker Order sends, Reconcile reads them back and counts their fills, so a take
// profit filled at the broker is not reported as drift.

/** The request an exit stands for, as the journal records a request. */
export function exitRequest(exit: BrokerOrder, entry: OrderIntent): OrderIntent {
	return {
		clientOrderId: exit.clientOrderId,
		symbol: exit.symbol,
		side: exit.side,
		quantity: exit.quantity,
		type: exit.type,
		limitPrice: exit.limitPrice,
		stopPrice: exit.stopPrice,
		timeInForce: 'gtc',
		takeProfitPrice: null,
		stopLossPrice: null,
		reduceOnly: true,
		referencePrice: null,
		alertId: entry.alertId,
	};
}

/**
 * Records each exit in the order journal (its request, the account, the order as it stands).
 * Best-effort: the exits stand at the broker whatever the ledger could write, so a failed write
 * is returned as a sentence for the output, never thrown.
 */
export async function journalExits(exits: readonly BrokerOrder[], entry: OrderIntent, context: PlaceOnceContext): Promise<string | null> {
	const now = context.now ?? (() => new Date());
	try {
		for (const exit of exits) {
			const event = { scope: context.scope, broker: context.broker.name, alertId: entry.alertId, clientOrderId: exit.clientOrderId };
			const request = exitRequest(exit, entry);
			await context.journal.record({ ...event, at: now(), kind: 'attempt', detail: context.account === undefined ? { request } : { request, account: context.account } });
			await context.journal.record({ ...event, at: now(), kind: 'placed', detail: { attempt: 1, order: exit, note: `exit of ${entry.clientOrderId}` } });
		}
		return null;
	} catch (error) {
		return `the ledger could not record the exits of ${entry.clientOrderId}: ${(error as Error).message}`;
	}
}
