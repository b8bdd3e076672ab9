import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { brokerContextFor } from '../../broker-context';
import { asData, requiredText } from '../parameters';
import { clientOrderIdField } from '../../description/shared-fields';

export const description: INodeProperties[] = [clientOrderIdField('cancel')];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { broker } = await brokerContextFor(this, itemIndex);
	return [asData(await broker.cancelOrder(requiredText(this, 'clientOrderId', itemIndex)))];
}
