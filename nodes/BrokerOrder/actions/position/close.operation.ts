import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { closePosition } from '../../../../core/order/close-position';
import { brokerContextFor } from '../../broker-context';
import { asData, requiredText } from '../parameters';

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const context = await brokerContextFor(this, itemIndex);
	return [asData(await closePosition(requiredText(this, 'positionSymbol', itemIndex), requiredText(this, 'requestId', itemIndex), context))];
}
