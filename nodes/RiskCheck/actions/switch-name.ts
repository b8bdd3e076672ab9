import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export function switchNameOf(context: IExecuteFunctions, itemIndex: number): string {
	const name = String(context.getNodeParameter('switchName', itemIndex, '')).trim();
	if (name === '') throw new NodeOperationError(context.getNode(), 'Kill Switch Name is empty', { itemIndex });
	return name;
}
