import type { BrokerOrder, OrderIntent } from '../broker';
import { refuseRestingEntry, trailingPercentOf } from './binance-exit-checks';
import { InvalidOrderError, OrderNotFoundError, UnsupportedError } from '../broker-errors';
import { binanceImplicit } from './binance-implicit';
import { parseBinanceOrder } from './binance-parse-order';
import { decimalBelow, decimalText } from '../ccxt/ccxt-decimal';
import { errorDetails } from '../ccxt/ccxt-errors';
import { type ExitContext, exitPriceText, exitQuantityText, type VenueExits } from '../ccxt/ccxt-exits';
import { exitClientId, isStopLossExit, parseExitClientId } from '../ccxt/ccxt-exit-ids';
import { asFields, asList, type Fields } from '../ccxt/ccxt-fields';
import { freeAmount } from '../ccxt/ccxt-spot-holdings';
import { marketPrices } from '../ccxt/ccxt-spot-prices';

/*
 * Binance spot exits, placed once the entry (a buy) has filled: spot has no position to attach
 * them to, and the coins they sell exist only after the fill.
 *
 *   take profit + stop loss  POST /api/v3/orderList/oco   side SELL, quantity,
 *                            aboveType LIMIT_MAKER abovePrice=<tp>, aboveClientOrderId <entry>-tp,
 *                            belowType STOP_LOSS belowStopPrice=<sl>, belowClientOrderId <entry>-sl,
 *                            listClientOrderId <entry>-oco  (one fills, Binance cancels the other)
 *   take profit alone        POST /api/v3/order  LIMIT SELL GTC price=<tp>, newClientOrderId <entry>-tp
 *   stop loss alone          POST /api/v3/order  STOP_LOSS SELL stopPrice=<sl>, newClientOrderId <entry>-sl
 *
 * The quantity is what the entry filled, but no more than the base asset's free balance (a fee
 * paid in the coin leaves less than was bought), rounded down to the LOT_SIZE step; prices are
 * rounded to the PRICE_FILTER tick. Before placing, each leg's id is looked up
 * (GET /api/v3/order?origClientOrderId=): legs already there are read back and nothing is placed,
 * so a resent alert or a second execution never places them twice (Binance itself refuses a
 * reused id only while the first order is open).
 *
 *   trailing stop            a STOP_LOSS SELL with trailingDelta = the percent in basis points (1 % =
 *                            100) and no stopPrice, so it trails from the highest price since it
 *                            was placed: alone (newClientOrderId <entry>-ts), or as the OCO's below
 *                            leg (belowTrailingDelta, belowClientOrderId <entry>-ts) with a take profit.
 *                            A percent that is not a whole number of basis points, or outside 0.1 to
 *                            20 % (Binance's usual TRAILING_DELTA filter, 10 to 2000; the symbol's own
 *                            filter is Binance's to apply), is InvalidOrderError; an amount is
 *                            UnsupportedError (Binance spot trails by a percent only).
 *
 * Only a long is protected: a spot sell cannot open a short, so exits on a sell entry are refused
 * (UnsupportedError).
 *
 * release: the legs lock the coins they sell, so a reduce-only sell that needs more than is free
 * first cancels the symbol's open SELL orders (an order list as a whole, DELETE /api/v3/orderList;
 * any other by DELETE /api/v3/order): the exit supersedes them, as a take profit or stop loss must
 * not outlive the position it protects.
 *
 * breakeven: each open stop-loss exit of ours (<entry>-sl, STOP_LOSS SELL) below its entry's
 * average fill price is replaced at that price (rounded to the tick), the take profit kept: an
 * OCO is cancelled and placed again as <entry>-boco / -btp / -bsl, a lone stop as <entry>-bsl.
 * A stop at or above the entry price is left (never loosened); a market price at or below the
 * entry price refuses the move (InvalidOrderError: the stop would trigger at once).
 */

const BROKER = 'binance';
const MIN_TRAILING_BIPS = 10;
const MAX_TRAILING_BIPS = 2000;

export function binanceSpotExits(): VenueExits {
	return {
		check: (intent) => {
			refuseRestingEntry(intent, 'spot');
			const trailingPercent = trailingPercentOf(intent, 'spot', 'trailingDelta');
			if (trailingPercent !== null) trailingDelta(trailingPercent);
			if (intent.side !== 'buy') {
				throw new UnsupportedError(
					`Binance spot exits protect a long: a ${intent.side} entry cannot carry a take profit or stop loss (spot cannot go short)`,
					errorDetails(BROKER),
				);
			}
			const { takeProfitPrice: tp, stopLossPrice: sl } = intent;
			if (tp !== null && sl !== null && !(tp > sl)) {
				throw new InvalidOrderError(`the take profit ${tp} of a buy must be above its stop loss ${sl}`, errorDetails(BROKER));
			}
		},
		attach: async (context, intent, entry) => await attach(context, intent, entry),
		release: async (context, intent) => await release(context, intent),
		breakeven: async (context) => await breakeven(context),
	};
}

/** The percent as Binance's trailingDelta in basis points, or InvalidOrderError. */
function trailingDelta(percent: number): string {
	const bips = Math.round(percent * 100);
	if (!(bips >= MIN_TRAILING_BIPS && bips <= MAX_TRAILING_BIPS) || Math.abs(bips - percent * 100) > 1e-9) {
		throw new InvalidOrderError(`Binance spot trails by 0.1 to 20 percent in whole basis points (0.01 %), not ${percent}`, errorDetails(BROKER));
	}
	return String(bips);
}

async function attach(context: ExitContext, intent: OrderIntent, entry: BrokerOrder): Promise<BrokerOrder[]> {
	const trailing = intent.trailingStop?.percent ?? null;
	const ids = {
		tp: exitClientId(entry.clientOrderId, 'tp'),
		sl: exitClientId(entry.clientOrderId, trailing !== null ? 'ts' : 'sl'),
		list: exitClientId(entry.clientOrderId, 'oco'),
	};
	const stopping = intent.stopLossPrice !== null || trailing !== null;
	const wanted = [intent.takeProfitPrice !== null ? ids.tp : null, stopping ? ids.sl : null].filter((id): id is string => id !== null);
	const existing = await existingOrders(context, wanted);
	if (existing.length > 0) return existing;
	const quantity = await exitQuantity(context, entry);
	const tp = intent.takeProfitPrice === null ? null : exitPriceText(context, intent.takeProfitPrice, 'take profit', BROKER);
	const sl = intent.stopLossPrice === null ? null : exitPriceText(context, intent.stopLossPrice, 'stop loss', BROKER);
	return await place(context, quantity, { tp, sl, trailingDelta: trailing === null ? null : trailingDelta(trailing) }, ids);
}

interface ExitIds {
	tp: string;
	/** The stop leg's id: <entry>-sl, or <entry>-ts for a trailing stop. */
	sl: string;
	list: string;
}

interface ExitPrices {
	tp: string | null;
	sl: string | null;
	/** A trailing stop instead of sl, in basis points. */
	trailingDelta?: string | null;
}

async function place(context: ExitContext, quantity: string, prices: ExitPrices, ids: ExitIds): Promise<BrokerOrder[]> {
	const symbol = context.market.id;
	const stop: Fields | null =
		prices.trailingDelta !== null && prices.trailingDelta !== undefined ? { TrailingDelta: prices.trailingDelta } : prices.sl !== null ? { StopPrice: prices.sl } : null;
	if (prices.tp !== null && stop !== null) {
		const answer = await call(context, 'privatePostOrderListOco', {
			symbol,
			listClientOrderId: ids.list,
			side: 'SELL',
			quantity,
			aboveType: 'LIMIT_MAKER',
			aboveClientOrderId: ids.tp,
			abovePrice: prices.tp,
			belowType: 'STOP_LOSS',
			belowClientOrderId: ids.sl,
			...Object.fromEntries(Object.entries(stop).map(([name, value]) => [`below${name}`, value])),
			newOrderRespType: 'RESULT',
		});
		return asList(asFields(answer, 'the order list').orderReports, 'the order list reports').map((report) => parseBinanceOrder(report, false));
	}
	const single: Fields =
		prices.tp !== null
			? { symbol, side: 'SELL', type: 'LIMIT', timeInForce: 'GTC', quantity, price: prices.tp, newClientOrderId: ids.tp, newOrderRespType: 'RESULT' }
			: {
					symbol,
					side: 'SELL',
					type: 'STOP_LOSS',
					quantity,
					...(stop?.TrailingDelta !== undefined ? { trailingDelta: stop.TrailingDelta } : { stopPrice: prices.sl }),
					newClientOrderId: ids.sl,
					newOrderRespType: 'RESULT',
				};
	return [parseBinanceOrder(await call(context, 'privatePostOrder', single), false)];
}

/** The filled quantity, at most the coins free, rounded down to the step; refused when nothing is left to protect. */
async function exitQuantity(context: ExitContext, entry: BrokerOrder): Promise<string> {
	const free = freeAmount(await context.exchange.fetchBalance(), context.market.base);
	const filled = decimalText(entry.filledQuantity);
	const usable = decimalBelow(decimalText(free), filled) ? free : entry.filledQuantity;
	const quantity = exitQuantityText(context, usable);
	if (quantity === null) {
		throw new InvalidOrderError(
			`the entry ${entry.clientOrderId} filled ${filled} ${context.market.base} but only ${decimalText(free)} is free on Binance: nothing to place its take profit / stop loss for`,
			errorDetails(BROKER),
		);
	}
	return quantity;
}

/** The orders with these client ids that Binance has, in any state. */
async function existingOrders(context: ExitContext, clientOrderIds: readonly string[]): Promise<BrokerOrder[]> {
	const found: BrokerOrder[] = [];
	for (const id of clientOrderIds) {
		const order = await lookUp(context, id);
		if (order !== null) found.push(order);
	}
	return found;
}

async function lookUp(context: ExitContext, clientOrderId: string): Promise<BrokerOrder | null> {
	try {
		return parseBinanceOrder(await call(context, 'privateGetOrder', { symbol: context.market.id, origClientOrderId: clientOrderId }), false);
	} catch (error) {
		if (error instanceof OrderNotFoundError) return null;
		throw error;
	}
}

async function release(context: ExitContext, intent: OrderIntent): Promise<void> {
	if (intent.side !== 'sell') return;
	const open = asList(await call(context, 'privateGetOpenOrders', { symbol: context.market.id }), 'the open orders').map((entry) => asFields(entry, 'an open order'));
	const lists = new Set<string>();
	for (const order of open) {
		if (order.side !== 'SELL') continue;
		const listId = String(order.orderListId ?? '-1');
		if (listId !== '-1') {
			if (lists.has(listId)) continue;
			lists.add(listId);
			await cancelling(async () => await call(context, 'privateDeleteOrderList', { symbol: context.market.id, orderListId: listId }));
		} else {
			await cancelling(async () => await call(context, 'privateDeleteOrder', { symbol: context.market.id, orderId: String(order.orderId) }));
		}
	}
}

/** A cancel that finds the order gone (filled or cancelled meanwhile, -2011) is no failure: the balance read after it decides. */
async function cancelling(work: () => Promise<unknown>): Promise<void> {
	try {
		await work();
	} catch (error) {
		if (!(error instanceof OrderNotFoundError)) throw error;
	}
}

async function breakeven(context: ExitContext): Promise<BrokerOrder[]> {
	const open = asList(await call(context, 'privateGetOpenOrders', { symbol: context.market.id }), 'the open orders').map((entry) => asFields(entry, 'an open order'));
	const stops = open.filter((order) => order.side === 'SELL' && order.type === 'STOP_LOSS' && typeof order.clientOrderId === 'string' && isStopLossExit(order.clientOrderId));
	const moved: BrokerOrder[] = [];
	for (const stop of stops) {
		const current = parseBinanceOrder(stop, false);
		const { entry: entryId } = parseExitClientId(current.clientOrderId) as { entry: string };
		const entry = await lookUp(context, entryId);
		const average = entry?.averageFillPrice ?? null;
		if (average === null) {
			throw new InvalidOrderError(`the entry ${entryId} of stop loss ${current.clientOrderId} has no average fill price on Binance`, errorDetails(BROKER));
		}
		const target = exitPriceText(context, average, 'break-even stop', BROKER);
		if (current.stopPrice !== null && !decimalBelow(decimalText(current.stopPrice), target)) {
			moved.push(current);
			continue;
		}
		await refuseAtOrBelow(context, Number(target));
		const quantity = decimalText(current.quantity - current.filledQuantity);
		const ids = { tp: exitClientId(entryId, 'btp'), sl: exitClientId(entryId, 'bsl'), list: exitClientId(entryId, 'boco') };
		const listId = String(stop.orderListId ?? '-1');
		let tp: string | null = null;
		if (listId !== '-1') {
			const sibling = open.find((order) => String(order.orderListId) === listId && order.clientOrderId !== current.clientOrderId);
			tp = sibling === undefined ? null : parseBinanceOrder(sibling, false).limitPrice === null ? null : decimalText(parseBinanceOrder(sibling, false).limitPrice as number);
			await call(context, 'privateDeleteOrderList', { symbol: context.market.id, orderListId: listId });
		} else {
			await call(context, 'privateDeleteOrder', { symbol: context.market.id, origClientOrderId: current.clientOrderId });
		}
		const placed = await place(context, quantity, { tp, sl: target }, ids);
		moved.push(...placed.filter((order) => isStopLossExit(order.clientOrderId)));
	}
	return moved;
}

async function refuseAtOrBelow(context: ExitContext, target: number): Promise<void> {
	const prices = await marketPrices(context.exchange, [context.market.symbol]);
	const price = prices.get(context.market.symbol);
	if (price === undefined || price === null || price <= target) {
		throw new InvalidOrderError(
			`${context.symbol} trades at ${price ?? 'an unknown price'}, not above the entry price ${target}: a stop loss moved there would trigger at once`,
			errorDetails(BROKER),
		);
	}
}

async function call(context: ExitContext, method: string, params: Fields): Promise<unknown> {
	try {
		return await binanceImplicit(context.exchange, method)(params);
	} catch (error) {
		throw context.mapError(error);
	}
}
