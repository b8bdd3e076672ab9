import {
	BROKER_ORDER_TYPES,
	type Broker,
	type BrokerAccount,
	type BrokerCapabilities,
	type BrokerOrder,
	type BrokerPosition,
	type OrderIntent,
	type OrderPreview,
} from '../../../core/brokers/broker';
import {
	BrokerUnavailableError,
	DuplicateClientOrderIdError,
	InvalidOrderError,
	OrderNotFoundError,
} from '../../../core/brokers/broker-errors';
import type { OrderEvent, OrderEventQuery, OrderJournal, StoredOrderEvent } from '../../../core/ledger/order-journal';
import type { UnorderedAlert } from '../../../core/ledger/unordered-alerts';
import { MemoryOrderClaims } from '../../support/order-journals';

export const FAKE_BROKER = 'fake';
export const CREATED_AT = '2026-01-02T03:04:05.000Z';

type ScriptedFailure = { kind: 'reject'; error: Error } | { kind: 'lose_answer' };

const OPEN_STATUSES: ReadonlySet<BrokerOrder['status']> = new Set(['new', 'open', 'partially_filled']);

/**
 * An in-memory broker that behaves like a real one where it matters for placing orders once: it
 * keeps every order by client order id and refuses a reused id with DuplicateClientOrderIdError,
 * keeps signed positions, and fills market orders at once (unless told not to). The next
 * placeOrder calls can be scripted to fail, or to take the order and lose the answer.
 */
export class FakeBroker implements Broker {
	readonly name = FAKE_BROKER;
	readonly capabilities: BrokerCapabilities = { orderTypes: BROKER_ORDER_TYPES, brackets: true, shortSelling: true };

	/** Every order the broker holds, by client order id, in the order it took them. */
	readonly orders = new Map<string, BrokerOrder>();
	/** Every placeOrder request, including the ones that failed. */
	readonly placeCalls: OrderIntent[] = [];
	readonly lookupCalls: string[] = [];
	readonly cancelCalls: string[] = [];
	readonly positionCalls: string[] = [];
	accountCalls = 0;

	equity = 10_000;
	/** Market orders fill at once; false leaves them open, as a broker that fills later would. */
	fillMarketOrders = true;

	private readonly positions = new Map<string, number>();
	private readonly placeFailures: ScriptedFailure[] = [];
	private lookupFailures = 0;
	private nextId = 0;

	setPosition(symbol: string, quantity: number): void {
		if (quantity === 0) this.positions.delete(symbol);
		else this.positions.set(symbol, quantity);
	}

	positionOf(symbol: string): number {
		return this.positions.get(symbol) ?? 0;
	}

	/** The next `count` placeOrder calls throw `error` (a fresh copy each) without taking the order. */
	failNextPlaceOrders(count: number, error: () => Error): void {
		for (let i = 0; i < count; i++) this.placeFailures.push({ kind: 'reject', error: error() });
	}

	/** The next `count` placeOrder calls take the order, then throw BrokerUnavailableError (a lost answer). */
	loseNextAnswers(count: number): void {
		for (let i = 0; i < count; i++) this.placeFailures.push({ kind: 'lose_answer' });
	}

	/** The next `count` getOrderByClientId calls throw BrokerUnavailableError. */
	failNextLookups(count: number): void {
		this.lookupFailures += count;
	}

	/** Puts an order straight into the book, as if placed earlier (by this or another execution). */
	seedOrder(intent: OrderIntent): BrokerOrder {
		return this.take(intent);
	}

	readonly previewCalls: OrderIntent[] = [];

	async previewOrder(intent: OrderIntent): Promise<OrderPreview> {
		this.previewCalls.push({ ...intent });
		return { method: 'POST', path: '/fake/orders', body: { ...intent } };
	}

	async placeOrder(intent: OrderIntent): Promise<BrokerOrder> {
		this.placeCalls.push({ ...intent });
		const failure = this.placeFailures.shift();
		if (failure?.kind === 'reject') throw failure.error;
		if (this.orders.has(intent.clientOrderId)) {
			throw new DuplicateClientOrderIdError(`client order id ${intent.clientOrderId} already exists`, {
				broker: FAKE_BROKER,
				httpStatus: 422,
			});
		}
		if (intent.reduceOnly) {
			const position = this.positionOf(intent.symbol);
			const reduces = (position > 0 && intent.side === 'sell') || (position < 0 && intent.side === 'buy');
			if (!reduces || intent.quantity > Math.abs(position)) {
				throw new InvalidOrderError('reduce-only order would not reduce the position', { broker: FAKE_BROKER, httpStatus: 422 });
			}
		}
		const order = this.take(intent);
		if (failure?.kind === 'lose_answer') {
			throw new BrokerUnavailableError('502 Bad Gateway', { broker: FAKE_BROKER, httpStatus: 502 });
		}
		return { ...order };
	}

	async getOrderByClientId(clientOrderId: string): Promise<BrokerOrder | null> {
		this.lookupCalls.push(clientOrderId);
		if (this.lookupFailures > 0) {
			this.lookupFailures--;
			throw new BrokerUnavailableError('503 Service Unavailable', { broker: FAKE_BROKER, httpStatus: 503 });
		}
		const order = this.orders.get(clientOrderId);
		return order ? { ...order } : null;
	}

	async cancelOrder(clientOrderId: string): Promise<BrokerOrder> {
		this.cancelCalls.push(clientOrderId);
		const order = this.orders.get(clientOrderId);
		if (!order) throw new OrderNotFoundError(`no order ${clientOrderId}`, { broker: FAKE_BROKER, httpStatus: 404 });
		if (!OPEN_STATUSES.has(order.status)) {
			throw new InvalidOrderError(`order ${clientOrderId} is ${order.status}`, { broker: FAKE_BROKER, httpStatus: 422 });
		}
		order.status = 'canceled';
		return { ...order };
	}

	async listOpenOrders(symbol?: string): Promise<BrokerOrder[]> {
		return [...this.orders.values()]
			.filter((order) => OPEN_STATUSES.has(order.status) && (symbol === undefined || order.symbol === symbol))
			.map((order) => ({ ...order }));
	}

	async getPosition(symbol: string): Promise<BrokerPosition | null> {
		this.positionCalls.push(symbol);
		const quantity = this.positionOf(symbol);
		return quantity === 0 ? null : { symbol, quantity, averagePrice: 100 };
	}

	async listPositions(): Promise<BrokerPosition[]> {
		return [...this.positions.entries()].map(([symbol, quantity]) => ({ symbol, quantity, averagePrice: 100 }));
	}

	async getAccount(): Promise<BrokerAccount> {
		this.accountCalls++;
		return { currency: 'USD', cash: this.equity, equity: this.equity, buyingPower: this.equity, realisedPnl: null };
	}

	private take(intent: OrderIntent): BrokerOrder {
		const fills = intent.type === 'market' && this.fillMarketOrders;
		const order: BrokerOrder = {
			brokerOrderId: `fake-${++this.nextId}`,
			clientOrderId: intent.clientOrderId,
			symbol: intent.symbol,
			side: intent.side,
			type: intent.type,
			quantity: intent.quantity,
			limitPrice: intent.limitPrice,
			stopPrice: intent.stopPrice,
			status: fills ? 'filled' : 'new',
			filledQuantity: fills ? intent.quantity : 0,
			averageFillPrice: fills ? (intent.referencePrice ?? 100) : null,
			createdAt: CREATED_AT,
		};
		this.orders.set(intent.clientOrderId, order);
		if (fills) {
			const signed = intent.side === 'buy' ? intent.quantity : -intent.quantity;
			this.setPosition(intent.symbol, this.positionOf(intent.symbol) + signed);
		}
		return order;
	}
}

/** Records order events in memory, numbered from 1 like the SQLite journal, and keeps order claims. */
export class MemoryOrderJournal extends MemoryOrderClaims implements OrderJournal {
	readonly events: StoredOrderEvent[] = [];

	async record(event: OrderEvent): Promise<void> {
		this.events.push({ ...event, id: this.events.length + 1, at: event.at.toISOString() });
	}

	async list(query: OrderEventQuery = {}): Promise<StoredOrderEvent[]> {
		return this.events.filter(
			(event) =>
				(query.alertId === undefined || event.alertId === query.alertId) &&
				(query.clientOrderId === undefined || event.clientOrderId === query.clientOrderId) &&
				(query.broker === undefined || event.broker === query.broker) &&
				(query.kinds === undefined || query.kinds.includes(event.kind)),
		);
	}

	/** Accepted alerts live in the ledgers' alert_fate table, which this journal does not have. */
	async listUnorderedAlerts(): Promise<UnorderedAlert[]> {
		return [];
	}

	kinds(): string[] {
		return this.events.map((event) => event.kind);
	}
}
