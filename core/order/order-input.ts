import { z } from 'zod';

import { BROKER_ORDER_TYPES, BROKER_TIME_IN_FORCE } from '../brokers/broker';
import { ALERT_ACTIONS, ORDER_SIDES, QUANTITY_TYPES, SENTIMENTS, STOP_LOSS_TYPES } from '../signal/normalised-alert';

// What the Broker Order node reads for one item. Its parameters default to expressions over the
// trigger's normalised alert, so values arrive as numbers, numeric strings, '' or null.

const absent = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

const optionalNumber = z.preprocess(
	(value) => (absent(value) ? null : typeof value === 'string' ? Number(value.trim()) : value),
	z.number({ invalid_type_error: 'must be a number' }).finite('must be a finite number').nullable(),
);
const positiveNumber = optionalNumber.refine((value) => value === null || value > 0, 'must be greater than 0');
const optionalWord = <T extends readonly [string, ...string[]]>(words: T) =>
	z.preprocess(
		(value) => (absent(value) ? null : typeof value === 'string' ? value.trim().toLowerCase() : value),
		z.enum(words).nullable(),
	);
const optionalText = z.preprocess(
	(value) => (absent(value) ? null : typeof value === 'number' ? String(value) : value),
	z.string().trim().min(1).nullable(),
);

export const SIZING_MODES = ['alert', 'alertMultiple', 'fixed', 'notional', 'percentOfEquity', 'riskPercent'] as const;
export type SizingMode = (typeof SIZING_MODES)[number];

export const alertOrderInputSchema = z.object({
	alertId: optionalText,
	action: optionalWord(ALERT_ACTIONS),
	side: optionalWord(ORDER_SIDES),
	sentiment: optionalWord(SENTIMENTS),
	symbol: z.preprocess((value) => (absent(value) ? null : value), z.string().trim().min(1).nullable()),
	quantity: positiveNumber,
	/** percent_of_position: quantity is the percent of the position an exit closes. */
	quantityType: optionalWord(QUANTITY_TYPES),
	orderType: optionalWord(BROKER_ORDER_TYPES),
	price: positiveNumber,
	limitPrice: positiveNumber,
	stopPrice: positiveNumber,
	timeInForce: optionalWord(BROKER_TIME_IN_FORCE),
	takeProfitPrice: positiveNumber,
	/** TradersPost-style exits measured from the entry's price (exit-prices.ts). */
	takeProfitPercent: positiveNumber,
	takeProfitAmount: positiveNumber,
	stopLossPrice: positiveNumber,
	stopLossPercent: positiveNumber,
	stopLossAmount: positiveNumber,
	/** stop (default), stop_limit (sent as a stop) or trailing_stop (trails by the percent or amount). */
	stopLossType: optionalWord(STOP_LOSS_TYPES),
	targetPosition: optionalNumber,
	prevTargetPosition: optionalNumber,
});

export type AlertOrderInput = z.infer<typeof alertOrderInputSchema>;

export const orderSettingsSchema = z.object({
	sizingMode: z.enum(SIZING_MODES),
	/** Multiplier, fixed quantity, notional amount, percent of equity or percent of equity at risk. */
	sizingValue: z.number().finite().nonnegative(),
	/** Round quantities down to a multiple of this; 0 leaves them as they are. */
	quantityStep: z.number().finite().nonnegative(),
	targetPositionMode: z.boolean(),
	reverse: z.boolean(),
	defaultTimeInForce: z.enum(BROKER_TIME_IN_FORCE),
	/** Sized quantities above this are lowered to it; null: no cap. */
	maxSizedQuantity: z.number().finite().positive().nullable().default(null),
});

export type OrderSettings = z.infer<typeof orderSettingsSchema>;
export type OrderSettingsInput = z.input<typeof orderSettingsSchema>;
