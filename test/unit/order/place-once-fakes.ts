import type { BrokerCapabilities, BrokerOrder, OrderIntent } from '../../../core/brokers/broker';
import type { OrderEvent, OrderEventKind } from '../../../core/ledger/order-journal';
import { FakeBroker, MemoryOrderJournal } from './fake-broker';

const OPEN_STATUSES: ReadonlySet<BrokerOrder['status']> = new Set(['new', 'open', 'partially_filled']);

/** The fake broker as it is (every id refused for ever), saying so: resends are left to the broker. */
export class ForeverFakeBroker extends FakeBroker {
	override readonly capabilities: BrokerCapabilities = { ...new FakeBroker().capabilities, clientOrderIdUnique: 'forever' };
}

/**
 * A broker like Binance: it refuses a reused client order id only while the first order is open,
 * and takes it as a new order once the first is filled or gone. Orders can be made to land late
 * (`placeDelayMs`, real time) and to stay invisible to the next look-ups (`hideNextLookups`).
 */
export class WhileOpenFakeBroker extends FakeBroker {
	override readonly capabilities: BrokerCapabilities = { ...new FakeBroker().capabilities, clientOrderIdUnique: 'while_open' };
	/** Every order taken, the ones a reused id replaced included. */
	readonly taken: BrokerOrder[] = [];
	placeDelayMs = 0;
	private hidden = 0;

	hideNextLookups(count: number): void {
		this.hidden += count;
	}

	override async placeOrder(intent: OrderIntent): Promise<BrokerOrder> {
		if (this.placeDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.placeDelayMs));
		const existing = this.orders.get(intent.clientOrderId);
		if (existing && !OPEN_STATUSES.has(existing.status)) this.orders.delete(intent.clientOrderId);
		const before = this.orders.get(intent.clientOrderId);
		try {
			return await super.placeOrder(intent);
		} finally {
			const after = this.orders.get(intent.clientOrderId);
			if (after && after !== before) this.taken.push({ ...after });
			// A request that failed before taking anything leaves the closed order where it was.
			if (!after && existing) this.orders.set(intent.clientOrderId, existing);
		}
	}

	override async getOrderByClientId(clientOrderId: string): Promise<BrokerOrder | null> {
		const order = await super.getOrderByClientId(clientOrderId);
		if (this.hidden > 0) {
			this.hidden--;
			return null;
		}
		return order;
	}
}

/** A memory journal whose writes of the given kinds fail the next `times` times each. */
export class FailingJournal extends MemoryOrderJournal {
	private readonly failures = new Map<OrderEventKind, number>();
	claimFailures = 0;
	settleFailures = 0;

	failRecords(kind: OrderEventKind, times: number): void {
		this.failures.set(kind, times);
	}

	override async record(event: OrderEvent): Promise<void> {
		const left = this.failures.get(event.kind) ?? 0;
		if (left > 0) {
			this.failures.set(event.kind, left - 1);
			throw new Error('database is locked');
		}
		await super.record(event);
	}

	override async claim(...args: Parameters<MemoryOrderJournal['claim']>): ReturnType<MemoryOrderJournal['claim']> {
		if (this.claimFailures > 0) {
			this.claimFailures--;
			throw new Error('Connection terminated unexpectedly');
		}
		return await super.claim(...args);
	}

	override async settleClaim(...args: Parameters<MemoryOrderJournal['settleClaim']>): ReturnType<MemoryOrderJournal['settleClaim']> {
		if (this.settleFailures > 0) {
			this.settleFailures--;
			throw new Error('Connection terminated unexpectedly');
		}
		return await super.settleClaim(...args);
	}
}
