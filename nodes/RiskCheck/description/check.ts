import type { INodeProperties } from 'n8n-workflow';

import { BROKER_OPTIONS } from '../../shared/brokers/broker-options';
import { ALERT_ACTIONS } from '../../../core/signal/normalised-alert';
import { WEEKDAYS } from '../../../core/risk/local-time';
import { maxSizedQuantityProperty, reverseProperty, sizingModeOptions, sizingValueDescription, targetPositionModeProperty } from '../../shared/order-plan-properties';

const showForCheck = { show: { operation: ['check'] } };
const limitModeOptions = [
	{ name: 'Reject the Order', value: 'reject' },
	{ name: 'Clamp the Quantity Down to the Limit', value: 'clamp' },
];
const dayNames: Record<(typeof WEEKDAYS)[number], string> = {
	mon: 'Monday',
	tue: 'Tuesday',
	wed: 'Wednesday',
	thu: 'Thursday',
	fri: 'Friday',
	sat: 'Saturday',
	sun: 'Sunday',
};

/** The check's notice and where positions come from; the credential selector follows them. */
export const checkSourceProperties: INodeProperties[] = [
	{
		displayName:
			'Risk Check plans the orders the alert becomes, with the Order Plan below (set it as in your Broker Order node) and the position from Positions and P&L From, and judges those orders. Pass gets the items that met every rule, with an approval; Broker Order never sends an order outside what was approved. Reject gets the others with the reasons in risk.reasons. Orders that only close or reduce a position are never stopped by the size limits, the counters, the position and loss rules, the kill switch or a session that lets exits through.',
		name: 'checkNotice',
		type: 'notice',
		default: '',
		displayOptions: showForCheck,
	},
	{
		displayName: 'Positions and P&L From',
		name: 'positionSource',
		type: 'options',
		noDataExpression: true,
		options: BROKER_OPTIONS.map(({ name, value }) => ({ name, value })),
		default: 'paper',
		displayOptions: showForCheck,
		description: 'The account the orders go to: the plan reads its position (exits, reversals, target positions) and the position, exposure and daily loss rules read it',
	},
];

export const checkPaperAccountProperties: INodeProperties[] = [
	{
		displayName: 'Paper Account',
		name: 'paperAccount',
		type: 'string',
		default: 'default',
		displayOptions: { show: { operation: ['check'], positionSource: ['paper'] } },
		description: 'The Paper Account name your Broker Order node uses',
	},
];

export const checkProperties: INodeProperties[] = [
	{
		displayName: 'Kill Switch',
		name: 'killSwitch',
		type: 'string',
		default: 'main',
		displayOptions: showForCheck,
		description: 'Name of the kill switch this node obeys (set it with the Set Kill Switch operation). Empty: none.',
	},
	{
		displayName: 'Rules',
		name: 'rules',
		type: 'collection',
		placeholder: 'Add Rule',
		default: {},
		displayOptions: showForCheck,
		options: [
			{
				displayName: 'Allowed Actions',
				name: 'allowedActions',
				type: 'multiOptions',
				options: ALERT_ACTIONS.map((action) => ({ name: action[0].toUpperCase() + action.slice(1), value: action })),
				default: ['buy', 'sell', 'exit'],
				description: 'Alert actions that may pass',
			},
			{
				displayName: 'Cooldown per Symbol (Seconds)',
				name: 'cooldownSeconds',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 60,
				description: 'After an entry in a symbol, refuse further entries in it for this long',
			},
			{
				displayName: 'Daily Loss Limit',
				name: 'dailyLossLimit',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 500,
				description: 'Once the day\'s loss reaches this (account currency), entries are rejected until midnight in the Day Time Zone; exits still pass. Read from Positions and P&L From.',
			},
			{
				displayName: 'Day Time Zone',
				name: 'dayTimeZone',
				type: 'string',
				default: 'America/New_York',
				description: 'IANA time zone whose midnight starts a new day for Max Orders per Day',
			},
			{
				displayName: 'Max Gross Exposure',
				name: 'maxGrossExposure',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 50000,
				description: 'Sum of |quantity| × average price over all open positions plus this order\'s notional. Read from Positions and P&L From.',
			},
			{
				displayName: 'Max Notional per Order',
				name: 'maxNotional',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 10000,
				description: 'Quantity × price, in the quote currency. The price is the alert\'s limit price, else its price, else the fallback.',
			},
			{
				displayName: 'Max Notional: When Above',
				name: 'maxNotionalMode',
				type: 'options',
				options: limitModeOptions,
				default: 'reject',
			},
			{
				displayName: 'Max Open Positions',
				name: 'maxOpenPositions',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 5,
				description: 'An entry in a symbol not yet held is rejected when this many positions are open',
			},
			{
				displayName: 'Max Orders per Day',
				name: 'maxOrdersPerDay',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 10,
				description: 'Entries per calendar day in the Day Time Zone',
			},
			{
				displayName: 'Max Position per Symbol',
				name: 'maxPositionPerSymbol',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 10,
				description: 'The absolute position in the symbol after this order may not exceed this quantity',
			},
			{
				displayName: 'Max Quantity per Order',
				name: 'maxQuantity',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 1,
			},
			{
				displayName: 'Max Quantity: When Above',
				name: 'maxQuantityMode',
				type: 'options',
				options: limitModeOptions,
				default: 'reject',
			},
			{
				displayName: 'Notional Fallback Price',
				name: 'notionalFallbackPrice',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Price used for Max Notional when the alert carries none. 0: refuse such alerts.',
			},
			{
				displayName: 'Quantity Step',
				name: 'quantityStep',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Planned and clamped quantities are rounded down to a multiple of this (the lot size, as Quantity Step in Broker Order). 0: no rounding.',
			},
			{
				displayName: 'Symbol Allowlist',
				name: 'symbolAllowlist',
				type: 'string',
				default: '',
				placeholder: 'BINANCE:*, NASDAQ:AAPL, MSFT',
				description: 'Comma-separated; only these symbols pass. <code>*</code> stands for any text.',
			},
			{
				displayName: 'Symbol Blocklist',
				name: 'symbolBlocklist',
				type: 'string',
				default: '',
				placeholder: 'GME, *PERP',
				description: 'Comma-separated; these symbols never pass. <code>*</code> stands for any text.',
			},
		],
	},
	{
		displayName: 'Order Plan',
		name: 'orderPlan',
		type: 'collection',
		placeholder: 'Add Setting',
		default: {},
		displayOptions: showForCheck,
		description: "How an alert becomes orders: the same settings as your Broker Order node's Sizing and Options, so the orders judged are the orders sent",
		options: [
			maxSizedQuantityProperty,
			reverseProperty,
			{ displayName: 'Sizing', name: 'sizingMode', type: 'options', options: sizingModeOptions, default: 'alert' },
			{ displayName: 'Sizing Value', name: 'sizingValue', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: sizingValueDescription },
			targetPositionModeProperty,
		],
	},
	{
		displayName: 'Trading Session',
		name: 'tradingSession',
		type: 'fixedCollection',
		placeholder: 'Add Trading Session',
		default: {},
		displayOptions: showForCheck,
		options: [
			{
				displayName: 'Session',
				name: 'session',
				values: [
					{
						displayName: 'Time Zone',
						name: 'timeZone',
						type: 'string',
						default: 'America/New_York',
						description: 'IANA time zone of the windows; daylight saving follows it',
					},
					{
						displayName: 'Days',
						name: 'days',
						type: 'multiOptions',
						options: WEEKDAYS.map((day) => ({ name: dayNames[day], value: day })),
						default: ['mon', 'tue', 'wed', 'thu', 'fri'],
					},
					{
						displayName: 'Time Windows',
						name: 'windows',
						type: 'string',
						default: '09:30-16:00',
						description: 'Comma-separated, start included, end excluded; 22:00-02:00 runs over midnight',
					},
					{
						displayName: 'Let Exits Through Outside the Session',
						name: 'letExitsThrough',
						type: 'boolean',
						default: true,
					},
				],
			},
		],
	},
	{
		displayName: 'Rate Limits',
		name: 'rateLimits',
		type: 'fixedCollection',
		placeholder: 'Add Rate Limit',
		typeOptions: { multipleValues: true },
		default: {},
		displayOptions: showForCheck,
		options: [
			{
				displayName: 'Limit',
				name: 'limit',
				values: [
					{
						displayName: 'Count Orders',
						name: 'per',
						type: 'options',
						options: [
							{ name: 'Per Symbol', value: 'symbol' },
							{ name: 'In Total', value: 'total' },
						],
						default: 'symbol',
					},
					{
						displayName: 'Max Orders',
						name: 'max',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 5,
					},
					{
						displayName: 'Window Length',
						name: 'size',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 1,
					},
					{
						displayName: 'Window Unit',
						name: 'window',
						type: 'options',
						options: [
							{ name: 'Minute', value: 'minute' },
							{ name: 'Hour', value: 'hour' },
							{ name: 'Day (24 Hours)', value: 'day' },
						],
						default: 'hour',
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showForCheck,
		options: [
			{
				displayName: 'Counter Name',
				name: 'counterName',
				type: 'string',
				default: '',
				description: 'Risk Check nodes with the same name share their order counters (e.g. one per broker account). Empty: this node counts alone.',
			},
			{
				displayName: 'Reservation Expires After (Minutes)',
				name: 'reservationTtlMinutes',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 10,
				description: 'A passed entry that never reaches Broker Order (rejected by an approver, say) stops counting after this',
			},
		],
	},
];
