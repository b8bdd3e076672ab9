import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { pagedReportItems } from '../parameters';

export const description: INodeProperties[] = [];

/** Signals: every request the trigger answered, newest first. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await pagedReportItems(this, itemIndex, 'signals');
}
