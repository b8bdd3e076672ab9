import { createHash } from 'node:crypto';

import { comparableSymbol } from '../order/comparable-symbol';

// "Correct To Expected": the difference between the broker and the journal as an alert-shaped
// item, for Risk Check and Broker Order's Place From Alert, so the correction is planned, checked
// and sent like any alert. Its fields tell the planner the strategy's move from the broker's
// position to the expected one: growing is an entry, shrinking or flattening is a reduce-only exit,
// and through zero it closes and then opens.

export interface CorrectionInput {
	account: string;
	symbol: string;
	expected: number;
	actual: number;
	/** The last journal event for the symbol: a correction placed since makes a new id. */
	lastEventId: number;
	/** A price for brokers that simulate fills (Paper); null when unknown. */
	price: number | null;
}

export interface CorrectionAlert {
	alertId: string;
	action: 'buy' | 'sell';
	side: 'buy' | 'sell';
	symbol: string;
	quantity: number;
	orderType: 'market';
	price: number | null;
	sentiment: 'long' | 'short' | 'flat';
	strategy: { targetPosition: number; prevTargetPosition: number };
}

/**
 * The same account, symbol, positions and journal give the same alert id, so running the
 * reconciliation twice on one state (a retried execution, two runs at once) orders once: the
 * client order ids come from the alert id. After any new journal entry for the symbol (the
 * correction's own order included) a drift found again gets a new id.
 */
export function correctionAlertId(input: CorrectionInput): string {
	const key = comparableSymbol(input.symbol);
	const digest = createHash('sha256')
		.update(['reconcile', input.account, key, String(input.expected), String(input.actual), String(input.lastEventId)].join('\n'), 'utf8')
		.digest('hex');
	return `reconcile-${key}-${digest.slice(0, 16)}`;
}

export function correctionAlert(input: CorrectionInput): CorrectionAlert {
	const difference = Math.round((input.expected - input.actual) * 1e9) / 1e9;
	const side = difference > 0 ? 'buy' : 'sell';
	return {
		alertId: correctionAlertId(input),
		action: side,
		side,
		symbol: input.symbol,
		quantity: Math.abs(difference),
		orderType: 'market',
		price: input.price,
		sentiment: input.expected > 0 ? 'long' : input.expected < 0 ? 'short' : 'flat',
		strategy: { targetPosition: input.expected, prevTargetPosition: input.actual },
	};
}
