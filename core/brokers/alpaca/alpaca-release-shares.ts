import type { OrderIntent } from '../broker';
import { BrokerUnavailableError, DuplicateClientOrderIdError } from '../broker-errors';
import type { RestClient } from '../base/rest-client';
import { asFields } from '../base/payload';
import { type HeldOrder, holdingOrders, isDone, listedOrders } from './alpaca-held-orders';
import { ALPACA_CANCEL_CHECK_INTERVAL_MS, ALPACA_CANCEL_CHECKS, ALPACA_ERROR_DETAILS } from './alpaca-description';
import { ALPACA_PATHS, openOrdersQuery } from './alpaca-requests';
import type { AlpacaSymbol } from './alpaca-symbols';

/*
 * Frees the shares a reduce-only order needs. After a bracket entry fills, its take-profit and
 * stop-loss legs hold the position's shares (qty_available 0, held_for_orders = qty), and Alpaca
 * refuses a closing order beyond what is available: 403 {"code":40310000,"message":"insufficient
 * qty available for order (requested: 10, available: 0)","held_for_orders":"10",...}.
 * DELETE /v2/positions/{symbol} does not help: it does not cancel open orders either (only
 * DELETE /v2/positions?cancel_orders=true, for every symbol, does), and its order would not carry
 * our client order id, so a resend could not be told from a new close.
 *
 * So: list the symbol's open orders; one with this close's client order id means the close was
 * placed already (DuplicateClientOrderIdError, nothing cancelled). Otherwise cancel each open
 * order on the close's side (DELETE /v2/orders/{id}; cancelling one bracket leg cancels its
 * sibling too), then read each back (GET /v2/orders/{id}) until Alpaca reports it done, at most
 * ALPACA_CANCEL_CHECKS reads apart by ALPACA_CANCEL_CHECK_INTERVAL_MS. Still not done: a retryable
 * BrokerUnavailableError, with nothing sent. The exit supersedes those orders: a take profit or
 * stop loss must not outlive the position it protects.
 */

export interface ReleaseContext {
	client: RestClient;
	sleep: (ms: number) => Promise<void>;
}

export async function releaseHeldShares(context: ReleaseContext, intent: OrderIntent, symbol: AlpacaSymbol): Promise<void> {
	const { client } = context;
	const response = await client.send('GET', ALPACA_PATHS.orders, { query: openOrdersQuery(symbol) });
	const { listed, holding } = client.read(response, response.what, (body) => ({ listed: listedOrders(body), holding: holdingOrders(body, symbol, intent.side) }));
	if (listed.some((order) => order.clientOrderId === intent.clientOrderId)) {
		throw new DuplicateClientOrderIdError(`Alpaca already has an order with client order id ${intent.clientOrderId}`, ALPACA_ERROR_DETAILS);
	}
	for (const order of holding) await cancel(client, order);
	await waitUntilDone(context, holding, symbol);
}

async function cancel(client: RestClient, order: HeldOrder): Promise<void> {
	if (order.status === 'pending_cancel') return;
	const response = await client.send('DELETE', ALPACA_PATHS.order(order.id));
	// 422: no longer cancelable (filled, or cancelled with its sibling leg); 404: gone. The read-back decides.
	if (response.status === 422 || response.status === 404) return;
	client.expectSuccess(response, response.what);
}

async function waitUntilDone(context: ReleaseContext, orders: readonly HeldOrder[], symbol: AlpacaSymbol): Promise<void> {
	let pending = [...orders];
	for (let check = 1; pending.length > 0; check++) {
		const still: HeldOrder[] = [];
		for (const order of pending) {
			const response = await context.client.send('GET', ALPACA_PATHS.order(order.id));
			if (response.status === 404) continue;
			const status = context.client.read(response, response.what, (body) => String(asFields(body, 'the order').status ?? ''));
			if (!isDone(status)) still.push(order);
		}
		pending = still;
		if (pending.length === 0) return;
		if (check >= ALPACA_CANCEL_CHECKS) {
			throw new BrokerUnavailableError(
				`Alpaca has not yet cancelled the ${pending.length} open ${symbol.order} order(s) holding the shares this reduce-only order needs (${pending.map((order) => order.id).join(', ')}); nothing was sent`,
				ALPACA_ERROR_DETAILS,
			);
		}
		await context.sleep(ALPACA_CANCEL_CHECK_INTERVAL_MS);
	}
}
