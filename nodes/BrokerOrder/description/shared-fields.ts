import type { INodeProperties } from 'n8n-workflow';

// Fields several operations show: each operation lists its own copy, shown for it alone, so its
// file says everything it shows. One name each, so saved workflows keep their values.

export const showFor = (resource: string, operation: string) => ({ show: { resource: [resource], operation: [operation] } });

export const clientOrderIdField = (operation: string): INodeProperties => ({
	displayName: 'Client Order ID',
	name: 'clientOrderId',
	type: 'string',
	required: true,
	default: '={{ $json.clientOrderId }}',
	displayOptions: showFor('order', operation),
	description: 'The ID this package gave the order (output of "Place From Alert")',
});

export const positionSymbolField = (operation: string): INodeProperties => ({
	displayName: 'Symbol',
	name: 'positionSymbol',
	type: 'string',
	required: true,
	default: '={{ $json.symbol }}',
	displayOptions: showFor('position', operation),
});

export const requestIdField = (operation: string): INodeProperties => ({
	displayName: 'Request ID',
	name: 'requestId',
	type: 'string',
	required: true,
	default: '={{ $json.alertId || $execution.id }}',
	displayOptions: showFor('position', operation),
	description: 'Makes the client order IDs of the closing orders: the same request never closes twice',
});
