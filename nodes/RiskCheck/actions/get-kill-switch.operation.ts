import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { openNodeLedger } from '../../shared/node-ledger';
import { switchNameField } from '../description/operation';
import { switchNameOf } from './switch-name';
import type { RoutedItem } from './routed-item';

export const description: INodeProperties[] = [switchNameField('getKillSwitch')];

/** Get Kill Switch: whether it is on, since when and why. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<RoutedItem> {
	const ledger = await openNodeLedger(this, this.getNodeParameter('ledger', itemIndex, 'sqlite'));
	const name = switchNameOf(this, itemIndex);
	return { passed: true, json: { killSwitch: (await ledger.risk.getKillSwitch(name)) as unknown as IDataObject } };
}
