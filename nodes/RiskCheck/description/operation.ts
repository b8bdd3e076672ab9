import type { INodeProperties } from 'n8n-workflow';

export const operationSelector: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Check Alert',
			value: 'check',
			action: 'Check an alert against the limits',
			description: 'Route each item to Pass or Reject, with the reasons',
		},
		{
			name: 'Set Kill Switch',
			value: 'setKillSwitch',
			action: 'Turn a kill switch on or off',
			description: 'While on, every Risk Check using it rejects entries',
		},
		{
			name: 'Get Kill Switch',
			value: 'getKillSwitch',
			action: 'Get a kill switch',
			description: 'Read whether a kill switch is on',
		},
	],
	default: 'check',
};

const showForSwitch = { show: { operation: ['setKillSwitch', 'getKillSwitch'] } };

export const killSwitchProperties: INodeProperties[] = [
	{
		displayName: 'Kill Switch Name',
		name: 'switchName',
		type: 'string',
		default: 'main',
		required: true,
		displayOptions: showForSwitch,
		description: 'The switch to change or read; Risk Check nodes name the switch they obey in their Kill Switch field',
	},
	{
		displayName: 'Turn',
		name: 'switchState',
		type: 'options',
		options: [
			{ name: 'On (Reject Entries)', value: 'on' },
			{ name: 'Off (Trade Normally)', value: 'off' },
		],
		default: 'on',
		displayOptions: { show: { operation: ['setKillSwitch'] } },
		description: 'With an expression, a message can decide, e.g. {{ $JSON.message.text === "/stop" ? "on" : "off" }}',
	},
	{
		displayName: 'Reason',
		name: 'switchReason',
		type: 'string',
		default: '',
		displayOptions: { show: { operation: ['setKillSwitch'] } },
		description: 'Shown in every rejection while the switch is on',
	},
];
