import type { Broker } from '../brokers/broker';
import { RECLAIMABLE_CLAIM_STATES } from '../ledger/order-claims';
import type { OrderJournal } from '../ledger/order-journal';
import { fillStateOf, type JournalOrder } from './journal-orders';

/**
 * Orders whose events leave the outcome open are looked up in the order claims: a claim settled
 * as refused or not sent means nothing stands at the broker.
 */
export async function settleFromClaims(orders: JournalOrder[], journal: OrderJournal): Promise<void> {
	for (const order of orders) {
		if (order.fillState !== 'unknown') continue;
		const claim = await journal.getClaim(order.clientOrderId);
		if (claim !== null && RECLAIMABLE_CLAIM_STATES.includes(claim.state)) order.fillState = 'not_placed';
	}
}

/**
 * Asks the broker about each order the journal last saw open or whose outcome it does not know,
 * and journals what changed (a `read_back` event), so a later run need not ask again. An order the
 * broker does not know, or that cannot be read, stays as it was: it is reported, never guessed.
 */
export async function readBackOrders(orders: JournalOrder[], broker: Broker, journal: OrderJournal, scope: string, now: () => Date): Promise<void> {
	for (const order of orders) {
		if (order.fillState !== 'open' && order.fillState !== 'unknown') continue;
		let found;
		try {
			found = await broker.getOrderByClientId(order.clientOrderId);
		} catch (error) {
			order.error = `could not be read back: ${(error as Error)?.message ?? String(error)}`;
			continue;
		}
		if (found === null) {
			if (order.fillState === 'unknown') order.error = `${broker.name} has no order with this client order id`;
			continue;
		}
		const changed = order.order === null || order.order.status !== found.status || order.order.filledQuantity !== found.filledQuantity;
		order.order = found;
		order.fillState = fillStateOf(found);
		order.error = null;
		if (!changed) continue;
		try {
			await journal.record({
				at: now(),
				scope: order.scope,
				broker: broker.name,
				alertId: order.alertId,
				clientOrderId: order.clientOrderId,
				kind: 'read_back',
				detail: { order: found, by: scope },
			});
		} catch {
			// The next run asks again.
		}
	}
}
