import type { INodeProperties } from 'n8n-workflow';

const showForPlace = { show: { resource: ['order'], operation: ['place'] } };

/** A field read from the trigger's normalised alert by default; any expression or value works. */
function alertField(displayName: string, name: string, expression: string, description: string): INodeProperties {
	return { displayName, name, type: 'string', default: `={{ ${expression} }}`, displayOptions: showForPlace, description };
}

export const orderPlaceProperties: INodeProperties[] = [
	alertField('Alert ID', 'alertId', '$json.alertId', 'Makes the client order ID: the same alert never orders twice'),
	alertField('Action', 'action', '$json.action', 'Buy, sell, add, exit (close the position) or cancel (cancel open orders)'),
	alertField('Symbol', 'symbol', '$json.symbol', 'The instrument, as the broker names it'),
	alertField('Side', 'side', '$json.side', 'Buy or sell; needed for "add" alerts'),
	alertField('Quantity', 'quantity', '$json.quantity', 'Units to order when sizing by the alert quantity'),
	alertField('Order Type', 'orderType', '$json.orderType', 'Market, limit, stop or stop_limit'),
	alertField('Price', 'price', '$json.price', 'The alert price: the paper broker fills market orders at it'),
	alertField('Limit Price', 'limitPrice', '$json.limitPrice', 'For limit and stop-limit orders'),
	alertField('Stop Price', 'stopPrice', '$json.stopPrice', 'For stop and stop-limit orders'),
	alertField('Time in Force', 'timeInForce', '$json.timeInForce', 'Day, gtc, ioc, fok, opg or cls; empty uses the default below'),
	alertField('Take Profit Price', 'takeProfitPrice', '$json.takeProfit?.limitPrice', 'Bracket take-profit, where the broker supports it'),
	alertField('Stop Loss Price', 'stopLossPrice', '$json.stopLoss?.stopPrice', 'Bracket stop-loss; also the stop for risk-based sizing'),
	alertField('Sentiment', 'sentiment', '$json.sentiment', 'Long, short or flat; flat closes the position'),
	alertField('Target Position', 'targetPosition', '$json.strategy?.targetPosition', "The strategy's signed position after this order (target-position mode)"),
	alertField('Previous Target Position', 'prevTargetPosition', '$json.strategy?.prevTargetPosition', "The strategy's signed position before this order, to report drift"),
	{
		displayName: 'Sizing',
		name: 'sizingMode',
		type: 'options',
		displayOptions: showForPlace,
		options: [
			{ name: 'Alert Quantity', value: 'alert', description: 'The quantity the alert carries' },
			{ name: 'Amount (Account Currency)', value: 'notional', description: 'Spend this amount: amount ÷ price' },
			{ name: 'Fixed Quantity', value: 'fixed', description: 'Always this many units' },
			{ name: 'Percent of Equity', value: 'percentOfEquity', description: 'This percent of the account equity ÷ price' },
			{ name: 'Risk Percent of Equity', value: 'riskPercent', description: 'Risk this percent of equity: (equity × %) ÷ |price − stop loss|' },
		],
		default: 'alert',
	},
	{
		displayName: 'Sizing Value',
		name: 'sizingValue',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		displayOptions: { show: { resource: ['order'], operation: ['place'], sizingMode: ['fixed', 'notional', 'percentOfEquity', 'riskPercent'] } },
		description: 'Units, amount, or percent, depending on the sizing',
	},
	{
		displayName: 'Options',
		name: 'placeOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showForPlace,
		options: [
			{
				displayName: 'Default Time in Force',
				name: 'defaultTimeInForce',
				type: 'options',
				options: [
					{ name: 'Day', value: 'day' },
					{ name: 'Fill or Kill', value: 'fok' },
					{ name: 'Good Till Canceled', value: 'gtc' },
					{ name: 'Immediate or Cancel', value: 'ioc' },
				],
				default: 'gtc',
				description: 'Used when the alert gives none',
			},
			{
				displayName: 'Dry Run',
				name: 'dryRun',
				type: 'boolean',
				default: false,
				description: 'Whether to build and validate the exact request and return it without sending anything',
			},
			{
				displayName: 'Max Attempts',
				name: 'maxAttempts',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10 },
				default: 4,
				description: 'Attempts for network errors, rate limits and broker outages, with the same client order ID; rejections are never retried',
			},
			{
				displayName: 'Quantity Step',
				name: 'quantityStep',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Round quantities down to a multiple of this (e.g. 1 for whole shares); 0 leaves them as they are',
			},
			{
				displayName: 'Reverse on Opposite Signal',
				name: 'reverse',
				type: 'boolean',
				default: false,
				description: 'Whether a buy while short (or a sell while long) first closes the position, then opens the new one',
			},
			{
				displayName: 'Target Position Mode',
				name: 'targetPositionMode',
				type: 'boolean',
				default: false,
				description: "Whether to order the difference between the strategy's target position and the broker's position, so resent, late or missed alerts converge instead of doubling",
			},
		],
	},
];
