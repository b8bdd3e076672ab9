import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { listUnorderedAlerts, unorderedAlertSettingsSchema } from '../../../../core/reconcile/unordered-alerts';
import { openNodeLedger } from '../../../shared/node-ledger';
import { issuesToMessage } from '../../../shared/zod-issues';

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
