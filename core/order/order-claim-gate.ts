import type { Broker, BrokerOrder } from '../brokers/broker';
import { ownerProcess, TAKEOVER_CLAIM_STATES, type OrderClaimRequest, type OrderClaims, type StoredOrderClaim } from '../ledger/order-claims';
import { NotSentError, PlacingElsewhereError } from './placement-errors';
import { readBackSeries, readOnce } from './read-back';
import { readBackDelayMs, type ReadBackPolicy } from './retry-policy';

export interface ClaimGateContext {
	broker: Broker;
	claims: OrderClaims;
	/** This placement's claim, stamped now. */
	request: () => OrderClaimRequest;
	/** This n8n process (process-identity.ts): its own claims are never taken for a stopped process's. */
	process: string;
	policy: ReadBackPolicy;
	now: () => Date;
	sleep: (ms: number) => Promise<void>;
}

/**
 * `mine`: this placement holds the claim and is the one to send (`replaced`: the refused, unsent
 * or stale claim it took the id from). `found`: another execution holds it and the broker has
 * its order.
 */
export type ClaimGate = { kind: 'mine'; replaced: StoredOrderClaim | null; tookOver: boolean } | { kind: 'found'; order: BrokerOrder; holder: StoredOrderClaim };

/**
 * Claims the order's client order id before anything is sent. When another execution holds it,
 * nothing is sent: the broker is asked for the holder's order, again and again over a bounded
 * wait (the holder may still be sending it). A claim that ends refused or unsent is claimed
 * again; a stale one (older than `staleClaimMs`, or held by a process that stopped beating: its
 * holder crashed) is taken over, but only once the broker has said several times that it has no
 * such order. Otherwise the wait ends in PlacingElsewhereError: the order may yet appear.
 */
export async function acquireClaim(context: ClaimGateContext): Promise<ClaimGate> {
	let first;
	try {
		first = await context.claims.claim(context.request());
	} catch (error) {
		throw new NotSentError('The order claim could not be written to the ledger', error);
	}
	if (first.claimed) return { kind: 'mine', replaced: first.previous, tookOver: false };

	const { broker, policy } = context;
	const clientOrderId = context.request().clientOrderId;
	let holder = first.holder;
	let waited = 0;
	for (let round = 1; ; round++) {
		const stale = await isStale(holder, context);
		const answer = stale ? await readBackSeries(broker, clientOrderId, policy, context.sleep) : await readOnce(broker, clientOrderId);
		if (answer.kind === 'found') return { kind: 'found', order: answer.order, holder };
		if (stale && answer.kind === 'absent') {
			const tookOver = await context.claims.takeOverClaim(context.request(), holder.owner).catch(() => false);
			if (tookOver) return { kind: 'mine', replaced: holder, tookOver: true };
		}
		if (waited >= policy.waitForHolderMs) break;
		const delay = readBackDelayMs(policy, round);
		await context.sleep(delay);
		waited += delay;
		// The holder may have finished meanwhile: refused or unsent leaves the id free to claim.
		const again = await context.claims.claim(context.request()).catch(() => null);
		if (again?.claimed) return { kind: 'mine', replaced: again.previous, tookOver: false };
		if (again) holder = again.holder;
	}
	throw new PlacingElsewhereError(holderMessage(holder, broker.name, clientOrderId, waited), clientOrderId);
}

async function isStale(holder: StoredOrderClaim, context: ClaimGateContext): Promise<boolean> {
	if (!TAKEOVER_CLAIM_STATES.includes(holder.state)) return false;
	const now = context.now().getTime();
	if (now - holder.claimedAtMs >= context.policy.staleClaimMs) return true;
	const process = ownerProcess(holder.owner);
	if (process === null || process === context.process) return false;
	const seenAt = await context.claims.processSeenAt(process).catch(() => undefined);
	// Unreadable: not known to have stopped. Never seen: its claim is its last sign of life.
	if (seenAt === undefined) return false;
	return now - Math.max(seenAt ?? 0, holder.claimedAtMs) >= context.policy.processStoppedMs;
}

function holderMessage(holder: StoredOrderClaim, broker: string, clientOrderId: string, waitedMs: number): string {
	const since = new Date(holder.claimedAtMs).toISOString();
	const seconds = Math.round(waitedMs / 1000);
	const what =
		holder.state === 'placed'
			? `was already placed by another execution (claimed ${since}), but ${broker} did not return it within ${seconds} s`
			: `is being placed by another execution (claimed ${since}, ${holder.state}) and ${broker} did not show it within ${seconds} s`;
	return `Order ${clientOrderId} ${what}. It was not sent again; check the broker before re-running.`;
}
