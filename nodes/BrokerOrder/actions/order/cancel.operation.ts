import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { brokerContextFor } from '../../broker-context';
import { asData, requiredText } from '../parameters';

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { broker } = await brokerContextFor(this, itemIndex);
	return [asData(await broker.cancelOrder(requiredText(this, 'clientOrderId', itemIndex)))];
}
