import { z } from 'zod';

import { ALERT_ACTIONS, MARKET_POSITIONS, ORDER_SIDES, SENTIMENTS } from '../signal/normalised-alert';

// What Risk Check reads from an item: the TradingView Trigger's fields, any others ignored.
// Absent and null are the same here, so items shaped by a Set node work too.
const optionalNumber = z.number().finite().nullish().transform((value) => value ?? null);
const optionalString = z.string().nullish().transform((value) => value ?? null);

export const riskInputSchema = z.object({
	symbol: z.string().trim().min(1),
	exchange: optionalString,
	action: z.enum(ALERT_ACTIONS),
	side: z.enum(ORDER_SIDES).nullish().transform((value) => value ?? null),
	sentiment: z.enum(SENTIMENTS).nullish().transform((value) => value ?? null),
	quantity: z.number().finite().positive().nullish().transform((value) => value ?? null),
	price: optionalNumber,
	limitPrice: optionalNumber,
	alertId: optionalString,
	strategy: z
		.object({
			marketPosition: z.enum(MARKET_POSITIONS).nullish(),
			targetPosition: optionalNumber,
			prevTargetPosition: optionalNumber,
		})
		.passthrough()
		.nullish()
		.transform((value) => value ?? null),
});

export type RiskInput = z.infer<typeof riskInputSchema>;
