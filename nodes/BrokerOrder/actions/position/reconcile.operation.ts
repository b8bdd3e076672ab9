import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { reconcilePositions } from '../../../../core/reconcile/reconcile-positions';
import { reconcileSettingsSchema, symbolList } from '../../../../core/reconcile/reconcile-settings';
import { issuesToMessage } from '../../../shared/zod-issues';
import { brokerContextFor } from '../../broker-context';

/** Position → Reconcile: one item per symbol; with Correct To Expected a drifting item carries the correcting alert's fields. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const context = await brokerContextFor(this, itemIndex);
	const options = this.getNodeParameter('reconcileOptions', itemIndex, {}) as IDataObject;
	const settings = reconcileSettingsSchema.safeParse({
		account: context.account,
		tolerance: options.tolerance ?? 0,
		ignoreSymbols: symbolList(options.ignoreSymbols),
		readBack: options.readBack ?? true,
		correctToExpected: this.getNodeParameter('correctToExpected', itemIndex, false),
	});
	if (!settings.success) {
		throw new NodeOperationError(this.getNode(), `Invalid reconcile options: ${issuesToMessage(settings.error.issues)}`, { itemIndex });
	}
	const results = await reconcilePositions(settings.data, { broker: context.broker, journal: context.journal, scope: context.scope });
	return results.map((result) => ({ ...result, ...(result.correction ?? {}) }) as unknown as IDataObject);
}
