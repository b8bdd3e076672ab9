import type { INodeProperties } from 'n8n-workflow';

import { ALERT_ITEM_PATHS } from '../../../core/order/alert-item-fields';
import type { AlertOrderInput } from '../../../core/order/order-input';
import { maxSizedQuantityProperty, reverseProperty, sizingModeOptions, sizingValueDescription, targetPositionModeProperty } from '../../shared/order-plan-properties';

const showForPlace = { show: { resource: ['order'], operation: ['place'] } };

/** A field read from the trigger's normalised alert by default; any expression or value works. */
function alertField(displayName: string, name: keyof AlertOrderInput, description: string): INodeProperties {
	return { displayName, name, type: 'string', default: `={{ $json.${ALERT_ITEM_PATHS[name]} }}`, displayOptions: showForPlace, description };
}

/** Sizing comes right after the operation: with Broker, Resource and Operation it is what a user sets. */
export const sizingProperties: INodeProperties[] = [
	{
		displayName: 'Sizing',
		name: 'sizingMode',
		type: 'options',
		displayOptions: showForPlace,
		options: sizingModeOptions,
		default: 'alert',
	},
	{
		displayName: 'Sizing Value',
		name: 'sizingValue',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		displayOptions: { show: { resource: ['order'], operation: ['place'], sizingMode: ['alertMultiple', 'fixed', 'notional', 'percentOfEquity', 'riskPercent'] } },
		description: sizingValueDescription,
	},
];

/**
 * The alert's fields, each an ordinary parameter whose default reads the TradingView Trigger's
 * output. A section header gathers them below the settings a user changes; their names stay
 * top-level, as saved workflows have them.
 */
export const alertFieldProperties: INodeProperties[] = [
	{
		displayName: "Alert fields (defaults read the TradingView Trigger's output)",
		name: 'alertFieldsHeader',
		type: 'notice',
		typeOptions: { sectionHeader: true },
		default: '',
		displayOptions: showForPlace,
	},
	alertField('Alert ID', 'alertId', 'Makes the client order ID: the same alert never orders twice'),
	alertField('Action', 'action', 'Buy, sell, add, exit (close the position, or the alert quantity of it) or cancel (cancel open orders)'),
	alertField('Symbol', 'symbol', 'The instrument, as the broker names it'),
	alertField('Side', 'side', 'Buy or sell; needed for "add" alerts'),
	alertField('Quantity', 'quantity', 'Units to order when sizing by the alert quantity'),
	alertField('Quantity Type', 'quantityType', 'Empty or fixed_quantity: Quantity is in units; percent_of_position: Quantity is the percent of the position an exit closes'),
	alertField('Order Type', 'orderType', 'Market, limit, stop or stop_limit'),
	alertField('Price', 'price', 'The alert price: the paper broker fills market orders at it'),
	alertField('Limit Price', 'limitPrice', 'For limit and stop-limit orders'),
	alertField('Stop Price', 'stopPrice', 'For stop and stop-limit orders'),
	alertField('Time in Force', 'timeInForce', 'Day, gtc, ioc, fok, opg or cls; empty uses the default below'),
	alertField('Take Profit Price', 'takeProfitPrice', 'Bracket take-profit, where the broker supports it'),
	alertField('Take Profit Percent', 'takeProfitPercent', "Take-profit this percent from the entry's price (its limit, stop, else the alert price), used when no price is given"),
	alertField('Take Profit Amount', 'takeProfitAmount', "Take-profit this many price units from the entry's price, used when no price is given"),
	alertField('Stop Loss Price', 'stopLossPrice', 'Bracket stop-loss; also the stop for risk-based sizing'),
	alertField('Stop Loss Percent', 'stopLossPercent', "Stop-loss this percent from the entry's price; with type trailing_stop, the trail"),
	alertField('Stop Loss Amount', 'stopLossAmount', "Stop-loss this many price units from the entry's price; with type trailing_stop, the trail"),
	alertField('Stop Loss Type', 'stopLossType', 'Stop (default) or trailing_stop: trails the best price since the fill by the percent or amount (Paper; Binance by percent)'),
	alertField('Sentiment', 'sentiment', 'Long, short or flat; flat closes the position'),
	alertField('Target Position', 'targetPosition', "The strategy's signed position after this order (target-position mode)"),
	alertField('Previous Target Position', 'prevTargetPosition', "The strategy's signed position before this order, to report drift"),
];

export const placeOptionsProperty: INodeProperties = {
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
			displayName: 'Exit Fill Wait (Seconds)',
			name: 'exitFillWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 300 },
			default: 15,
			description:
				"A reversal's entry is sent only once its exit is filled (or the position reads back flat). How long to wait for that; after it the entry is not sent and the node fails.",
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
		maxSizedQuantityProperty,
		reverseProperty,
		targetPositionModeProperty,
		{
			displayName: 'Wait for Earlier Alerts (Seconds)',
			name: 'alertOrderWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 600 },
			default: 30,
			description:
				"Orders for a symbol go out in the order the workflow's trigger accepted the alerts: an alert waits until the earlier alerts for its symbol have finished, each holding the symbol at most this long after it was accepted. 0 sends at once.",
		},
	],
};
