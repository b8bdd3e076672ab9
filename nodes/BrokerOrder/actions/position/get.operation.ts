import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { brokerContextFor } from '../../broker-context';
import { asData, requiredText } from '../parameters';
import { positionSymbolField } from '../../description/shared-fields';

export const description: INodeProperties[] = [positionSymbolField('get')];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { broker } = await brokerContextFor(this, itemIndex);
	const symbol = requiredText(this, 'positionSymbol', itemIndex);
	return [asData((await broker.getPosition(symbol)) ?? { symbol, quantity: 0, averagePrice: null })];
}
