import { randomUUID } from 'node:crypto';

import type { Broker, BrokerOrder, OrderIntent } from '../brokers/broker';
import { BrokerError, DuplicateClientOrderIdError } from '../brokers/broker-errors';
import { claimOwner, type OrderClaimRequest, type SettledClaimState } from '../ledger/order-claims';
import { PROCESS_ID } from '../ledger/process-identity';
import type { OrderJournal } from '../ledger/order-journal';
import { isDefiniteRefusal } from './broker-refusal';
import { acquireClaim } from './order-claim-gate';
import { NotSentError, OrderOutcomeUnknownError, PlacingElsewhereError } from './placement-errors';
import { attemptDetail, errorSummary, PlacementJournal } from './placement-journal';
import { readBackSeries, readOnce, type ReadBack } from './read-back';
import { backoffDelayMs, DEFAULT_READ_BACK_POLICY, type ReadBackPolicy, type RetryPolicy } from './retry-policy';
import { sleep as realSleep } from '../util/polling';

export interface PlaceOnceContext {
	broker: Broker;
	/** The ledger's order journal; it also holds the order claims (see OrderClaims). */
	journal: OrderJournal;
	scope: string;
	/**
	 * The account the broker trades on (`paper:<account>`, `<broker>:<credential id>`), written
	 * with the order's first journal entry so Reconcile can tell accounts apart (reconcile/).
	 */
	account?: string;
	retry: RetryPolicy;
	/** How orders are read back from the broker; DEFAULT_READ_BACK_POLICY when absent. */
	readBack?: ReadBackPolicy;
	now?: () => Date;
	sleep?: (ms: number) => Promise<void>;
	/** This n8n process, named in the claim's owner; PROCESS_ID when absent. */
	process?: string;
}

export interface PlacedOrder {
	order: BrokerOrder;
	/** The broker already had this client order id (a resend, a retried or a concurrent execution). */
	alreadyPlaced: boolean;
	/** Orders this call sent; 0 when another execution had placed it. */
	attempts: number;
	/** The broker holds the order, but the ledger could not record all of it (even on a second try). */
	journalWriteFailed?: true;
	journalError?: string;
}


const LOST_ANSWER = 'the broker took the order; its answer was lost';

/**
 * Places an order at most once, even when two executions handle the same alert at the same
 * instant: the client order id is first claimed in the ledger (order-claim-gate.ts), and only the
 * claimant sends. Network errors, 429 and 5xx are retried with the same client order id after a
 * jittered backoff, once the broker was asked whether it took the order after all (an answer lost
 * on the way back). A broker that refuses a reused id only while the first order is open
 * (`clientOrderIdUnique` not `forever`) is asked several times over a bounded wait, and is sent
 * the order again only when it keeps saying it has none; when it cannot be asked, nothing is
 * resent (OrderOutcomeUnknownError). A duplicate-id answer is resolved by reading the existing
 * order. Any other rejection is final. Once the order may be at the broker, a failing ledger
 * write no longer fails the placement (`journalWriteFailed`); before that it is a NotSentError.
 */
export async function placeOnce(intent: OrderIntent, context: PlaceOnceContext): Promise<PlacedOrder> {
	const { broker, journal } = context;
	const now = context.now ?? (() => new Date());
	const sleep = context.sleep ?? realSleep;
	const policy = context.readBack ?? DEFAULT_READ_BACK_POLICY;
	const process = context.process ?? PROCESS_ID;
	const owner = claimOwner(randomUUID(), process);
	const claimRequest = (): OrderClaimRequest => ({
		clientOrderId: intent.clientOrderId,
		scope: context.scope,
		broker: broker.name,
		alertId: intent.alertId,
		owner,
		at: now(),
	});
	const log = new PlacementJournal(journal, { scope: context.scope, broker: broker.name, alertId: intent.alertId, clientOrderId: intent.clientOrderId }, now);
	const withLedgerState = (placed: PlacedOrder): PlacedOrder =>
		log.failure === null ? placed : { ...placed, journalWriteFailed: true, journalError: log.failure };

	await log.beforeSend('attempt', attemptDetail(intent, context.account));
	const gate = await acquireClaim({ broker, claims: journal, request: claimRequest, process, policy, now, sleep }).catch(async (error: unknown) => {
		await log.afterSend('failed', { attempt: 0, error: errorSummary(error) });
		throw error;
	});
	if (gate.kind === 'found') {
		await log.afterSend('duplicate_resolved', { attempt: 0, order: gate.order, note: 'placed by another execution' });
		return withLedgerState({ order: gate.order, alreadyPlaced: true, attempts: 0 });
	}
	if (gate.replaced !== null) {
		await log.afterSend('attempt', { claim: gate.tookOver ? 'taken over from a stale claim' : 'claimed again', replaced: gate.replaced });
	}

	const settle = async (state: SettledClaimState, detail: unknown) =>
		await log.bestEffort('settle the order claim', async () => await journal.settleClaim(intent.clientOrderId, owner, state, now(), detail));
	try {
		const placed = await sendOwned(intent, context, { log, policy, sleep, claimRequest, owner });
		await settle('placed', { brokerOrderId: placed.order.brokerOrderId, status: placed.order.status });
		return withLedgerState(placed);
	} catch (error) {
		await settle(claimStateAfter(error), { error: errorSummary(error) });
		throw error;
	}
}

interface SendState {
	log: PlacementJournal;
	policy: ReadBackPolicy;
	sleep: (ms: number) => Promise<void>;
	claimRequest: () => OrderClaimRequest;
	owner: string;
}

/** The send-and-retry loop, run by the claim's holder only. */
async function sendOwned(intent: OrderIntent, context: PlaceOnceContext, state: SendState): Promise<PlacedOrder> {
	const { broker, journal, retry } = context;
	const { log, policy, sleep } = state;
	const whileOpen = broker.capabilities.clientOrderIdUnique !== 'forever';
	const readBack = async (): Promise<ReadBack> =>
		whileOpen ? await readBackSeries(broker, intent.clientOrderId, policy, sleep) : await readOnce(broker, intent.clientOrderId);
	const taken = async (attempt: number, order: BrokerOrder): Promise<PlacedOrder> => {
		await log.afterSend('duplicate_resolved', { attempt, order, note: LOST_ANSWER });
		return { order, alreadyPlaced: false, attempts: attempt };
	};

	for (let attempt = 1; ; attempt++) {
		if (attempt > 1) {
			// Renews the claim, so that it does not look stale, and checks that nobody took it over.
			const mine = await journal.takeOverClaim(state.claimRequest(), state.owner).catch(() => null);
			if (mine === false) {
				throw new PlacingElsewhereError(
					`Order ${intent.clientOrderId} was taken over by another execution while this one was retrying; it was not sent again.`,
					intent.clientOrderId,
				);
			}
		}
		try {
			const order = await broker.placeOrder(intent);
			await log.afterSend('placed', { attempt, order });
			return { order, alreadyPlaced: false, attempts: attempt };
		} catch (error) {
			if (error instanceof DuplicateClientOrderIdError) {
				const existing = await readBackSeries(broker, intent.clientOrderId, policy, sleep);
				if (existing.kind === 'found') {
					await log.afterSend('duplicate_resolved', { attempt, order: existing.order });
					return { order: existing.order, alreadyPlaced: attempt === 1, attempts: attempt };
				}
			}
			const retryable = error instanceof BrokerError && error.retryable;
			if (!retryable || attempt >= retry.maxAttempts) {
				if (retryable) {
					const answer = await readBack();
					if (answer.kind === 'found') return await taken(attempt, answer.order);
				}
				await log.afterSend('failed', { attempt, error: errorSummary(error) });
				throw error;
			}
			await log.afterSend('retry', { attempt, error: errorSummary(error) });
			await sleep(backoffDelayMs(retry, attempt));
			const answer = await readBack();
			if (answer.kind === 'found') return await taken(attempt, answer.order);
			if (whileOpen && answer.kind === 'unreadable') {
				await log.afterSend('failed', { attempt, error: errorSummary(error), readBack: errorSummary(answer.error) });
				throw new OrderOutcomeUnknownError(
					`${broker.name} may or may not have taken order ${intent.clientOrderId} (${(error as Error).message}), and reading it back failed (${(answer.error as Error)?.message ?? String(answer.error)}). It was not sent again: ${broker.name} would take a resend of a filled order as a new order. Check the broker before re-running.`,
					intent.clientOrderId,
					error,
				);
			}
		}
	}
}

function claimStateAfter(error: unknown): SettledClaimState {
	if (error instanceof NotSentError) return 'not_sent';
	return isDefiniteRefusal(error) ? 'refused' : 'unknown';
}
