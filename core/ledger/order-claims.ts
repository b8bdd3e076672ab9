// Who may send an order: the client order id is claimed in the ledger before anything goes to the
// broker, so that two executions of one alert (a duplicate window of 0, a manual re-run beside a
// live one, several n8n processes on one PostgreSQL ledger) never both send it. Brokers such as
// Binance, OANDA or an exchange through ccxt refuse a reused client order id only while the first
// order is open, so the broker alone cannot stop the second one.

/**
 * - `sending`: the owner is placing the order (or crashed while doing so).
 * - `placed`: the broker took it.
 * - `refused`: the broker refused it outright (invalid, funds, credentials, unsupported).
 * - `not_sent`: the owner gave up before anything reached the broker.
 * - `unknown`: the broker may or may not have it (no answer, 5xx, 429, an unexpected error).
 */
export type OrderClaimState = 'sending' | 'placed' | 'refused' | 'not_sent' | 'unknown';

/** States after which a new attempt may claim the id again at once: nothing stands at the broker. */
export const RECLAIMABLE_CLAIM_STATES: readonly OrderClaimState[] = ['refused', 'not_sent'];
/** States a stale claim may be taken over from, after the broker was asked and has no such order. */
export const TAKEOVER_CLAIM_STATES: readonly OrderClaimState[] = ['sending', 'unknown'];

export type SettledClaimState = Exclude<OrderClaimState, 'sending'>;

/**
 * A claim's owner: one placement (a random token) in one n8n process (process-identity.ts), so
 * that a second execution can tell a holder whose process stopped beating from a live one.
 */
export function claimOwner(token: string, process: string): string {
	return `${token}@${process}`;
}

/** The process a claim's owner names; null for an owner that names none (written before owners did). */
export function ownerProcess(owner: string): string | null {
	const at = owner.indexOf('@');
	return at < 0 || at === owner.length - 1 ? null : owner.slice(at + 1);
}

export interface OrderClaimRequest {
	clientOrderId: string;
	/** `<workflowId>/<nodeId>` of the Broker Order node. */
	scope: string;
	broker: string;
	alertId: string | null;
	/** A token unique to one placeOnce call: only its holder settles or renews the claim. */
	owner: string;
	at: Date;
}

export interface StoredOrderClaim {
	clientOrderId: string;
	scope: string;
	broker: string;
	alertId: string | null;
	owner: string;
	/** When the current owner claimed (or last renewed) it, ms since the epoch. */
	claimedAtMs: number;
	state: OrderClaimState;
	settledAt: string | null;
	/** Outcome summary (broker order id, error); never a credential. */
	detail: unknown;
}

export type OrderClaimResult =
	/** `previous`: the refused or not-sent claim this one replaced, null for a first claim. */
	| { claimed: true; previous: StoredOrderClaim | null }
	| { claimed: false; holder: StoredOrderClaim };

export interface OrderClaims {
	/**
	 * Claims the client order id for `request.owner`, atomically across connections and
	 * processes: it succeeds when nobody claimed the id yet, or when the last claim ended with
	 * nothing standing at the broker (refused, not sent). Otherwise it returns the holder's claim.
	 */
	claim(request: OrderClaimRequest): Promise<OrderClaimResult>;
	/**
	 * Hands the claim from `fromOwner` to `request.owner` (and stamps `request.at` as its claim
	 * time), only while `fromOwner` still holds it in state `sending` or `unknown`; true when this
	 * call did. With `fromOwner === request.owner` it renews the caller's own claim and tells
	 * whether it still holds it.
	 */
	takeOverClaim(request: OrderClaimRequest, fromOwner: string): Promise<boolean>;
	/** Records the outcome; only the owner can, and only while sending. True when recorded. */
	settleClaim(clientOrderId: string, owner: string, state: SettledClaimState, at: Date, detail?: unknown): Promise<boolean>;
	getClaim(clientOrderId: string): Promise<StoredOrderClaim | null>;
	/** When `process` last wrote its heartbeat in this ledger (ms since the epoch); null if never. */
	processSeenAt(process: string): Promise<number | null>;
}
