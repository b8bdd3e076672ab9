import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { openNodeLedger } from '../../shared/node-ledger';
import { switchNameOf } from './switch-name';
import type { RoutedItem } from './routed-item';

/** Set Kill Switch: on rejects every entry of the Risk Check nodes that obey it. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<RoutedItem> {
	const ledger = await openNodeLedger(this, this.getNodeParameter('ledger', itemIndex, 'sqlite'));
	const name = switchNameOf(this, itemIndex);
	const state = String(this.getNodeParameter('switchState', itemIndex, 'on')).trim().toLowerCase();
	if (state !== 'on' && state !== 'off') {
		throw new NodeOperationError(this.getNode(), `Turn must be "on" or "off", not "${state}"`, { itemIndex });
	}
	const reason = String(this.getNodeParameter('switchReason', itemIndex, '')).trim();
	const updated = await ledger.risk.setKillSwitch(name, state === 'on', reason === '' ? null : reason, new Date());
	return { passed: true, json: { killSwitch: updated as unknown as IDataObject } };
}
