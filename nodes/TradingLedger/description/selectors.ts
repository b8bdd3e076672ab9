import type { INodeProperties } from 'n8n-workflow';

// One resource (Report) and an operation per report.

export const resourceSelector: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [{ name: 'Report', value: 'report' }],
	default: 'report',
};

export const operationSelector: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['report'] } },
	options: [
		{ name: 'Daily P&L', value: 'dailyPnl', action: 'Get the realised P&L per day', description: 'Realised P&L per account and UTC day, with the running total' },
		{ name: 'Health', value: 'health', action: 'Get the health of trading', description: 'One item: alerts never ordered, refusals by reason, failed orders, kill switches on' },
		{ name: 'Latency', value: 'latency', action: 'List the latency per alert', description: 'Each accepted alert: received, order sent, broker acknowledged, in milliseconds' },
		{ name: 'Latency per Day', value: 'latencyByDay', action: 'Get the latency per day', description: 'The p50, p95 and max from received to acknowledged, per UTC day' },
		{ name: 'Orders', value: 'orders', action: 'List the orders', description: 'The order journal per order: attempts, retries, broker IDs, status and fill, failures' },
		{ name: 'Positions and P&L', value: 'positions', action: 'List the accounts with positions and P&L', description: 'Each account: cash, equity, open positions and realised P&L' },
		{ name: 'Signals', value: 'signals', action: 'List the signals', description: 'Every request the trigger answered: accepted, duplicate or rejected with the reason' },
	],
	default: 'signals',
};
