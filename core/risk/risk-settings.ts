import { z } from 'zod';

import { orderSettingsSchema } from '../order/order-input';
import { ALERT_ACTIONS } from '../signal/normalised-alert';
import { isValidTimeZone, WEEKDAYS } from './local-time';

// Risk Check's settings, built by the node from its parameters. Every rule is optional: null or
// an empty list switches it off.

const positive = z.number().finite().positive();
const count = z.number().int().positive();
const timeZone = z.string().refine(isValidTimeZone, (value) => ({ message: `"${value}" is not an IANA time zone such as America/New_York` }));
export const LIMIT_MODES = ['reject', 'clamp'] as const;
export const RATE_WINDOWS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;
/** Reservations are kept this long (see RESERVATION_RETENTION_DAYS), so no window may be longer. */
export const LONGEST_WINDOW_MS = 366 * RATE_WINDOWS.day;
/** Old reservations are deleted after this many days; every counter looks back less far. */
export const RESERVATION_RETENTION_DAYS = 400;

const timeWindowSchema = z.object({
	startMinute: z.number().int().min(0).max(1439),
	endMinute: z.number().int().min(0).max(1440),
});

export const riskSettingsSchema = z.object({
	/** Whose counters: this node (`<workflowId>/<nodeId>`) or a name shared by several nodes. */
	book: z.string().min(1),
	maxQuantity: z.object({ limit: positive, mode: z.enum(LIMIT_MODES) }).nullable(),
	maxNotional: z.object({ limit: positive, mode: z.enum(LIMIT_MODES), fallbackPrice: positive.nullable() }).nullable(),
	/** Clamped quantities are rounded down to this step (the broker's lot size). */
	quantityStep: positive.nullable(),
	symbolAllowlist: z.array(z.string().trim().min(1)),
	symbolBlocklist: z.array(z.string().trim().min(1)),
	/** Null lets every action through. */
	allowedActions: z.array(z.enum(ALERT_ACTIONS)).min(1).nullable(),
	session: z
		.object({
			timeZone,
			days: z.array(z.enum(WEEKDAYS)).min(1),
			windows: z.array(timeWindowSchema).min(1),
			letExitsThrough: z.boolean(),
		})
		.nullable(),
	rateLimits: z.array(
		z
			.object({ per: z.enum(['symbol', 'total']), max: count, window: z.enum(['minute', 'hour', 'day']), size: count })
			.refine((rate) => RATE_WINDOWS[rate.window] * rate.size <= LONGEST_WINDOW_MS, { message: 'a window may be at most 366 days long' }),
	),
	cooldownMs: z.number().int().positive().max(LONGEST_WINDOW_MS, 'a cooldown may be at most 366 days long').nullable(),
	maxOrdersPerDay: z.object({ max: count, timeZone }).nullable(),
	/** Read from the account orders go to (positions at check time; see position-rules.ts). */
	positionLimits: z
		.object({ maxPositionPerSymbol: positive.nullable(), maxOpenPositions: count.nullable(), maxGrossExposure: positive.nullable() })
		.nullable(),
	/** Stops entries once the day's loss reaches `limit`; the day starts at midnight in `timeZone`. */
	dailyLoss: z.object({ limit: positive, timeZone }).nullable(),
	/** Rejects every entry while this named switch is on. */
	killSwitch: z.string().trim().min(1).nullable(),
	/** An unconfirmed reservation (the order never reached Broker Order) stops counting after this. */
	reservationTtlMs: z.number().int().positive(),
	/** How the alert becomes orders: the same settings as the Broker Order node, so both plan alike. */
	plan: orderSettingsSchema,
});

export type RiskSettings = z.infer<typeof riskSettingsSchema>;
export type RateLimit = RiskSettings['rateLimits'][number];
