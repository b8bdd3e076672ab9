import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { closePosition } from '../../../../core/order/close-position';
import { brokerContextFor } from '../../broker-context';
import { asData, requiredText } from '../parameters';
import { positionSymbolField, requestIdField } from '../../description/shared-fields';

export const description: INodeProperties[] = [positionSymbolField('close'), requestIdField('close')];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const context = await brokerContextFor(this, itemIndex);
	return [asData(await closePosition(requiredText(this, 'positionSymbol', itemIndex), requiredText(this, 'requestId', itemIndex), context))];
}
