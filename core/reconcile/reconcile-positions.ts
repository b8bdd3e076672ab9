import type { Broker, BrokerPosition } from '../brokers/broker';
import type { OrderJournal } from '../ledger/order-journal';
import { comparableSymbol } from '../order/comparable-symbol';
import { type CorrectionAlert, correctionAlert } from './correction';
import { expectedPosition, type ReconcileEntry, roundQuantity } from './expected-position';
import { type JournalOrder, journalOrders, RECONCILE_EVENT_KINDS } from './journal-orders';
import { readBackOrders, settleFromClaims } from './read-back-orders';
import type { ReconcileSettings } from './reconcile-settings';

export interface ReconcileContext {
	broker: Broker;
	journal: OrderJournal;
	/** `<workflowId>/<nodeId>` of the reconciling node, written on the read-back events. */
	scope: string;
	now?: () => Date;
}

/**
 * - `match`: the broker holds what the journal says (within the tolerance).
 * - `drift`: it does not.
 * - `pending`: some of the symbol's orders are not final or their outcome is unknown; compared
 *   with what has filled so far, and never corrected.
 */
export type ReconcileStatus = 'match' | 'drift' | 'pending';

export interface SymbolReconciliation {
	account: string;
	broker: string;
	/** As the journal's orders name it, else as the broker does. */
	symbol: string;
	/** As the broker names its position; null when it holds none. */
	brokerSymbol: string | null;
	expected: number;
	actual: number;
	/** actual − expected: positive when the broker holds more (or is less short) than the journal says. */
	drift: number;
	status: ReconcileStatus;
	note: string;
	/** Orders whose fill is not final or not known. */
	unsettledOrders: number;
	entries: ReconcileEntry[];
	/** With Correct To Expected, on a drift: the order that would bring the broker to the expected position. */
	correction: CorrectionAlert | null;
}

function priceOf(position: BrokerPosition | undefined, orders: readonly JournalOrder[]): number | null {
	const candidates = [position?.marketPrice, position?.averagePrice];
	for (const order of [...orders].reverse()) candidates.push(order.order?.averageFillPrice, order.request.referencePrice);
	const price = candidates.find((value) => typeof value === 'number' && Number.isFinite(value) && value > 0);
	return price ?? null;
}

function noteFor(status: ReconcileStatus, expected: number, actual: number, unsettled: number, flatAfterExit: boolean): string {
	const flat = flatAfterExit ? ' (the last order, an exit, left the broker flat: expected flat)' : '';
	if (status === 'pending') return `${unsettled} order(s) not final or of unknown outcome: compared with what has filled so far, not corrected`;
	if (status === 'match') return `the broker holds ${actual}, as the journal says${flat}`;
	return `the broker holds ${actual}, the journal says ${expected}${flat}`;
}

/**
 * Compares, per symbol, the position the order journal says the account should hold with the
 * broker's. One result per symbol the broker holds or the journal expects (or has unsettled
 * orders in); symbols that are flat on both sides are left out.
 */
export async function reconcilePositions(settings: ReconcileSettings, context: ReconcileContext): Promise<SymbolReconciliation[]> {
	const { broker, journal } = context;
	const now = context.now ?? (() => new Date());
	const ignored = new Set(settings.ignoreSymbols.map(comparableSymbol));
	const events = await journal.list({ broker: broker.name, kinds: RECONCILE_EVENT_KINDS });
	const orders = journalOrders(events).filter((order) => order.account === settings.account && !ignored.has(comparableSymbol(order.request.symbol)));
	await settleFromClaims(orders, journal);
	if (settings.readBack) await readBackOrders(orders, broker, journal, context.scope, now);
	const positions = (await broker.listPositions()).filter((position) => !ignored.has(comparableSymbol(position.symbol)));

	const keys = new Map<string, { orders: JournalOrder[]; position?: BrokerPosition }>();
	const group = (symbol: string) => {
		const key = comparableSymbol(symbol);
		let entry = keys.get(key);
		if (!entry) keys.set(key, (entry = { orders: [] }));
		return entry;
	};
	for (const order of orders) group(order.request.symbol).orders.push(order);
	for (const position of positions) group(position.symbol).position = position;

	const results: SymbolReconciliation[] = [];
	for (const { orders: symbolOrders, position } of keys.values()) {
		const actual = roundQuantity(position?.quantity ?? 0);
		const journalView = expectedPosition(symbolOrders, actual);
		const { expected } = journalView;
		if (expected === 0 && actual === 0 && journalView.unsettled === 0) continue;
		const drift = roundQuantity(actual - expected);
		const status: ReconcileStatus = journalView.unsettled > 0 ? 'pending' : Math.abs(drift) > settings.tolerance ? 'drift' : 'match';
		const symbol = symbolOrders.length > 0 ? symbolOrders[symbolOrders.length - 1].request.symbol : (position as BrokerPosition).symbol;
		results.push({
			account: settings.account,
			broker: broker.name,
			symbol,
			brokerSymbol: position?.symbol ?? null,
			expected,
			actual,
			drift,
			status,
			note: noteFor(status, expected, actual, journalView.unsettled, journalView.flatAfterExit),
			unsettledOrders: journalView.unsettled,
			entries: journalView.entries,
			correction:
				settings.correctToExpected && status === 'drift'
					? correctionAlert({ account: settings.account, symbol, expected, actual, lastEventId: journalView.lastEventId, price: priceOf(position, symbolOrders) })
					: null,
		});
	}
	return results.sort((a, b) => a.symbol.localeCompare(b.symbol));
}
