import { PROCESS_STOPPED_AFTER_MS } from '../ledger/process-identity';

export interface RetryPolicy {
	/** Attempts in all, the first included. */
	maxAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8_000 };

/** "Full jitter" exponential backoff: a random wait up to base × 2^(attempt-1), capped. */
export function backoffDelayMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	return Math.floor(random() * ceiling);
}

/**
 * How placeOnce asks the broker whether it holds an order: after a retryable failure, and when
 * another execution holds the order's claim.
 */
export interface ReadBackPolicy {
	/**
	 * "Not found" answers, spread over the waits below, before an order is sent again to a broker
	 * that refuses a reused client order id only while the first order is open (an exchange may
	 * not show an order it has just taken); as many failed reads end it as ambiguous.
	 */
	confirmations: number;
	/** Wait before the i-th further read: base × 2^(i-1), capped (no jitter: reads are cheap). */
	baseDelayMs: number;
	maxDelayMs: number;
	/** How long, in waits summed, a second execution waits for the claim holder's order to show. */
	waitForHolderMs: number;
	/**
	 * A claim older than this, still `sending` or `unknown`, whose order the broker does not have,
	 * is taken as left by a crashed execution and may be taken over. Two minutes is well beyond a
	 * broker answer (timeouts are seconds) plus the default retries (≈ 15 s of backoff), and the
	 * holder renews its claim before every resend, so a live holder's claim does not go stale.
	 */
	staleClaimMs: number;
	/**
	 * A claim, still `sending` or `unknown`, whose owner names an n8n process that has written no
	 * heartbeat for this long is stale too: its process stopped (a worker killed mid-send), and
	 * Alert Recovery re-runs such an alert after the same silence.
	 */
	processStoppedMs: number;
}

export const DEFAULT_READ_BACK_POLICY: ReadBackPolicy = {
	confirmations: 3,
	baseDelayMs: 500,
	maxDelayMs: 4_000,
	waitForHolderMs: 20_000,
	staleClaimMs: 120_000,
	processStoppedMs: PROCESS_STOPPED_AFTER_MS,
};

/** The wait before read number `read + 1` (read ≥ 1). */
export function readBackDelayMs(policy: ReadBackPolicy, read: number): number {
	return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (read - 1));
}
