import type { INodeProperties } from 'n8n-workflow';

// The settings that turn an alert into orders. Broker Order and Risk Check both show them, so a
// user sets the same values in both and Risk Check judges the orders Broker Order will send.

export const sizingModeOptions = [
	{ name: 'Alert Quantity', value: 'alert', description: 'The quantity the alert carries' },
	{ name: 'Alert Quantity × Multiplier', value: 'alertMultiple', description: "The alert's quantity (and target position) times this multiplier, e.g. 0.5 on a smaller account of a group" },
	{ name: 'Amount (Account Currency)', value: 'notional', description: 'Spend this amount: amount ÷ price' },
	{ name: 'Fixed Quantity', value: 'fixed', description: 'Always this many units' },
	{ name: 'Percent of Equity', value: 'percentOfEquity', description: 'This percent of the account equity ÷ price' },
	{ name: 'Risk Percent of Equity', value: 'riskPercent', description: 'Risk this percent of equity: (equity × %) ÷ |price − stop loss|' },
];

export const sizingValueDescription = 'Multiplier, units, amount, or percent, depending on the sizing';

export const maxSizedQuantityProperty: INodeProperties = {
	displayName: 'Max Sized Quantity',
	name: 'maxSizedQuantity',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 0,
	description: 'A sized quantity above this is lowered to it (the equity and risk sizings can grow large); 0: no cap',
};

export const reverseProperty: INodeProperties = {
	displayName: 'Reverse on Opposite Signal',
	name: 'reverse',
	type: 'boolean',
	default: false,
	description: 'Whether a buy while short (or a sell while long) first closes the position, then opens the new one',
};

export const targetPositionModeProperty: INodeProperties = {
	displayName: 'Target Position Mode',
	name: 'targetPositionMode',
	type: 'boolean',
	default: false,
	description: "Whether to order the difference between the strategy's target position and the broker's position, so resent, late or missed alerts converge instead of doubling",
};
