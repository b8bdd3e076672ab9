import type { BrokerOrder, OrderIntent } from '../brokers/broker';
import type { PlaceOnceContext } from './place-once';
import { attemptDetail, PlacementJournal } from './placement-journal';

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
 * Best-effort, as every journal write after an order was sent (PlacementJournal): the exits stand
 * at the broker whatever the ledger could write, so a failed write is returned as a sentence for
 * the output, never thrown.
 */
export async function journalExits(exits: readonly BrokerOrder[], entry: OrderIntent, context: PlaceOnceContext): Promise<string | null> {
	const now = context.now ?? (() => new Date());
	for (const exit of exits) {
		const log = new PlacementJournal(context.journal, { scope: context.scope, broker: context.broker.name, alertId: entry.alertId, clientOrderId: exit.clientOrderId }, now);
		await log.afterSend('attempt', attemptDetail(exitRequest(exit, entry), context.account));
		await log.afterSend('placed', { attempt: 1, order: exit, note: `exit of ${entry.clientOrderId}` });
		if (log.failure !== null) return `${log.failure} of the exit ${exit.clientOrderId}`;
	}
	return null;
}
