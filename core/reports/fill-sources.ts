import { textParam, type LedgerReader, type ReadDialect } from '../ledger/ledger-reader';
import { toStoredOrderEvent, type OrderEventRow } from '../ledger/order-event-rows';
import { journalOrders, RECONCILE_EVENT_KINDS } from '../reconcile/journal-orders';
import type { Fill } from './fill-replay';
import { paperAccountName } from './report-filter';

// Where the ledger knows fills: the Paper broker's orders (every fill, exits filled by prices
// included), and for the other brokers the orders as the journal last saw them (the broker's
// answer, or a Reconcile read-back): a fill the journal never saw is not there.

/** Parameters: 1 paper account name or NULL. Oldest fill first. */
export function paperFillsSql(d: ReadDialect): string {
	return `SELECT account, symbol, side, filled_quantity, average_fill_price, updated_at FROM ${d.table('paper_order')}
	WHERE filled_quantity > 0 AND average_fill_price IS NOT NULL AND (${textParam(d, 1)} IS NULL OR account = ${textParam(d, 1)})
	ORDER BY updated_at, rowid`;
}

/** Parameters: 1 broker or NULL. The events Reconcile reads, of every broker but Paper. */
export function brokerJournalSql(d: ReadDialect): string {
	const kinds = RECONCILE_EVENT_KINDS.map((kind) => `'${kind}'`).join(', ');
	return `SELECT * FROM ${d.table('order_event')} WHERE broker <> 'paper' AND kind IN (${kinds})
	AND (${textParam(d, 1)} IS NULL OR broker = ${textParam(d, 1)}) ORDER BY id`;
}

interface PaperFillRow {
	account: string;
	symbol: string;
	side: 'buy' | 'sell';
	filled_quantity: number | string;
	average_fill_price: number | string;
	updated_at: string;
}

export interface FillScope {
	/** An account key (`paper:<name>` or `<broker>:<credential id>`). */
	account?: string;
	broker?: string;
}

export async function paperFills(reader: LedgerReader, scope: FillScope): Promise<Fill[]> {
	if (scope.broker !== undefined && scope.broker !== 'paper') return [];
	const name = scope.account === undefined ? null : paperAccountName(scope.account);
	if (scope.account !== undefined && name === null) return [];
	const rows = await reader.select<PaperFillRow>(paperFillsSql(reader.dialect), [name]);
	return rows.map((row) => ({
		account: `paper:${row.account}`,
		broker: 'paper',
		symbol: row.symbol,
		side: row.side,
		quantity: Number(row.filled_quantity),
		price: Number(row.average_fill_price),
		at: row.updated_at,
	}));
}

export async function journalFills(reader: LedgerReader, scope: FillScope): Promise<Fill[]> {
	if (scope.broker === 'paper' || (scope.account !== undefined && paperAccountName(scope.account) !== null)) return [];
	const events = (await reader.select<OrderEventRow>(brokerJournalSql(reader.dialect), [scope.broker ?? null])).map(toStoredOrderEvent);
	const atOf = new Map(events.map((event) => [event.id, event.at]));
	const brokerOf = new Map(events.map((event) => [event.clientOrderId, event.broker]));
	const fills: Array<{ fill: Fill; eventId: number }> = [];
	for (const order of journalOrders(events)) {
		const reported = order.order;
		if (order.account === null || reported === null || !(reported.filledQuantity > 0) || reported.averageFillPrice === null) continue;
		if (scope.account !== undefined && order.account !== scope.account) continue;
		fills.push({
			eventId: order.lastEventId,
			fill: {
			account: order.account,
			broker: brokerOf.get(order.clientOrderId) ?? '',
			symbol: order.request.symbol,
			side: order.request.side,
			quantity: reported.filledQuantity,
			price: reported.averageFillPrice,
			at: atOf.get(order.lastEventId) ?? order.at,
			},
		});
	}
	return fills.sort((a, b) => a.eventId - b.eventId).map((entry) => entry.fill);
}

/** Every fill the ledger knows in the scope, paper first, each source oldest first. */
export async function ledgerFills(reader: LedgerReader, scope: FillScope): Promise<Fill[]> {
	return [...(await paperFills(reader, scope)), ...(await journalFills(reader, scope))];
}
