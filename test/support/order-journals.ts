import {
	RECLAIMABLE_CLAIM_STATES,
	TAKEOVER_CLAIM_STATES,
	type OrderClaimRequest,
	type OrderClaimResult,
	type OrderClaims,
	type SettledClaimState,
	type StoredOrderClaim,
} from '../../core/ledger/order-claims';
import type { OrderJournal, StoredOrderEvent } from '../../core/ledger/order-journal';
import type { UnorderedAlert } from '../../core/ledger/unordered-alerts';

/**
 * Order claims in memory, with the ledgers' rules. Every method checks and changes the map
 * without awaiting in between, so concurrent calls in one process are as atomic as the ledgers'.
 */
export class MemoryOrderClaims implements OrderClaims {
	readonly claims = new Map<string, StoredOrderClaim>();
	/** Last heartbeat per process id, ms since the epoch (the ledger's ledger_process). */
	readonly heartbeats = new Map<string, number>();

	async claim(request: OrderClaimRequest): Promise<OrderClaimResult> {
		const holder = this.claims.get(request.clientOrderId);
		if (holder && !RECLAIMABLE_CLAIM_STATES.includes(holder.state)) return { claimed: false, holder: { ...holder } };
		this.claims.set(request.clientOrderId, fresh(request));
		return { claimed: true, previous: holder ?? null };
	}

	async takeOverClaim(request: OrderClaimRequest, fromOwner: string): Promise<boolean> {
		const holder = this.claims.get(request.clientOrderId);
		if (!holder || holder.owner !== fromOwner || !TAKEOVER_CLAIM_STATES.includes(holder.state)) return false;
		this.claims.set(request.clientOrderId, fresh(request));
		return true;
	}

	async settleClaim(clientOrderId: string, owner: string, state: SettledClaimState, at: Date, detail?: unknown): Promise<boolean> {
		const holder = this.claims.get(clientOrderId);
		if (!holder || holder.owner !== owner || holder.state !== 'sending') return false;
		this.claims.set(clientOrderId, { ...holder, state, settledAt: at.toISOString(), detail: detail ?? null });
		return true;
	}

	async getClaim(clientOrderId: string): Promise<StoredOrderClaim | null> {
		const holder = this.claims.get(clientOrderId);
		return holder ? { ...holder } : null;
	}

	async processSeenAt(process: string): Promise<number | null> {
		return this.heartbeats.get(process) ?? null;
	}
}

function fresh(request: OrderClaimRequest): StoredOrderClaim {
	return {
		clientOrderId: request.clientOrderId,
		scope: request.scope,
		broker: request.broker,
		alertId: request.alertId,
		owner: request.owner,
		claimedAtMs: request.at.getTime(),
		state: 'sending',
		settledAt: null,
		detail: null,
	};
}

/** A journal that keeps nothing, for tests that look at the broker, not the ledger: every claim is granted. */
export const noopOrderJournal: OrderJournal = {
	async record(): Promise<void> {},
	async list(): Promise<StoredOrderEvent[]> {
		return [];
	},
	async claim(): Promise<OrderClaimResult> {
		return { claimed: true, previous: null };
	},
	async takeOverClaim(): Promise<boolean> {
		return true;
	},
	async settleClaim(): Promise<boolean> {
		return true;
	},
	async getClaim(): Promise<StoredOrderClaim | null> {
		return null;
	},
	async processSeenAt(): Promise<number | null> {
		return null;
	},
	async listUnorderedAlerts(): Promise<UnorderedAlert[]> {
		return [];
	},
};
