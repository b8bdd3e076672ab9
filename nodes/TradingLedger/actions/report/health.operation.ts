import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { filterOf, itemsOf, ledgerReport } from '../parameters';

export const description: INodeProperties[] = [];

/** Health: one item, not paged (no Return All, Limit or Options). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return itemsOf(await ledgerReport(this, itemIndex, 'health', filterOf(this, itemIndex, 'health')), 'rows');
}
