import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { openNodeLedger } from '../../shared/node-ledger';
import type { RoutedItem } from './routed-item';

export const description: INodeProperties[] = [
	{
		displayName: 'Reservation ID',
		name: 'reservationId',
		type: 'string',
		default: '={{ $json.risk?.reservation?.id }}',
		required: true,
		displayOptions: { show: { operation: ['releaseReservation'] } },
		description: "The reservation in the Risk Check item's <code>risk</code> field. After a Wait or approval step the item is the answer, so refer to the Risk Check node's item instead.",
	},
	{
		displayName: 'Reason',
		name: 'releaseReason',
		type: 'string',
		default: 'not approved',
		displayOptions: { show: { operation: ['releaseReservation'] } },
	},
];

/** Release Reservation: frees a passed entry's place in the counters; a confirmed one (its order exists) stays counted. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<RoutedItem> {
	const ledger = await openNodeLedger(this, this.getNodeParameter('ledger', itemIndex, 'sqlite'));
	const id = String(this.getNodeParameter('reservationId', itemIndex, '') ?? '').trim();
	if (id === '' || id === 'undefined' || id === 'null') {
		throw new NodeOperationError(this.getNode(), 'Reservation ID is empty: the item has no risk.reservation.id', {
			itemIndex,
			description: "After a Wait or approval step the item is the answer, not the alert: use {{ $('Risk Check').item.json.risk.reservation.id }}",
		});
	}
	const reason = String(this.getNodeParameter('releaseReason', itemIndex, '')).trim() || 'released';
	const stored = await ledger.risk.release(id, new Date(), reason);
	return {
		passed: true,
		json: {
			reservation: stored
				? { id, status: stored.status, released: stored.status === 'released' }
				: { id, status: null, released: false, note: "not in this node's ledger: use the same Ledger as the Risk Check that made it" },
		},
	};
}
