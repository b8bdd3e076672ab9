import { alertOrderInputSchema, type AlertOrderInput } from './order-input';

/**
 * Where each order field sits in the TradingView Trigger's item. Broker Order's default field
 * expressions are built from it and Risk Check reads the item through it, so both plan from the
 * same values.
 */
export const ALERT_ITEM_PATHS: Record<keyof AlertOrderInput, string> = {
	alertId: 'alertId',
	action: 'action',
	symbol: 'symbol',
	side: 'side',
	quantity: 'quantity',
	quantityType: 'quantityType',
	orderType: 'orderType',
	price: 'price',
	limitPrice: 'limitPrice',
	stopPrice: 'stopPrice',
	timeInForce: 'timeInForce',
	takeProfitPrice: 'takeProfit?.limitPrice',
	takeProfitPercent: 'takeProfit?.percent',
	takeProfitAmount: 'takeProfit?.amount',
	stopLossPrice: 'stopLoss?.stopPrice',
	stopLossPercent: 'stopLoss?.percent',
	stopLossAmount: 'stopLoss?.amount',
	stopLossType: 'stopLoss?.type',
	sentiment: 'sentiment',
	targetPosition: 'strategy?.targetPosition',
	prevTargetPosition: 'strategy?.prevTargetPosition',
};

function readPath(json: unknown, path: string): unknown {
	let value: unknown = json;
	for (const key of path.split(/\??\./)) {
		if (value === null || typeof value !== 'object') return null;
		value = (value as Record<string, unknown>)[key];
	}
	return value ?? null;
}

/** The order input an item carries, read as Broker Order's default expressions read it. */
export function orderInputFromItem(json: unknown) {
	const raw: Record<string, unknown> = {};
	for (const [field, path] of Object.entries(ALERT_ITEM_PATHS)) raw[field] = readPath(json, path);
	return alertOrderInputSchema.safeParse(raw);
}
