import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Ledger } from '../../../core/ledger/ledger';

export async function killSwitchOperation(
	context: IExecuteFunctions,
	ledger: Ledger,
	operation: 'setKillSwitch' | 'getKillSwitch',
	itemIndex: number,
): Promise<IDataObject> {
	const name = String(context.getNodeParameter('switchName', itemIndex, '')).trim();
	if (name === '') throw new NodeOperationError(context.getNode(), 'Kill Switch Name is empty', { itemIndex });
	if (operation === 'getKillSwitch') return { killSwitch: (await ledger.risk.getKillSwitch(name)) as unknown as IDataObject };
	const state = String(context.getNodeParameter('switchState', itemIndex, 'on')).trim().toLowerCase();
	if (state !== 'on' && state !== 'off') {
		throw new NodeOperationError(context.getNode(), `Turn must be "on" or "off", not "${state}"`, { itemIndex });
	}
	const reason = String(context.getNodeParameter('switchReason', itemIndex, '')).trim();
	const updated = await ledger.risk.setKillSwitch(name, state === 'on', reason === '' ? null : reason, new Date());
	return { killSwitch: updated as unknown as IDataObject };
}

/** Frees a passed entry's place in the counters; a confirmed one (its order exists) stays counted. */
export async function releaseOperation(context: IExecuteFunctions, ledger: Ledger, itemIndex: number): Promise<IDataObject> {
	const id = String(context.getNodeParameter('reservationId', itemIndex, '') ?? '').trim();
	if (id === '' || id === 'undefined' || id === 'null') {
		throw new NodeOperationError(context.getNode(), 'Reservation ID is empty: the item has no risk.reservation.id', {
			itemIndex,
			description: "After a Wait or approval step the item is the answer, not the alert: use {{ $('Risk Check').item.json.risk.reservation.id }}",
		});
	}
	const reason = String(context.getNodeParameter('releaseReason', itemIndex, '')).trim() || 'released';
	const stored = await ledger.risk.release(id, new Date(), reason);
	return {
		reservation: stored
			? { id, status: stored.status, released: stored.status === 'released' }
			: { id, status: null, released: false, note: "not in this node's ledger: use the same Ledger as the Risk Check that made it" },
	};
}
