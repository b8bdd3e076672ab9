import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { brokerContextFor } from '../../broker-context';
import { asData } from '../parameters';

export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { broker } = await brokerContextFor(this, itemIndex);
	return [asData(await broker.getAccount())];
}
