import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as checkAlert from './check.operation';
import * as getKillSwitch from './get-kill-switch.operation';
import * as releaseReservation from './release-reservation.operation';
import * as setKillSwitch from './set-kill-switch.operation';
import type { RiskCheckOperation, RoutedItem } from './routed-item';

// Keyed by the Operation parameter's values.
const OPERATIONS: Record<string, { description: INodeProperties[]; execute: RiskCheckOperation }> = { check: checkAlert, releaseReservation, setKillSwitch, getKillSwitch };

/** Every operation's own parameters; each shows only for its operation. */
export const operationProperties: INodeProperties[] = Object.values(OPERATIONS).flatMap((operation) => operation.description);

/** The item's Operation, carried out: its output item and whether it goes to Pass. */
export async function route(this: IExecuteFunctions, itemIndex: number): Promise<RoutedItem> {
	const operation = this.getNodeParameter('operation', itemIndex) as string;
	const selected = Object.hasOwn(OPERATIONS, operation) ? OPERATIONS[operation] : undefined;
	if (!selected) throw new NodeOperationError(this.getNode(), `Unknown operation "${operation}"`, { itemIndex });
	return await selected.execute.call(this, itemIndex);
}
