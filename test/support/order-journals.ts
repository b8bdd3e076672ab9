import type { OrderJournal, StoredOrderEvent } from '../../core/ledger/order-journal';

/** A journal that keeps nothing, for tests that look at the broker, not the ledger. */
export const noopOrderJournal: OrderJournal = {
	async record(): Promise<void> {},
	async list(): Promise<StoredOrderEvent[]> {
		return [];
	},
};
