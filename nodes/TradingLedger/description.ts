import type { INodeProperties } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../../core/reports/report-filter';
import { BROKER_OPTIONS } from '../shared/brokers/broker-options';

// The panel of TradingView Ledger: one resource (Report), an operation per report, how many
// rows, the filters each report takes, and the output shape.

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

const paged = { show: { operation: ['signals', 'orders', 'positions', 'dailyPnl', 'latency', 'latencyByDay'] } };

export const pagingProperties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		displayOptions: paged,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_PAGE_SIZE },
		default: 50,
		displayOptions: { show: { ...paged.show, returnAll: [false] } },
		description: 'Max number of results to return',
	},
];

const outcomeOf = (operations: string[], values: Array<[string, string]>): INodeProperties => ({
	displayName: 'Outcome',
	name: `outcome_${operations[0]}`,
	type: 'options',
	options: [{ name: 'Any', value: '' }, ...values.map(([name, value]) => ({ name, value }))],
	default: '',
	displayOptions: { show: { '/operation': operations } },
});

export const filterProperties: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	displayOptions: { show: { resource: ['report'] } },
	options: [
		{ displayName: 'Account', name: 'account', type: 'string', default: '', placeholder: 'paper:default', description: 'The account as the journal records it: paper:&lt;Paper Account&gt; (or just the paper account name), or &lt;broker&gt;:&lt;credential ID&gt;', displayOptions: { show: { '/operation': ['orders', 'positions', 'dailyPnl', 'latency', 'latencyByDay'] } } },
		{ displayName: 'Broker', name: 'broker', type: 'string', default: '', placeholder: 'paper', description: 'Paper, alpaca, oanda, binance, or a ccxt exchange ID', displayOptions: { show: { '/operation': ['orders', 'positions', 'dailyPnl', 'latency', 'latencyByDay'] } } },
		{ displayName: 'From', name: 'from', type: 'dateTime', default: '', description: 'From this time on (UTC when no zone is given)' },
		outcomeOf(['signals'], [['Accepted', 'accepted'], ['Duplicate', 'duplicate'], ['Rejected', 'rejected']]),
		outcomeOf(['orders'], [['Placed', 'placed'], ['Failed', 'failed'], ['Pending (No Answer Recorded)', 'pending'], ['Dry Run', 'dry_run']]),
		outcomeOf(['latency', 'latencyByDay'], [['Acknowledged', 'acknowledged'], ['Sent, Not Acknowledged', 'unacknowledged'], ['No Order', 'no_order']]),
		{ displayName: 'Symbol', name: 'symbol', type: 'string', default: '', placeholder: 'AAPL', displayOptions: { show: { '/operation': ['signals', 'orders', 'positions', 'dailyPnl', 'latency', 'latencyByDay'] } } },
		{ displayName: 'Until', name: 'until', type: 'dateTime', default: '', description: 'Before this time (UTC when no zone is given)' },
	],
};

export const optionProperties: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	displayOptions: paged,
	options: [
		{ displayName: 'Cursor', name: 'cursor', type: 'string', default: '', description: 'The nextCursor of a previous page, to read the page after it' },
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			options: [
				{ name: 'One Item per Row', value: 'rows' },
				{ name: 'One Item With the Page', value: 'page', description: 'Items, count and nextCursor in one item' },
			],
			default: 'rows',
		},
	],
};

const brokerSources = BROKER_OPTIONS.filter((option) => option.value !== 'paper').map(({ name, value }) => ({ name, value }));

export const positionsFromProperty: INodeProperties = {
	displayName: 'Positions From',
	name: 'positionsFrom',
	type: 'options',
	noDataExpression: true,
	options: [...brokerSources, { name: 'Ledger (Paper Accounts and Order Journal)', value: 'ledger' }].sort((a, b) => a.name.localeCompare(b.name)),
	default: 'ledger',
	displayOptions: { show: { resource: ['report'], operation: ['positions'] } },
	description:
		'Ledger: every paper account as the Paper broker keeps it and every broker account as its journal fills add up. A broker: that account as the broker reports it now (cash, equity, positions at market price with unrealised P&L, realised P&L where the broker reports it), with the credential below.',
};
