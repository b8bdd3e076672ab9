/*
 * The account behind a perpetual-swap exchange stub (Bybit, OKX): orders by client id, positions
 * per symbol and leg, leverage per symbol. Market orders fill at once at the mark price; limit
 * orders rest. Quantities are in the exchange's unit (Bybit: coins, OKX: contracts).
 * What the exchanges refuse, the book refuses: a client id already used, an order whose leg does
 * not match the position mode, a reduce-only order with nothing to reduce or more than is held.
 */

export type Leg = 'net' | 'long' | 'short';

export interface NewOrder {
	clientId: string;
	symbol: string;
	side: 'buy' | 'sell';
	type: 'market' | 'limit';
	quantity: number;
	price: number | null;
	leg: Leg;
	reduceOnly: boolean;
	takeProfit?: string | null;
	stopLoss?: string | null;
}

export interface BookOrder extends Required<NewOrder> {
	orderId: string;
	status: 'open' | 'filled' | 'canceled';
	filled: number;
	averagePrice: number | null;
	createdAt: number;
}

export type Refusal = 'duplicate' | 'position-mode' | 'reduce-only';

export class PerpetualBook {
	hedgeMode = false;
	markPrice = 60000;
	wallet = 10000;
	readonly orders = new Map<string, BookOrder>();
	/** Signed size per `symbol:leg` (long > 0). */
	readonly positions = new Map<string, { size: number; entry: number }>();
	readonly leverage = new Map<string, string>();
	private sequence = 0;

	place(order: NewOrder): BookOrder | Refusal {
		if (this.orders.has(order.clientId)) return 'duplicate';
		if (this.hedgeMode ? order.leg === 'net' : order.leg !== 'net') return 'position-mode';
		const key = `${order.symbol}:${order.leg}`;
		const held = this.positions.get(key)?.size ?? 0;
		if (order.reduceOnly) {
			const reduces = order.side === 'sell' ? held > 0 : held < 0;
			if (!reduces || order.quantity > Math.abs(held) + 1e-12) return 'reduce-only';
		}
		const placed: BookOrder = {
			...order,
			takeProfit: order.takeProfit ?? null,
			stopLoss: order.stopLoss ?? null,
			orderId: String(1_000_000 + ++this.sequence),
			status: 'open',
			filled: 0,
			averagePrice: null,
			createdAt: Date.now(),
		};
		if (order.type === 'market') {
			placed.status = 'filled';
			placed.filled = order.quantity;
			placed.averagePrice = this.markPrice;
			const signed = order.side === 'buy' ? order.quantity : -order.quantity;
			const size = Number((held + signed).toPrecision(12));
			this.positions.set(key, { size, entry: this.markPrice });
		}
		this.orders.set(order.clientId, placed);
		return placed;
	}

	cancel(clientId: string): BookOrder | null {
		const order = this.orders.get(clientId);
		if (order === undefined || order.status !== 'open') return null;
		order.status = 'canceled';
		return order;
	}

	setPosition(symbol: string, leg: Leg, size: number, entry = this.markPrice): void {
		this.positions.set(`${symbol}:${leg}`, { size, entry });
	}

	openPositions(): { symbol: string; leg: Leg; size: number; entry: number }[] {
		return [...this.positions]
			.filter(([, position]) => position.size !== 0)
			.map(([key, position]) => {
				const [symbol, leg] = key.split(':') as [string, Leg];
				return { symbol, leg, ...position };
			});
	}
}
