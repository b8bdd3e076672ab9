import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { pagedReportItems } from '../parameters';

export const description: INodeProperties[] = [];

/** Latency: each accepted alert from received to acknowledged. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await pagedReportItems(this, itemIndex, 'latency');
}
