import type { INodeProperties } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../../../core/reports/report-filter';

// The fields the reports share, each shown for the reports that read it: how many rows, the
// filters (one collection, its fields shown per report) and the output shape.

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
