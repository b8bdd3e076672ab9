import type { INodeProperties } from 'n8n-workflow';

export const orderOtherProperties: INodeProperties[] = [
	{
		displayName: 'Client Order ID',
		name: 'clientOrderId',
		type: 'string',
		required: true,
		default: '={{ $json.clientOrderId }}',
		displayOptions: { show: { resource: ['order'], operation: ['cancel', 'get'] } },
		description: 'The ID this package gave the order (output of "Place From Alert")',
	},
	{
		displayName: 'Symbol',
		name: 'filterSymbol',
		type: 'string',
		default: '',
		displayOptions: { show: { resource: ['order'], operation: ['listOpen'] } },
		description: 'Only orders of this symbol; empty lists all',
	},
	{
		displayName: 'Symbol',
		name: 'positionSymbol',
		type: 'string',
		required: true,
		default: '={{ $json.symbol }}',
		displayOptions: { show: { resource: ['position'], operation: ['close', 'get'] } },
	},
	{
		displayName: 'Request ID',
		name: 'requestId',
		type: 'string',
		required: true,
		default: '={{ $json.alertId || $execution.id }}',
		displayOptions: { show: { resource: ['position'], operation: ['close', 'closeAll'] } },
		description: 'Makes the client order IDs of the closing orders: the same request never closes twice',
	},
];
