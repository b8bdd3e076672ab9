import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { brokerContextFor } from '../../broker-context';
import { asData } from '../parameters';
import { showFor } from '../../description/shared-fields';

export const description: INodeProperties[] = [
	{
		displayName: 'Symbol',
		name: 'filterSymbol',
		type: 'string',
		default: '',
		displayOptions: showFor('order', 'listOpen'),
		description: 'Only orders of this symbol; empty lists all',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { broker } = await brokerContextFor(this, itemIndex);
	const symbol = String(this.getNodeParameter('filterSymbol', itemIndex, '') ?? '').trim();
	return (await broker.listOpenOrders(symbol || undefined)).map(asData);
}
