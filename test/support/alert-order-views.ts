import type { AlertAhead, AlertOrderStore } from '../../core/ledger/alert-order';

export interface OrderView {
	ahead: AlertAhead[];
	laterOrdered: string[];
}

/**
 * An AlertOrderStore answering from one scripted view per look at the alerts ahead (null: the
 * alert has no place in the order). `asked` lists those looks.
 */
export function viewStore(view: (alertId: string, heldSince: Date) => OrderView | null) {
	const asked: Array<{ alertId: string; heldSince: Date; node: string | null }> = [];
	let last: OrderView | null = null;
	const store: AlertOrderStore = {
		async isSequenced(alertId) {
			return view(alertId, new Date(0)) !== null;
		},
		async alertsAhead(alertId, heldSince, node) {
			asked.push({ alertId, heldSince, node });
			last = view(alertId, heldSince);
			return last?.ahead ?? [];
		},
		async laterOrdered() {
			return last?.laterOrdered ?? [];
		},
	};
	return { store, asked };
}
