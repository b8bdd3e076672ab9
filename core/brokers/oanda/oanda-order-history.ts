import { isRecord, PayloadError } from '../base/payload';
import type { RestClient } from '../base/rest-client';
import { parseDecimal } from './oanda-decimal';
import { OANDA_PATHS } from './oanda-paths';
import { OANDA_HISTORY_LOOKBACK, OANDA_IDRANGE_PAGE } from './oanda-description';
import {
	answerOf,
	clientIdOf,
	ORDER_CREATE_TRANSACTIONS,
	type OandaBrokerOrder,
	orderFrom,
	withCancel,
	withFill,
} from './oanda-order-parsers';

/*
 * Finding an order by client id in the account's transactions.
 *
 * OANDA documents CLIENT_ORDER_ID_ALREADY_EXISTS as "already assigned to another *pending*
 * order", and its lookup by client id (GET orders/@id) is reported to answer only while the order
 * is pending: a filled or cancelled order is then a 404, and the same client id would be accepted
 * again, which for a market order that filled is a second trade. So when orders/@id finds nothing,
 * the adapter searches the last OANDA_HISTORY_LOOKBACK transactions for the order that carried the
 * client id and rebuilds it from its create, fill and cancel transactions:
 *
 *   GET /v3/accounts/{id}/transactions/idrange?from=6001&to=7000&type=MARKET_ORDER,LIMIT_ORDER,STOP_ORDER,ORDER_FILL,ORDER_CANCEL
 *   {"transactions": [{"id": "6372", "type": "MARKET_ORDER", "clientExtensions": {"id": "tv-…"}, …},
 *                     {"id": "6373", "type": "ORDER_FILL", "orderID": "6372", …}],
 *    "lastTransactionID": "7000"}
 *
 * Pages of OANDA_IDRANGE_PAGE ids are read newest first and the search stops at the page holding
 * the order; its fill or cancel, being later, is in the pages already read. When several orders
 * carry the id, the most recent is the answer. An order older than the window is not found: the
 * limit of this safeguard, met only by an account with more than OANDA_HISTORY_LOOKBACK
 * transactions since the order.
 */

const TRANSACTION_TYPES = [...ORDER_CREATE_TRANSACTIONS, 'ORDER_FILL', 'ORDER_CANCEL'].join(',');

type Json = Record<string, unknown>;

export async function findOrderInHistory(
	client: RestClient,
	clientOrderId: string,
	lastTransactionId: number,
): Promise<OandaBrokerOrder | null> {
	const oldest = Math.max(1, lastTransactionId - OANDA_HISTORY_LOOKBACK + 1);
	const seen: Json[] = [];
	for (let to = lastTransactionId; to >= oldest; to -= OANDA_IDRANGE_PAGE) {
		const from = Math.max(oldest, to - OANDA_IDRANGE_PAGE + 1);
		const page = await readRange(client, from, to);
		seen.push(...page);
		const create = page
			.filter((transaction) => isCreate(transaction) && clientIdOf(transaction) === clientOrderId)
			.sort(byIdDescending)[0];
		if (create) return rebuild(create, seen);
	}
	return null;
}

async function readRange(client: RestClient, from: number, to: number): Promise<Json[]> {
	return await client.request('GET', OANDA_PATHS.transactionRange, parseTransactions, {
		query: { from: String(from), to: String(to), type: TRANSACTION_TYPES },
	});
}

function parseTransactions(body: unknown): Json[] {
	const { transactions } = answerOf(body);
	if (!Array.isArray(transactions)) throw new PayloadError('no transactions list');
	return transactions.filter(isRecord);
}

function rebuild(create: Json, seen: Json[]): OandaBrokerOrder | null {
	let order = orderFrom(create);
	if (order === null) return null;
	const related = seen.filter((transaction) => transaction.orderID === create.id).sort(byIdAscending);
	const fill = related.find((transaction) => transaction.type === 'ORDER_FILL');
	const cancel = related.find((transaction) => transaction.type === 'ORDER_CANCEL');
	if (fill) order = withFill(order, fill);
	if (cancel) order = withCancel(order, cancel);
	return order;
}

function isCreate(transaction: Json): boolean {
	return (ORDER_CREATE_TRANSACTIONS as readonly string[]).includes(String(transaction.type));
}

const idOf = (transaction: Json) => parseDecimal(transaction.id) ?? 0;
const byIdAscending = (a: Json, b: Json) => idOf(a) - idOf(b);
const byIdDescending = (a: Json, b: Json) => idOf(b) - idOf(a);

/** The account's newest transaction id, as most OANDA answers (errors included) carry it. */
export function lastTransactionIdOf(body: unknown): number | null {
	const value = isRecord(body) ? parseDecimal(body.lastTransactionID) : null;
	return value !== null && Number.isInteger(value) && value >= 0 ? value : null;
}
