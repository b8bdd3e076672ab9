import type { INodeProperties } from 'n8n-workflow';

const showForPaper = { show: { broker: ['paper'] } };

export const paperProperties: INodeProperties[] = [
	{
		displayName: 'Paper Account',
		name: 'paperAccount',
		type: 'string',
		default: 'default',
		displayOptions: showForPaper,
		description: 'Name of the simulated account. Nodes that use the same name share cash and positions.',
	},
	{
		displayName: 'Starting Cash',
		name: 'paperStartingCash',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 100000,
		displayOptions: showForPaper,
		description: 'Cash the paper account starts with, the first time it is used',
	},
	{
		displayName: 'Account Currency',
		name: 'paperCurrency',
		type: 'string',
		default: 'USD',
		displayOptions: showForPaper,
	},
];
