import type { FillState, JournalOrder } from './journal-orders';

// What the journal says one symbol's position should be: the fills of the orders Broker Order
// placed, in the order they were placed. Reduce-only orders (exits) never take it past zero.
// Orders Reconcile itself asked for (corrections) are not counted: they move the broker towards
// the journal, not the journal.

/** A correction's alert id: `reconcile-<SYMBOL>-<16 hex digits>` (see correction.ts). */
export const CORRECTION_ALERT_ID = /^reconcile-[A-Z0-9]+-[0-9a-f]{16}$/;

export const roundQuantity = (value: number): number => Math.round(value * 1e9) / 1e9;

export interface ReconcileEntry {
	at: string;
	alertId: string | null;
	clientOrderId: string;
	symbol: string;
	side: 'buy' | 'sell';
	quantity: number;
	reduceOnly: boolean;
	status: string | null;
	filledQuantity: number | null;
	fillState: FillState;
	/** What it added to the expected position (0 for a correction, an order not placed, or an exit past zero). */
	counted: number;
	correction: boolean;
	error: string | null;
}

export interface ExpectedPosition {
	expected: number;
	/** Orders whose fill is not final or not known: the comparison is not settled while there are any. */
	unsettled: number;
	/** The last order counted was an exit that filled, and the broker is flat: expected is taken as flat. */
	flatAfterExit: boolean;
	/** The orders since the expected position was last flat (the last round trip when it is flat now), and every unsettled one. */
	entries: ReconcileEntry[];
	lastEventId: number;
}

function towardZero(position: number, fill: number): number {
	if (position === 0 || Math.sign(fill) === Math.sign(position)) return position;
	return Math.sign(position) * Math.max(0, Math.abs(position) - Math.abs(fill));
}

/** The expected position from one symbol's journal orders (oldest first), given the broker's position now. */
export function expectedPosition(orders: readonly JournalOrder[], actual: number): ExpectedPosition {
	let expected = 0;
	// Where the expected position was flat: after no order, and after each order that left it so.
	const flatPoints = [0];
	let lastCounted: { order: JournalOrder; filled: number } | null = null;
	const entries: ReconcileEntry[] = [];
	for (const order of orders) {
		const correction = order.alertId !== null && CORRECTION_ALERT_ID.test(order.alertId);
		const filled = order.fillState === 'not_placed' ? 0 : (order.order?.filledQuantity ?? 0);
		const signed = order.request.side === 'buy' ? filled : -filled;
		const before = expected;
		if (!correction && filled > 0) {
			expected = roundQuantity(order.request.reduceOnly ? towardZero(expected, signed) : expected + signed);
			lastCounted = { order, filled };
		}
		entries.push({
			at: order.at,
			alertId: order.alertId,
			clientOrderId: order.clientOrderId,
			symbol: order.request.symbol,
			side: order.request.side,
			quantity: order.request.quantity,
			reduceOnly: order.request.reduceOnly === true,
			status: order.order?.status ?? (order.fillState === 'not_placed' ? 'not_placed' : null),
			filledQuantity: order.order?.filledQuantity ?? null,
			fillState: order.fillState,
			counted: roundQuantity(expected - before),
			correction,
			error: order.error,
		});
		if (before !== 0 && expected === 0) flatPoints.push(entries.length);
	}
	// A working exit (a take profit or stop loss resting at the broker, read back open) waits by
	// design: what it filled is counted, and it does not hold the comparison as pending.
	const workingExits = new Set(orders.filter((order) => order.request.reduceOnly === true && order.request.type !== 'market' && order.fillState === 'open').map((order) => order.clientOrderId));
	const settled = (entry: ReconcileEntry) => entry.fillState === 'final' || entry.fillState === 'not_placed' || workingExits.has(entry.clientOrderId);
	const unsettled = entries.filter((entry) => !settled(entry)).length;
	const flatAfterExit =
		lastCounted !== null &&
		lastCounted.order.request.reduceOnly === true &&
		lastCounted.order.fillState === 'final' &&
		expected !== 0 &&
		actual === 0;
	// The stretch since it was last flat; a position that ends flat shows the round trip that ended it.
	const from = flatPoints[flatPoints.length - (expected === 0 && flatPoints.length > 1 ? 2 : 1)];
	return {
		expected: flatAfterExit ? 0 : expected,
		unsettled,
		flatAfterExit,
		entries: entries.filter((entry, index) => index >= from || !settled(entry)),
		lastEventId: orders.reduce((last, order) => Math.max(last, order.lastEventId), 0),
	};
}
