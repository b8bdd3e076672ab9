import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { closePosition } from '../../../../core/order/close-position';
import { brokerContextFor } from '../../broker-context';
import { asData, requiredText } from '../parameters';
import { requestIdField } from '../../description/shared-fields';

export const description: INodeProperties[] = [requestIdField('closeAll')];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const context = await brokerContextFor(this, itemIndex);
	const requestId = requiredText(this, 'requestId', itemIndex);
	const closed = [];
	for (const position of await context.broker.listPositions()) closed.push(await closePosition(position.symbol, requestId, context));
	return closed.map(asData);
}
