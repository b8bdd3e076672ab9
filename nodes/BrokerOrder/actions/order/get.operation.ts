import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { brokerContextFor } from '../../broker-context';
import { asData, requiredText } from '../parameters';
import { clientOrderIdField } from '../../description/shared-fields';

export const description: INodeProperties[] = [clientOrderIdField('get')];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { broker } = await brokerContextFor(this, itemIndex);
	const clientOrderId = requiredText(this, 'clientOrderId', itemIndex);
	const order = await broker.getOrderByClientId(clientOrderId);
	if (!order) throw new NodeOperationError(this.getNode(), `No order with client order ID ${clientOrderId}`, { itemIndex });
	return [asData(order)];
}
