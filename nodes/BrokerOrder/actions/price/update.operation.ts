import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { priceUpdateSchema, updatePrice } from '../../../../core/order/price-update';
import { markAlertSettled, markAlertStarted } from '../../../shared/mark-started';
import { issuesToMessage } from '../../../shared/zod-issues';
import { brokerContextFor } from '../../broker-context';
import { showFor } from '../../description/shared-fields';

export const description: INodeProperties[] = [
	{
		displayName: 'Symbol',
		name: 'priceSymbol',
		type: 'string',
		required: true,
		default: '={{ $json.symbol }}',
		displayOptions: showFor('price', 'update'),
		description: "The symbol, as the Paper broker's orders name it (default: the alert's)",
	},
	{
		displayName: 'Price',
		name: 'priceValue',
		type: 'string',
		required: true,
		default: '={{ $json.price }}',
		displayOptions: showFor('price', 'update'),
		description: "The symbol's price now (default: the alert's, e.g. {{close}} from an alert every bar)",
	},
];

/** Price → Update: feeds a price to the Paper broker and returns the orders it filled. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
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
	// A price alert from the trigger ends here: marked settled, so the symbol's next alert does not wait for it.
	const alertId = this.getInputData()[itemIndex]?.json?.alertId;
	await markAlertStarted(this, context.ledger, alertId, 'Broker Order');
	try {
		const result = await updatePrice(context.broker, update.data);
		await markAlertSettled(this, context.ledger, alertId, 'no_order');
		return [{ broker: context.broker.name, ...result } as unknown as IDataObject];
	} catch (error) {
		await markAlertSettled(this, context.ledger, alertId, 'failed');
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- the router turns it into a NodeApiError
		throw error;
	}
}
