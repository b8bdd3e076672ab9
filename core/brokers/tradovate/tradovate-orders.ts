import type { BrokerOrder, BrokerOrderType, OrderStatus } from '../broker';
import type { TradovateApi } from './tradovate-api';
import { contractName } from './tradovate-contracts';
import { parseCommands, parseFills, parseOrderEntity, parseOrderVersions, type TradovateCommand, type TradovateOrderEntity } from './tradovate-entities';
import type { TradovateSession } from './tradovate-session';

/*
 * An order as the Broker seam knows it, put together from Tradovate's entities:
 *
 *   GET /order/item?id=901                → account, contract, side, ordStatus
 *   GET /orderVersion/deps?masterid=901   → quantity, type, prices (the newest version)
 *   GET /fill/deps?masterid=901           → filled quantity and average price
 *
 * The client order id travels on the order's New command (the clOrdId placeOrder was sent with),
 * so an order is found by it in GET /command/list; the newest command carrying it wins.
 */

const STATUS: Record<string, OrderStatus> = {
	PendingNew: 'new',
	Working: 'open',
	PendingReplace: 'open',
	PendingCancel: 'open',
	// An OSO exit waiting for its entry to fill.
	Suspended: 'open',
	Filled: 'filled',
	Canceled: 'canceled',
	Rejected: 'rejected',
	Expired: 'expired',
	Unknown: 'new',
};

const TYPES: Record<string, BrokerOrderType> = { Market: 'market', Limit: 'limit', Stop: 'stop', StopLimit: 'stop_limit' };

/** Working statuses: an order in one of them may still fill and can be canceled. */
export const WORKING_STATUSES = new Set(['PendingNew', 'Working', 'PendingReplace', 'PendingCancel', 'Suspended', 'Unknown']);

export async function commandList(api: TradovateApi): Promise<TradovateCommand[]> {
	return await api.read('GET', '/command/list', parseCommands);
}

/** The id of the order placed with this clOrdId, or null when Tradovate has none. */
export function orderIdFor(commands: readonly TradovateCommand[], clientOrderId: string): number | null {
	const placed = commands.filter((command) => command.commandType === 'New' && command.clOrdId === clientOrderId).sort((a, b) => b.id - a.id);
	return placed[0]?.orderId ?? null;
}

/** An order read back, with the account it belongs to. */
export interface OrderRead {
	order: BrokerOrder;
	accountId: number;
}

export async function readOrder(api: TradovateApi, session: TradovateSession, orderId: number, clientOrderId: string): Promise<OrderRead> {
	const entity = await api.read('GET', '/order/item', parseOrderEntity, { query: { id: orderId } });
	return await completeOrder(api, session, entity, clientOrderId);
}

export async function completeOrder(
	api: TradovateApi,
	session: TradovateSession,
	entity: TradovateOrderEntity,
	clientOrderId: string,
): Promise<OrderRead> {
	const versions = await api.read('GET', '/orderVersion/deps', parseOrderVersions, { query: { masterid: entity.id } });
	const version = [...versions].sort((a, b) => b.id - a.id)[0];
	if (version === undefined) throw api.unreadable(`order ${entity.id} has no version`);
	const fills = (await api.read('GET', '/fill/deps', parseFills, { query: { masterid: entity.id } })).filter((fill) => fill.active);
	const filledQuantity = fills.reduce((sum, fill) => sum + fill.qty, 0);
	const averageFillPrice = filledQuantity === 0 ? null : fills.reduce((sum, fill) => sum + fill.qty * fill.price, 0) / filledQuantity;
	const type = TYPES[version.orderType];
	if (type === undefined) throw api.unreadable(`order ${entity.id} is a ${version.orderType.slice(0, 30)} order, which this adapter does not place`);
	const order: BrokerOrder = {
		brokerOrderId: String(entity.id),
		clientOrderId,
		symbol: await contractName(api, session, entity.contractId),
		side: entity.action === 'Buy' ? 'buy' : 'sell',
		type,
		quantity: version.orderQty,
		limitPrice: type === 'limit' || type === 'stop_limit' ? version.price : null,
		stopPrice: type === 'stop' || type === 'stop_limit' ? version.stopPrice : null,
		status: statusOf(entity.ordStatus, filledQuantity, version.orderQty) ?? unknownStatus(api, entity),
		filledQuantity,
		averageFillPrice,
		createdAt: entity.timestamp,
	};
	return { order, accountId: entity.accountId };
}

function unknownStatus(api: TradovateApi, entity: TradovateOrderEntity): never {
	throw api.unreadable(`order ${entity.id} has ordStatus ${entity.ordStatus.slice(0, 30)}, which Tradovate does not document`);
}

function statusOf(ordStatus: string, filled: number, quantity: number): OrderStatus | null {
	// Completed: done for the day; filled if every contract filled, else what was left was canceled.
	if (ordStatus === 'Completed') return filled >= quantity ? 'filled' : 'canceled';
	const status = STATUS[ordStatus];
	if (status === undefined) return null;
	return status === 'open' && filled > 0 ? 'partially_filled' : status;
}
