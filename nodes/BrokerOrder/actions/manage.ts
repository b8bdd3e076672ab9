import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { closePosition } from '../../../core/order/close-position';
import { brokerContextFor } from '../broker-context';
import { priceUpdate } from './price-update';

const asData = (value: unknown) => value as IDataObject;

function requiredText(context: IExecuteFunctions, name: string, itemIndex: number): string {
	const value = String(context.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (!value) throw new NodeOperationError(context.getNode(), `${name} is required`, { itemIndex });
	return value;
}

/** Every operation except "Place From Alert": one or more output items per input item. */
export async function manage(this: IExecuteFunctions, resource: string, operation: string, itemIndex: number): Promise<IDataObject[]> {
	if (resource === 'price') return [await priceUpdate.call(this, operation, itemIndex)];
	const context = await brokerContextFor(this, itemIndex);
	const { broker } = context;
	const key = `${resource}.${operation}`;
	switch (key) {
		case 'order.cancel':
			return [asData(await broker.cancelOrder(requiredText(this, 'clientOrderId', itemIndex)))];
		case 'order.get': {
			const clientOrderId = requiredText(this, 'clientOrderId', itemIndex);
			const order = await broker.getOrderByClientId(clientOrderId);
			if (!order) throw new NodeOperationError(this.getNode(), `No order with client order ID ${clientOrderId}`, { itemIndex });
			return [asData(order)];
		}
		case 'order.listOpen': {
			const symbol = String(this.getNodeParameter('filterSymbol', itemIndex, '') ?? '').trim();
			return (await broker.listOpenOrders(symbol || undefined)).map(asData);
		}
		case 'position.get': {
			const symbol = requiredText(this, 'positionSymbol', itemIndex);
			return [asData((await broker.getPosition(symbol)) ?? { symbol, quantity: 0, averagePrice: null })];
		}
		case 'position.list':
			return (await broker.listPositions()).map(asData);
		case 'position.close':
			return [asData(await closePosition(requiredText(this, 'positionSymbol', itemIndex), requiredText(this, 'requestId', itemIndex), context))];
		case 'position.closeAll': {
			const requestId = requiredText(this, 'requestId', itemIndex);
			const closed = [];
			for (const position of await broker.listPositions()) closed.push(await closePosition(position.symbol, requestId, context));
			return closed.map(asData);
		}
		case 'account.get':
			return [asData(await broker.getAccount())];
		default:
			throw new NodeOperationError(this.getNode(), `Unknown operation "${operation}" for ${resource}`, { itemIndex });
	}
}
