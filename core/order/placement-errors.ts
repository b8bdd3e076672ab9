// Errors of placeOnce itself, as opposed to the broker's: they tell the caller whether an order
// may exist, which decides whether Risk Check's reservation is kept or released.

/** placeOnce stopped before anything reached the broker (the claim or the first journal write failed). */
export class NotSentError extends Error {
	constructor(
		message: string,
		readonly cause: unknown,
	) {
		super(`${message}: ${(cause as Error)?.message ?? String(cause)}. Nothing was sent to the broker.`);
		this.name = new.target.name;
	}
}

/** Whether the order exists cannot be told: nothing may be sent again before someone checks. */
export class OrderOutcomeUnknownError extends Error {
	constructor(
		message: string,
		readonly clientOrderId: string,
		readonly cause?: unknown,
	) {
		super(message);
		this.name = new.target.name;
	}
}

/** Another execution holds the order's claim and the broker does not show its order yet. */
export class PlacingElsewhereError extends OrderOutcomeUnknownError {}

/** An alert's first legs were placed and a later one failed: the orders placed exist. */
export class PartiallyPlacedError extends Error {
	constructor(
		readonly cause: unknown,
		readonly placedClientOrderIds: string[],
	) {
		super(`${(cause as Error)?.message ?? String(cause)} (after placing ${placedClientOrderIds.join(', ')})`);
		this.name = new.target.name;
	}
}

/** The broker error behind a placement error, for the node's error mapping. */
export function rootCause(error: unknown): unknown {
	return error instanceof NotSentError || error instanceof PartiallyPlacedError ? error.cause : error;
}

/** A reversal's exit was placed but not confirmed filled: its entry was not sent. */
export class ExitNotFilledError extends Error {
	readonly code = 'exit_not_filled';
	constructor(reason: string) {
		super(`The reversal's entry was not sent: ${reason}`);
		this.name = new.target.name;
	}
}
