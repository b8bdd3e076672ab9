import { z } from 'zod';

// The trigger's output contract, documented in the README. Absent values are `null`, never
// missing, so n8n expressions such as {{$json.limitPrice}} always resolve.

export const ALERT_ACTIONS = ['buy', 'sell', 'add', 'exit', 'cancel', 'breakeven', 'price'] as const;
export const ORDER_SIDES = ['buy', 'sell'] as const;
export const SENTIMENTS = ['long', 'short', 'flat'] as const;
export const ORDER_TYPES = ['market', 'limit', 'stop', 'stop_limit'] as const;
export const TIME_IN_FORCE = ['day', 'gtc', 'ioc', 'fok', 'opg', 'cls'] as const;
export const MARKET_POSITIONS = ['long', 'short', 'flat'] as const;
export const STOP_LOSS_TYPES = ['stop', 'stop_limit', 'trailing_stop'] as const;
/** How `quantity` counts (TradersPost's quantityType): units, or a percent of the open position. */
export const QUANTITY_TYPES = ['fixed_quantity', 'percent_of_position'] as const;

const positiveNumber = z.number().finite().positive();

export const takeProfitSchema = z.object({
	limitPrice: positiveNumber.nullable(),
	percent: positiveNumber.nullable(),
	amount: positiveNumber.nullable(),
});

export const stopLossSchema = z.object({
	type: z.enum(STOP_LOSS_TYPES).nullable(),
	stopPrice: positiveNumber.nullable(),
	limitPrice: positiveNumber.nullable(),
	percent: positiveNumber.nullable(),
	amount: positiveNumber.nullable(),
});

/** TradingView strategy placeholders, as rendered into the alert message. */
export const strategyInfoSchema = z.object({
	orderAction: z.enum(ORDER_SIDES).nullable(),
	orderContracts: z.number().finite().nonnegative().nullable(),
	orderPrice: positiveNumber.nullable(),
	orderId: z.string().nullable(),
	orderComment: z.string().nullable(),
	orderAlertMessage: z.string().nullable(),
	marketPosition: z.enum(MARKET_POSITIONS).nullable(),
	marketPositionSize: z.number().finite().nonnegative().nullable(),
	prevMarketPosition: z.enum(MARKET_POSITIONS).nullable(),
	prevMarketPositionSize: z.number().finite().nonnegative().nullable(),
	positionSize: z.number().finite().nullable(),
	/** The strategy's position after this order, signed: long > 0, short < 0, flat 0. */
	targetPosition: z.number().finite().nullable(),
	/** The strategy's position before this order, signed the same way. */
	prevTargetPosition: z.number().finite().nullable(),
});

/** What normalisation produces from the fields of one alert. */
export const alertSignalSchema = z.object({
	action: z.enum(ALERT_ACTIONS),
	side: z.enum(ORDER_SIDES).nullable(),
	sentiment: z.enum(SENTIMENTS).nullable(),
	symbol: z.string().min(1),
	exchange: z.string().min(1).nullable(),
	quantity: positiveNumber.nullable(),
	/** `percent_of_position`: quantity is a percent (at most 100) of the position, to exit part of it. */
	quantityType: z.enum(QUANTITY_TYPES).nullable(),
	orderType: z.enum(ORDER_TYPES),
	price: positiveNumber.nullable(),
	limitPrice: positiveNumber.nullable(),
	stopPrice: positiveNumber.nullable(),
	takeProfit: takeProfitSchema.nullable(),
	stopLoss: stopLossSchema.nullable(),
	timeInForce: z.enum(TIME_IN_FORCE).nullable(),
	/** ISO 8601 time the sender put in the alert (`alertTime`, `timenow`, `time`, `timestamp`). */
	alertTime: z.string().nullable(),
	interval: z.string().nullable(),
	strategy: strategyInfoSchema.nullable(),
	/** Fields the normaliser does not know, kept as sent (TradersPost `extras` merged in). */
	extra: z.record(z.unknown()),
});

/** The item the TradingView Trigger emits for an accepted alert. */
export const normalisedAlertSchema = alertSignalSchema.extend({
	alertId: z.string().min(1),
	receivedAt: z.string(),
	/** The body as received, every token value replaced by "[redacted]". */
	raw: z.unknown(),
});

export type AlertAction = (typeof ALERT_ACTIONS)[number];
export type QuantityType = (typeof QUANTITY_TYPES)[number];
export type OrderSide = (typeof ORDER_SIDES)[number];
export type TakeProfit = z.infer<typeof takeProfitSchema>;
export type StopLoss = z.infer<typeof stopLossSchema>;
export type StrategyInfo = z.infer<typeof strategyInfoSchema>;
export type AlertSignal = z.infer<typeof alertSignalSchema>;
export type NormalisedAlert = z.infer<typeof normalisedAlertSchema>;
