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
			name: 'Release Reservation',
			value: 'releaseReservation',
			action: 'Release a reservation',
			description: 'Free the place a passed entry holds in the order counters, when its order will not be placed (an approver said no)',
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
		description: 'With an expression a message can decide: return "off" only for the exact resume command (such as /start) and "on" for anything else, so a typo never turns trading back on',
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

export const releaseProperties: INodeProperties[] = [
	{
		displayName: 'Reservation ID',
		name: 'reservationId',
		type: 'string',
		default: '={{ $json.risk?.reservation?.id }}',
		required: true,
		displayOptions: { show: { operation: ['releaseReservation'] } },
		description: "The reservation in the Risk Check item's <code>risk</code> field. After a Wait or approval step the item is the answer, so refer to the Risk Check node's item instead.",
	},
	{
		displayName: 'Reason',
		name: 'releaseReason',
		type: 'string',
		default: 'not approved',
		displayOptions: { show: { operation: ['releaseReservation'] } },
	},
];
