import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as getAccount from './account/get.operation';
import * as cancelOrder from './order/cancel.operation';
import * as getOrder from './order/get.operation';
import * as listOpenOrders from './order/list-open.operation';
import * as listUnorderedAlerts from './order/list-unordered.operation';
import * as placeOrder from './order/place.operation';
import * as closeAllPositions from './position/close-all.operation';
import * as closePosition from './position/close.operation';
import * as getPosition from './position/get.operation';
import * as listPositions from './position/list.operation';
import * as reconcilePositions from './position/reconcile.operation';
import * as updatePrice from './price/update.operation';
import type { BrokerOperation } from './parameters';

// Resource → operation → its module, keyed by the parameter values the node stores.
const OPERATIONS: Record<string, Record<string, { description: INodeProperties[]; execute: BrokerOperation }>> = {
	order: { place: placeOrder, cancel: cancelOrder, get: getOrder, listOpen: listOpenOrders, listUnordered: listUnorderedAlerts },
	position: { get: getPosition, list: listPositions, close: closePosition, closeAll: closeAllPositions, reconcile: reconcilePositions },
	account: { get: getAccount },
	price: { update: updatePrice },
};

/** Every operation's own parameters; each shows only for its resource and operation. */
export const operationProperties: INodeProperties[] = Object.values(OPERATIONS).flatMap((operations) => Object.values(operations).flatMap((operation) => operation.description));

/** The item's Resource and Operation, carried out: the output items for this input item. */
export async function route(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const resource = this.getNodeParameter('resource', itemIndex) as string;
	const operation = this.getNodeParameter('operation', itemIndex) as string;
	const selected = Object.hasOwn(OPERATIONS, resource) && Object.hasOwn(OPERATIONS[resource], operation) ? OPERATIONS[resource][operation] : undefined;
	if (!selected) throw new NodeOperationError(this.getNode(), `Unknown operation "${operation}" for ${resource}`, { itemIndex });
	return await selected.execute.call(this, itemIndex);
}
