import type { INodeProperties } from 'n8n-workflow';

export const brokerSelector: INodeProperties = {
	displayName: 'Broker',
	name: 'broker',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Alpaca', value: 'alpaca', description: 'US stocks and crypto, paper or live (Trading API v2)' },
		{ name: 'Binance', value: 'binance', description: 'Spot or USD-M futures, testnet or live (through ccxt)' },
		{ name: 'Bybit', value: 'bybit', description: 'USDT perpetuals, testnet or live (V5 API, through ccxt)' },
		{ name: 'OANDA', value: 'oanda', description: 'Forex and CFDs, practice or live (v20 REST API)' },
		{ name: 'OKX', value: 'okx', description: 'USDT perpetual swaps, demo trading or live (v5 API, through ccxt)' },
		{
			name: 'Other Crypto Exchange (Ccxt)',
			value: 'ccxt',
			description: 'Any of the 100+ exchanges the ccxt library supports',
		},
		{
			name: 'Paper (Built In)',
			value: 'paper',
			description: 'A simulated account kept in the signal ledger: no broker account needed',
		},
		{ name: 'Tradovate', value: 'tradovate', description: 'US futures, demo or live (REST API; needs the API Access add-on)' },
	],
	default: 'paper',
};


export const resourceSelector: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Account', value: 'account' },
		{ name: 'Order', value: 'order' },
		{ name: 'Position', value: 'position' },
		{ name: 'Price (Paper)', value: 'price' },
	],
	default: 'order',
};

export const operationSelectors: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{ name: 'Cancel', value: 'cancel', action: 'Cancel an order', description: 'Cancel an open order by its client order ID' },
			{ name: 'Get', value: 'get', action: 'Get an order', description: 'Get an order by its client order ID' },
			{ name: 'List Open', value: 'listOpen', action: 'List open orders', description: 'List the open orders, optionally of one symbol' },
			{
				name: 'List Unordered Alerts',
				value: 'listUnordered',
				action: 'List alerts never ordered',
				description: 'Alerts the trigger accepted that never reached a Broker Order (no journal entry, not rejected by Risk Check)',
			},
			{
				name: 'Place From Alert',
				value: 'place',
				action: 'Place from alert',
				description: 'Buy, sell, add, exit or cancel as the alert says, never twice for the same alert',
			},
		],
		default: 'place',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['position'] } },
		options: [
			{ name: 'Close', value: 'close', action: 'Close a position', description: 'Close the position in one symbol' },
			{ name: 'Close All', value: 'closeAll', action: 'Close all positions', description: 'Close every open position' },
			{ name: 'Get', value: 'get', action: 'Get a position', description: 'Get the position in one symbol' },
			{ name: 'List', value: 'list', action: 'List positions', description: 'List every open position' },
			{
				name: 'Reconcile',
				value: 'reconcile',
				action: 'Reconcile positions with the journal',
				description: "Compare each symbol's position with what the order journal says it should be",
			},
		],
		default: 'list',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [{ name: 'Get', value: 'get', action: 'Get the account', description: 'Cash, equity and buying power' }],
		default: 'get',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['price'] } },
		options: [
			{
				name: 'Update',
				value: 'update',
				action: 'Update a price',
				description: "Feed a symbol's price to the Paper broker: fills the resting orders, take profits and stops it crosses, moves trailing stops",
			},
		],
		default: 'update',
	},
];
