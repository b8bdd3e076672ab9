import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { LedgerOperation } from './parameters';
import * as dailyPnl from './report/daily-pnl.operation';
import * as health from './report/health.operation';
import * as latencyByDay from './report/latency-by-day.operation';
import * as latency from './report/latency.operation';
import * as orders from './report/orders.operation';
import * as positions from './report/positions.operation';
import * as signals from './report/signals.operation';

// Resource → operation → its module, keyed by the parameter values the node stores.
const OPERATIONS: Record<string, Record<string, { description: INodeProperties[]; execute: LedgerOperation }>> = {
	report: { signals, orders, positions, dailyPnl, latency, latencyByDay, health },
};

/** Every operation's own parameters; each shows only for its operation. */
export const operationProperties: INodeProperties[] = Object.values(OPERATIONS).flatMap((operations) => Object.values(operations).flatMap((operation) => operation.description));

/** The item's Resource and Operation, carried out: the output items for this input item. */
export async function route(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const resource = this.getNodeParameter('resource', itemIndex, 'report') as string;
	const operation = this.getNodeParameter('operation', itemIndex) as string;
	const selected = Object.hasOwn(OPERATIONS, resource) && Object.hasOwn(OPERATIONS[resource], operation) ? OPERATIONS[resource][operation] : undefined;
	if (!selected) throw new NodeOperationError(this.getNode(), `Unknown report "${operation}"`, { itemIndex });
	return await selected.execute.call(this, itemIndex);
}
