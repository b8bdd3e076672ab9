import type { BrokerOrder, OrderIntent } from '../broker';
import { refuseRestingEntry, trailingPercentOf } from './binance-exit-checks';
import { InvalidOrderError, OrderNotFoundError } from '../broker-errors';
import { algoOrderOpen, parseAlgoOrder } from './binance-algo-order';
import { hedgePositionSide } from './binance-hedge';
import { binanceImplicit } from './binance-implicit';
import type { PositionMode } from './binance-position-mode';
import { decimalText } from '../ccxt/ccxt-decimal';
import { errorDetails } from '../ccxt/ccxt-errors';
import { type ExitContext, exitPriceText, exitQuantityText, type VenueExits } from '../ccxt/ccxt-exits';
import { exitClientId, type ExitSuffix, isStopLossExit, parseExitClientId } from '../ccxt/ccxt-exit-ids';
import { asFields, asList, type Fields, optionalDecimalField } from '../ccxt/ccxt-fields';
import type { CcxtExchange } from '../ccxt/ccxt-types';

/*
 * Binance USD-M exits as conditional orders of its Algo Service (since 2025-12 the only way to
 * place them), once the entry has filled (a reduce-only order needs the position):
 *
 *   POST /fapi/v1/algoOrder  algoType=CONDITIONAL, symbol, side (the entry's opposite), quantity
 *     (the entry's filled quantity, rounded down to the LOT_SIZE step), clientAlgoId, and
 *     take profit     type=TAKE_PROFIT_MARKET triggerPrice=<tp>        clientAlgoId <entry>-tp
 *     stop loss       type=STOP_MARKET        triggerPrice=<sl>        clientAlgoId <entry>-sl
 *     trailing stop   type=TRAILING_STOP_MARKET callbackRate=<percent> clientAlgoId <entry>-ts
 *   one-way mode: reduceOnly=true; hedge mode: positionSide of the leg the entry opened (LONG for
 *   a buy), no reduceOnly (binance-hedge.ts).
 *
 * Trigger prices are rounded to the PRICE_FILTER tick. callbackRate is Binance's percent (1 = 1 %),
 * 0.1 to 10 in steps of 0.1: a trailing stop given as a percent outside that is refused
 * (InvalidOrderError); one given as an amount in price units is refused (UnsupportedError), not
 * converted: Binance trails by a percent only, and a percent of which price would be a guess.
 *
 * Each leg's clientAlgoId is looked up first (GET /fapi/v1/algoOrder?clientAlgoId=; unknown is
 * -2013): found, it is read back and not placed again. The legs are independent orders (no OCO):
 * when one triggers and closes the position, the other stays open, reduce-only, until an exit
 * alert (release) or a cancel at Binance removes it.
 *
 * release: before a reduce-only order, the symbol's open conditional orders on the same side that
 * only close (reduceOnly or closePosition; in hedge mode those on the leg it reduces) are
 * cancelled (DELETE /fapi/v1/algoOrder?algoId=).
 *
 * breakeven: each open STOP_MARKET exit of ours (<entry>-sl) still on the losing side of the
 * position's entry price (GET /fapi/v3/positionRisk) is replaced by <entry>-bsl at that price:
 * the new one is placed first, then the old one cancelled, so the position is never without a
 * stop. Refused (InvalidOrderError) while the mark price is not past the entry price on the
 * winning side; a stop already at or beyond it is left as it is.
 */

const BROKER = 'binance';
const MIN_CALLBACK = 0.1;
const MAX_CALLBACK = 10;

export function binanceUsdmExits(positionMode: (exchange: CcxtExchange) => Promise<PositionMode>): VenueExits {
	return {
		check: (intent) => {
			refuseRestingEntry(intent, 'USD-M');
			const trailingPercent = trailingPercentOf(intent, 'USD-M', 'callbackRate');
			if (trailingPercent !== null) callbackRate(trailingPercent);
			const { takeProfitPrice: tp, stopLossPrice: sl } = intent;
			if (tp !== null && sl !== null && (intent.side === 'buy' ? !(tp > sl) : !(tp < sl))) {
				throw new InvalidOrderError(`the take profit ${tp} of a ${intent.side} must be ${intent.side === 'buy' ? 'above' : 'below'} its stop loss ${sl}`, errorDetails(BROKER));
			}
		},
		attach: async (context, intent, entry) => await attach(context, intent, entry, await positionMode(context.exchange)),
		release: async (context, intent) => await release(context, intent, await positionMode(context.exchange)),
		breakeven: async (context) => await breakeven(context),
	};
}

/** The percent as Binance's callbackRate text, or InvalidOrderError. */
function callbackRate(percent: number): string {
	const tenths = Math.round(percent * 10);
	if (!(percent >= MIN_CALLBACK && percent <= MAX_CALLBACK) || Math.abs(tenths - percent * 10) > 1e-9) {
		throw new InvalidOrderError(`Binance USD-M trails by ${MIN_CALLBACK} to ${MAX_CALLBACK} percent in steps of 0.1, not ${percent}`, errorDetails(BROKER));
	}
	return decimalText(tenths / 10);
}

interface Leg {
	suffix: ExitSuffix;
	params: Fields;
}

async function attach(context: ExitContext, intent: OrderIntent, entry: BrokerOrder, mode: PositionMode): Promise<BrokerOrder[]> {
	const legs: Leg[] = [];
	if (intent.takeProfitPrice !== null) legs.push({ suffix: 'tp', params: { type: 'TAKE_PROFIT_MARKET', triggerPrice: exitPriceText(context, intent.takeProfitPrice, 'take profit', BROKER) } });
	if (intent.stopLossPrice !== null) legs.push({ suffix: 'sl', params: { type: 'STOP_MARKET', triggerPrice: exitPriceText(context, intent.stopLossPrice, 'stop loss', BROKER) } });
	const trailing = intent.trailingStop ?? null;
	if (trailing !== null && trailing.percent !== null) legs.push({ suffix: 'ts', params: { type: 'TRAILING_STOP_MARKET', callbackRate: callbackRate(trailing.percent) } });
	const quantity = exitQuantityText(context, entry.filledQuantity);
	if (quantity === null) {
		throw new InvalidOrderError(`the entry ${entry.clientOrderId} filled ${decimalText(entry.filledQuantity)}: nothing to place its exits for`, errorDetails(BROKER));
	}
	const exitSide = intent.side === 'buy' ? 'SELL' : 'BUY';
	const closing: Fields = mode === 'hedge' ? { positionSide: hedgePositionSide({ side: intent.side, reduceOnly: false }) } : { reduceOnly: 'true' };
	const placed: BrokerOrder[] = [];
	for (const leg of legs) {
		const clientAlgoId = exitClientId(entry.clientOrderId, leg.suffix);
		const existing = await lookUp(context, clientAlgoId);
		if (existing !== null) {
			placed.push(existing);
			continue;
		}
		const answer = await call(context, 'fapiPrivatePostAlgoOrder', {
			algoType: 'CONDITIONAL',
			symbol: context.market.id,
			side: exitSide,
			...leg.params,
			quantity,
			...closing,
			clientAlgoId,
		});
		placed.push(parseAlgoOrder(answer));
	}
	return placed;
}

async function lookUp(context: ExitContext, clientAlgoId: string): Promise<BrokerOrder | null> {
	try {
		return parseAlgoOrder(await call(context, 'fapiPrivateGetAlgoOrder', { clientAlgoId }));
	} catch (error) {
		if (error instanceof OrderNotFoundError) return null;
		throw error;
	}
}

async function openAlgoOrders(context: ExitContext): Promise<Fields[]> {
	const answer = await call(context, 'fapiPrivateGetOpenAlgoOrders', { symbol: context.market.id });
	return asList(answer, 'the open algo orders').map((entry) => asFields(entry, 'an open algo order')).filter(algoOrderOpen);
}

async function release(context: ExitContext, intent: OrderIntent, mode: PositionMode): Promise<void> {
	const side = intent.side === 'buy' ? 'BUY' : 'SELL';
	const leg = hedgePositionSide({ side: intent.side, reduceOnly: true });
	for (const order of await openAlgoOrders(context)) {
		if (order.side !== side) continue;
		const closes = mode === 'hedge' ? order.positionSide === leg : order.reduceOnly === true || order.closePosition === true;
		if (!closes) continue;
		try {
			await call(context, 'fapiPrivateDeleteAlgoOrder', { algoId: String(order.algoId) });
		} catch (error) {
			if (!(error instanceof OrderNotFoundError)) throw error;
		}
	}
}

async function breakeven(context: ExitContext): Promise<BrokerOrder[]> {
	const position = await positionOf(context);
	if (position === null) return [];
	const long = position.quantity > 0;
	const stopSide = long ? 'SELL' : 'BUY';
	const target = exitPriceText(context, position.entryPrice, 'break-even stop', BROKER);
	const moved: BrokerOrder[] = [];
	for (const order of await openAlgoOrders(context)) {
		if (order.orderType !== 'STOP_MARKET' || order.side !== stopSide || typeof order.clientAlgoId !== 'string' || !isStopLossExit(order.clientAlgoId)) continue;
		const current = parseAlgoOrder(order);
		const trigger = current.stopPrice ?? 0;
		const losing = long ? trigger < Number(target) : trigger > Number(target);
		const parsed = parseExitClientId(current.clientOrderId);
		if (!losing || parsed === null || parsed.suffix !== 'sl') {
			moved.push(current);
			continue;
		}
		const winning = long ? position.markPrice > Number(target) : position.markPrice < Number(target);
		if (!winning) {
			throw new InvalidOrderError(
				`${context.symbol} is marked at ${position.markPrice}, not past the entry price ${target} on the winning side: a stop loss moved there would trigger at once`,
				errorDetails(BROKER),
			);
		}
		const clientAlgoId = exitClientId(parsed.entry, 'bsl');
		const replacement =
			(await lookUp(context, clientAlgoId)) ??
			parseAlgoOrder(
				await call(context, 'fapiPrivatePostAlgoOrder', {
					algoType: 'CONDITIONAL',
					symbol: context.market.id,
					side: stopSide,
					type: 'STOP_MARKET',
					triggerPrice: target,
					quantity: decimalText(current.quantity),
					...(order.positionSide === 'LONG' || order.positionSide === 'SHORT' ? { positionSide: order.positionSide } : { reduceOnly: 'true' }),
					clientAlgoId,
				}),
			);
		await call(context, 'fapiPrivateDeleteAlgoOrder', { algoId: String(order.algoId) });
		moved.push(replacement);
	}
	return moved;
}

/** The symbol's net position, its entry price and mark price (GET /fapi/v3/positionRisk), or null when flat. */
async function positionOf(context: ExitContext): Promise<{ quantity: number; entryPrice: number; markPrice: number } | null> {
	const rows = asList(await call(context, 'fapiPrivateV3GetPositionRisk', { symbol: context.market.id }), 'the positions').map((row) => asFields(row, 'a position'));
	let quantity = 0;
	let size = 0;
	let cost = 0;
	let markPrice = 0;
	for (const row of rows) {
		const amount = optionalDecimalField(row, 'positionAmt') ?? 0;
		const signed = row.positionSide === 'SHORT' ? -Math.abs(amount) : amount;
		quantity += signed;
		size += Math.abs(signed);
		cost += Math.abs(signed) * (optionalDecimalField(row, 'entryPrice') ?? 0);
		markPrice = optionalDecimalField(row, 'markPrice') ?? markPrice;
	}
	if (quantity === 0 || size === 0) return null;
	return { quantity, entryPrice: Number((cost / size).toPrecision(15)), markPrice };
}

async function call(context: ExitContext, method: string, params: Fields): Promise<unknown> {
	try {
		return await binanceImplicit(context.exchange, method)(params);
	} catch (error) {
		throw context.mapError(error);
	}
}
