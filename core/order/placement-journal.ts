import { BrokerError } from '../brokers/broker-errors';
import type { OrderEvent, OrderEventKind, OrderJournal } from '../ledger/order-journal';
import { NotSentError } from './placement-errors';

export function errorSummary(error: unknown): Record<string, unknown> {
	if (error instanceof BrokerError) {
		return { code: error.code, message: error.message, ...error.details, retryable: error.retryable };
	}
	return { message: (error as Error)?.message ?? String(error) };
}

/** An order's first journal entry: the request and, where known, the account (Reconcile reads both). */
export function attemptDetail(request: unknown, account: string | undefined): Record<string, unknown> {
	return account === undefined ? { request } : { request, account };
}

/**
 * One placement's journal writes. Before anything is sent a failed write stops the placement
 * (NotSentError); once the broker may hold the order a failed write is tried once more and then
 * only remembered, since the order stands whatever the ledger could record.
 */
export class PlacementJournal {
	/** The first ledger write that failed after the order was sent, if any. */
	failure: string | null = null;

	constructor(
		private readonly journal: OrderJournal,
		private readonly event: Omit<OrderEvent, 'at' | 'kind' | 'detail'>,
		private readonly now: () => Date,
	) {}

	async beforeSend(kind: OrderEventKind, detail: unknown): Promise<void> {
		try {
			await this.write(kind, detail);
		} catch (error) {
			throw new NotSentError(`The order journal could not record the ${kind}`, error);
		}
	}

	async afterSend(kind: OrderEventKind, detail: unknown): Promise<void> {
		await this.bestEffort(`record the ${kind}`, async () => await this.write(kind, detail));
	}

	/** Runs a ledger write that must not fail the placement: twice at most, then remembered. */
	async bestEffort(what: string, write: () => Promise<unknown>): Promise<void> {
		try {
			await write();
		} catch {
			try {
				await write();
			} catch (error) {
				this.failure ??= `the ledger could not ${what}: ${(error as Error)?.message ?? String(error)}`;
			}
		}
	}

	private async write(kind: OrderEventKind, detail: unknown): Promise<void> {
		await this.journal.record({ ...this.event, at: this.now(), kind, detail });
	}
}
