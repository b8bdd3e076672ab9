import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { reconcilePositions } from '../../../../core/reconcile/reconcile-positions';
import { reconcileSettingsSchema, symbolList } from '../../../../core/reconcile/reconcile-settings';
import { issuesToMessage } from '../../../shared/zod-issues';
import { brokerContextFor } from '../../broker-context';
import { showFor } from '../../description/shared-fields';

export const description: INodeProperties[] = [
	{
		displayName:
			'One item per symbol: expected (the fills Broker Order journaled for this broker account), actual (the broker), drift (actual − expected), status (match, drift, pending) and the journal entries behind it. Give it the same Ledger as your trading workflow.',
		name: 'reconcileNotice',
		type: 'notice',
		default: '',
		displayOptions: showFor('position', 'reconcile'),
	},
	{
		displayName: 'Correct To Expected',
		name: 'correctToExpected',
		type: 'boolean',
		default: false,
		displayOptions: showFor('position', 'reconcile'),
		description:
			'Whether to put on each drifting item the alert that brings the broker back to the expected position (alertId, action, quantity, strategy target). Connect it to Risk Check and a Broker Order (Place From Alert) to send it; nothing is sent here.',
	},
	{
		displayName: 'Options',
		name: 'reconcileOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor('position', 'reconcile'),
		options: [
			{
				displayName: 'Ignore Symbols',
				name: 'ignoreSymbols',
				type: 'string',
				default: '',
				placeholder: 'BNBUSDT, ETH',
				description: 'Symbols held outside the strategy, comma-separated (Binance spot reports every coin held)',
			},
			{
				displayName: 'Read Back Open Orders',
				name: 'readBack',
				type: 'boolean',
				default: true,
				description:
					'Whether to ask the broker about orders the journal last saw open or whose outcome it does not know (and journal the answer). Off: they make the symbol pending.',
			},
			{
				displayName: 'Tolerance',
				name: 'tolerance',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Differences up to this many units count as a match',
			},
		],
	},
];

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
