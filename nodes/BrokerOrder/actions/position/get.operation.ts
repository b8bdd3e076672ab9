import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { brokerContextFor } from '../../broker-context';
import { asData, requiredText } from '../parameters';

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { broker } = await brokerContextFor(this, itemIndex);
	const symbol = requiredText(this, 'positionSymbol', itemIndex);
	return [asData((await broker.getPosition(symbol)) ?? { symbol, quantity: 0, averagePrice: null })];
}
