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

/** Kill Switch Name, for one of the two kill switch operations (each lists its own copy). */
export const switchNameField = (operation: string): INodeProperties => ({
	displayName: 'Kill Switch Name',
	name: 'switchName',
	type: 'string',
	default: 'main',
	required: true,
	displayOptions: { show: { operation: [operation] } },
	description: 'The switch to change or read; Risk Check nodes name the switch they obey in their Kill Switch field',
});
