import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { pagedReportItems } from '../parameters';

export const description: INodeProperties[] = [];

/** Daily P&L: realised P&L per account and UTC day. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await pagedReportItems(this, itemIndex, 'dailyPnl');
}
