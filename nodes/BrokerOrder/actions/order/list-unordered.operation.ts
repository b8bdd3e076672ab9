import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { listUnorderedAlerts, unorderedAlertSettingsSchema } from '../../../../core/reconcile/unordered-alerts';
import { openNodeLedger } from '../../../shared/node-ledger';
import { issuesToMessage } from '../../../shared/zod-issues';
import { showFor } from '../../description/shared-fields';

export const description: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'unorderedOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor('order', 'listUnordered'),
		options: [
			{
				displayName: 'Accepted Within (Hours)',
				name: 'acceptedWithinHours',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 168,
				description: 'How far back to look',
			},
			{
				displayName: 'Older Than (Minutes)',
				name: 'olderThanMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 10,
				description: 'Alerts accepted more recently are still being handled and are left out',
			},
			{
				displayName: 'Workflow ID',
				name: 'workflowId',
				type: 'string',
				default: '',
				description: 'Only alerts accepted by triggers in this workflow; empty lists every workflow on the ledger',
			},
		],
	},
];

/** Order → List Unordered Alerts: one item per accepted alert that never reached a Broker Order. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const options = this.getNodeParameter('unorderedOptions', itemIndex, {}) as IDataObject;
	const settings = unorderedAlertSettingsSchema.safeParse({
		acceptedWithinHours: options.acceptedWithinHours ?? 168,
		olderThanMinutes: options.olderThanMinutes ?? 10,
		workflowId: options.workflowId ?? '',
	});
	if (!settings.success) {
		throw new NodeOperationError(this.getNode(), `Invalid options: ${issuesToMessage(settings.error.issues)}`, { itemIndex });
	}
	const ledger = await openNodeLedger(this, this.getNodeParameter('ledger', itemIndex, 'sqlite'));
	return (await listUnorderedAlerts(settings.data, ledger.orders, new Date())) as unknown as IDataObject[];
}
