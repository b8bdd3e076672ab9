import { z } from 'zod';

/** What the Reconcile operation is asked for; the node reads its parameters into this. */
export const reconcileSettingsSchema = z.object({
	/** The account the journal entries were placed on (account-key.ts). */
	account: z.string().trim().min(1, 'is required'),
	/** Differences up to this many units are a match. */
	tolerance: z.number().finite().nonnegative().default(0),
	/** Symbols held outside the strategy, compared without exchange prefix or punctuation. */
	ignoreSymbols: z.array(z.string().trim().min(1)).default([]),
	/** Ask the broker about orders the journal last saw open, or whose outcome it does not know. */
	readBack: z.boolean().default(true),
	/** Put an alert-shaped correction on each drifting symbol, for Risk Check and Broker Order. */
	correctToExpected: z.boolean().default(false),
});

export type ReconcileSettings = z.infer<typeof reconcileSettingsSchema>;

/** `BNBUSDT, ETH` → ['BNBUSDT', 'ETH']. */
export function symbolList(text: unknown): string[] {
	if (typeof text !== 'string') return [];
	return text
		.split(/[,\s]+/)
		.map((symbol) => symbol.trim())
		.filter((symbol) => symbol !== '');
}
