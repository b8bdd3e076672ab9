import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { pagedReportItems } from '../parameters';

export const description: INodeProperties[] = [];

/** Orders: the order journal, one row per order. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await pagedReportItems(this, itemIndex, 'orders');
}
