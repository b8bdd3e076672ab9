import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { priceUpdateSchema, updatePrice } from '../../../core/order/price-update';
import { issuesToMessage } from '../../shared/zod-issues';
import { brokerContextFor } from '../broker-context';

/** Price → Update: feeds a price to the Paper broker and returns the orders it filled. */
export async function priceUpdate(this: IExecuteFunctions, operation: string, itemIndex: number): Promise<IDataObject> {
	if (operation !== 'update') throw new NodeOperationError(this.getNode(), `Unknown operation "${operation}" for price`, { itemIndex });
	const broker = this.getNodeParameter('broker', itemIndex) as string;
	if (broker !== 'paper') {
		throw new NodeOperationError(this.getNode(), `Price Update is for the Paper broker only; ${broker} fills orders at its own market prices`, {
			itemIndex,
			description: 'Choose Broker "Paper (Built In)", or remove this node from the flow for a real broker',
		});
	}
	const update = priceUpdateSchema.safeParse({
		symbol: this.getNodeParameter('priceSymbol', itemIndex, null),
		price: this.getNodeParameter('priceValue', itemIndex, null),
	});
	if (!update.success) {
		throw new NodeOperationError(this.getNode(), `Invalid price update: ${issuesToMessage(update.error.issues)}`, { itemIndex });
	}
	const context = await brokerContextFor(this, itemIndex);
	return { broker: context.broker.name, ...(await updatePrice(context.broker, update.data)) } as unknown as IDataObject;
}
