import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { openNodeLedger } from '../../shared/node-ledger';
import { switchNameField } from '../description/operation';
import { switchNameOf } from './switch-name';
import type { RoutedItem } from './routed-item';

export const description: INodeProperties[] = [
	switchNameField('setKillSwitch'),
	{
		displayName: 'Turn',
		name: 'switchState',
		type: 'options',
		options: [
			{ name: 'On (Reject Entries)', value: 'on' },
			{ name: 'Off (Trade Normally)', value: 'off' },
		],
		default: 'on',
		displayOptions: { show: { operation: ['setKillSwitch'] } },
		description: 'With an expression a message can decide: return "off" only for the exact resume command (such as /start) and "on" for anything else, so a typo never turns trading back on',
	},
	{
		displayName: 'Reason',
		name: 'switchReason',
		type: 'string',
		default: '',
		displayOptions: { show: { operation: ['setKillSwitch'] } },
		description: 'Shown in every rejection while the switch is on',
	},
];

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
