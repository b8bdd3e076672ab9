import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { brokerContextFor } from '../../broker-context';
import { asData } from '../parameters';

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { broker } = await brokerContextFor(this, itemIndex);
	const symbol = String(this.getNodeParameter('filterSymbol', itemIndex, '') ?? '').trim();
	return (await broker.listOpenOrders(symbol || undefined)).map(asData);
}
