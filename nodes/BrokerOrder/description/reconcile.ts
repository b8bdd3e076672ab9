import type { INodeProperties } from 'n8n-workflow';

const showForReconcile = { show: { resource: ['position'], operation: ['reconcile'] } };
const showForUnordered = { show: { resource: ['order'], operation: ['listUnordered'] } };

export const reconcileProperties: INodeProperties[] = [
	{
		displayName:
			'One item per symbol: expected (the fills Broker Order journaled for this broker account), actual (the broker), drift (actual − expected), status (match, drift, pending) and the journal entries behind it. Give it the same Ledger as your trading workflow.',
		name: 'reconcileNotice',
		type: 'notice',
		default: '',
		displayOptions: showForReconcile,
	},
	{
		displayName: 'Correct To Expected',
		name: 'correctToExpected',
		type: 'boolean',
		default: false,
		displayOptions: showForReconcile,
		description:
			'Whether to put on each drifting item the alert that brings the broker back to the expected position (alertId, action, quantity, strategy target). Connect it to Risk Check and a Broker Order (Place From Alert) to send it; nothing is sent here.',
	},
	{
		displayName: 'Options',
		name: 'reconcileOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showForReconcile,
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

export const unorderedAlertProperties: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'unorderedOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showForUnordered,
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
