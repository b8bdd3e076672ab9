import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** A Broker Order operation: one or more output items per input item. */
export type BrokerOperation = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject[]>;

export const asData = (value: unknown) => value as IDataObject;

export function requiredText(context: IExecuteFunctions, name: string, itemIndex: number): string {
	const value = String(context.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (!value) throw new NodeOperationError(context.getNode(), `${name} is required`, { itemIndex });
	return value;
}
