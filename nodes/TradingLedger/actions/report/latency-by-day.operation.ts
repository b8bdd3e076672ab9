import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { pagedReportItems } from '../parameters';

export const description: INodeProperties[] = [];

/** Latency per Day: p50, p95 and max per UTC day. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await pagedReportItems(this, itemIndex, 'latencyByDay');
}
