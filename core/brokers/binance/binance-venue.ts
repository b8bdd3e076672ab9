import type { OrderIntent } from '../broker';
import { type BrokerError, InvalidOrderError } from '../broker-errors';
import { parseAlgoOrder } from './binance-algo-order';
import { BINANCE_BROKER_NAME, BINANCE_SPOT, BINANCE_USDM } from './binance-description';
import { BINANCE_ERRORS } from './binance-errors';
import { binanceImplicit } from './binance-implicit';
import { parseExitClientId } from '../ccxt/ccxt-exit-ids';
import { hedgeExitRefusal, hedgePositionSide } from './binance-hedge';
import { parseBinanceOrder } from './binance-parse-order';
import { type PositionMode, PositionModeCache, readPositionMode } from './binance-position-mode';
import { usdmAccount, usdmPositions, usdmSides } from './binance-usdm-holdings';
import { decimalText } from '../ccxt/ccxt-decimal';
import { errorDetails } from '../ccxt/ccxt-errors';
import { asFields, asList, type Fields } from '../ccxt/ccxt-fields';
import { LIMIT_TIME_IN_FORCE } from '../ccxt/ccxt-intent';
import { binanceSpotExits } from './binance-spot-exits';
import { binanceUsdmExits } from './binance-usdm-exits';
import { spotAccount, spotPositions } from '../ccxt/ccxt-spot-holdings';
import type { CcxtExchange, CcxtMarket, CcxtParams } from '../ccxt/ccxt-types';
import type { CcxtOrderRequest, CcxtVenue, NotionalRule, OrderAmounts } from '../ccxt/ccxt-venue';

/*
 * Binance spot and USD-M futures through ccxt.
 *
 * Orders (POST /api/v3/order, POST /fapi/v1/order) carry newClientOrderId = the intent's client
 * order id (^[a-zA-Z0-9-_]{1,36}$, Binance spot's rule, the stricter of the two). Types:
 *   spot   market → MARKET (quantity, never quoteOrderQty), limit → LIMIT + timeInForce,
 *          stop → STOP_LOSS (stopPrice), stop_limit → STOP_LOSS_LIMIT (+ price, timeInForce)
 *   USD-M  market → MARKET, limit → LIMIT + timeInForce; in one-way mode reduceOnly=true for a
 *          reduce-only intent. Stop orders are not placed: since 2025-12 Binance takes USD-M conditional
 *          orders only through its Algo Service (POST /fapi/v1/algoOrder, clientAlgoId), whose
 *          duplicate and look-up answers differ from orders'; refused as UnsupportedError
 *          rather than sent without the same at-most-once guarantees.
 * Exits (take profit, stop loss; USD-M also a trailing stop by percent) are placed once the entry
 * has filled (Broker.attachExits): spot as an OCO order list or a single order
 * (binance-spot-exits.ts), USD-M as conditional orders of the Algo Service (binance-usdm-exits.ts).
 * USD-M position mode: read from the account (GET /fapi/v1/positionSide/dual, cached briefly:
 * binance-position-mode.ts), never assumed. In hedge mode every order carries positionSide and
 * no reduceOnly flag, a reduce-only order is checked against the leg it reduces (binance-hedge.ts);
 * in one-way mode positionSide is left out (Binance takes BOTH).
 *
 * Binance takes a reused newClientOrderId when the first order is no longer open ("unique among
 * open orders"), so a resent market order that has filled would be placed twice; the broker
 * therefore asks for the client order id (GET /api/v3/order?origClientOrderId=…, or
 * /fapi/v1/order) before every order. Not found there is -2013 "Order does not exist.", which is
 * "no such order" (null), never an error; it is not proof the order was never taken either: an
 * order Binance has just taken may not be readable yet, so placeOnce reads back more than once
 * before a resend (capabilities.clientOrderIdUnique 'while_open').
 */

export const BINANCE_CLIENT_ORDER_ID = /^[a-zA-Z0-9-_]{1,36}$/;

export interface BinanceVenueOptions {
	market: 'spot' | 'usdm';
	/** Spot: the asset cash is counted in and positions are quoted in. */
	quoteAsset: string;
	/** USD-M: the clock the position mode is cached by (tests). */
	now?: () => number;
}

export function binanceVenue(options: BinanceVenueOptions): CcxtVenue {
	const contracts = options.market === 'usdm';
	const modes = new PositionModeCache(options.now);
	const positionMode = async (exchange: CcxtExchange): Promise<PositionMode> => await modes.mode(async () => await readPositionMode(exchange));
	return {
		description: contracts ? BINANCE_USDM : BINANCE_SPOT,
		contracts,
		exits: contracts ? binanceUsdmExits(positionMode) : binanceSpotExits(),
		ruleNames: { quantityStep: 'LOT_SIZE step', minimumQuantity: 'LOT_SIZE minimum quantity', priceTick: 'PRICE_FILTER tick' },
		canFindByClientId: true,
		errorTable: BINANCE_ERRORS,
		accepts: (market) => (contracts ? market.contract === true && market.linear === true : market.spot === true),
		symbolOf: (market) => market.id,
		checkClientOrderId: (clientOrderId) => {
			if (typeof clientOrderId !== 'string' || !BINANCE_CLIENT_ORDER_ID.test(clientOrderId)) {
				throw new InvalidOrderError(
					`Binance takes client order ids of 1 to 36 letters, digits, - and _, not ${JSON.stringify(String(clientOrderId).slice(0, 40))}`,
					errorDetails(BINANCE_BROKER_NAME),
				);
			}
			return clientOrderId;
		},
		notionalRule: (market, intent) => (contracts ? usdmNotional(market, intent) : spotNotional(market, intent)),
		orderRequest: async (intent, _market, amounts, exchange) =>
			contracts ? usdmRequest(intent, amounts, await positionMode(exchange)) : spotRequest(intent, amounts),
		checkOrder: async (exchange, market, intent, quantity) => {
			if (!contracts || !intent.reduceOnly || (await positionMode(exchange)) !== 'hedge') return;
			const refusal = hedgeExitRefusal(intent, quantity, market.id, await usdmSides(exchange, market.id));
			if (refusal !== null) throw refusal;
		},
		findByClientId: async (exchange, market, clientOrderId) =>
			contracts && parseExitClientId(clientOrderId) !== null
				? { info: await binanceImplicit(exchange, 'fapiPrivateGetAlgoOrder')({ clientAlgoId: clientOrderId }) }
				: await exchange.fetchOrder(undefined, market.symbol, { origClientOrderId: clientOrderId }),
		meansNoSuchOrder: (error: BrokerError) => error.details.brokerCode === -2013,
		cancelByClientId: async (exchange, market, clientOrderId) => {
			if (contracts && parseExitClientId(clientOrderId) !== null) await binanceImplicit(exchange, 'fapiPrivateDeleteAlgoOrder')({ clientAlgoId: clientOrderId });
			else await exchange.cancelOrder(undefined, market.symbol, { origClientOrderId: clientOrderId });
		},
		openExitOrders: contracts
			? async (exchange, market) => {
					const answer = await binanceImplicit(exchange, 'fapiPrivateGetOpenAlgoOrders')(market === undefined ? {} : { symbol: market.id });
					return asList(answer, 'the open algo orders').map((info) => ({ info }));
				}
			: undefined,
		// a USD-M exit is an algo order (algoId, clientAlgoId): binance-algo-order.ts
		parseOrder: (order) => (contracts && asFields(order.info, 'the order').algoId !== undefined ? parseAlgoOrder(order.info) : parseBinanceOrder(order.info, contracts)),
		positions: async (exchange, markets, market) =>
			contracts
				? await usdmPositions(exchange, market?.id)
				: await spotPositions(exchange, await exchange.fetchBalance(), markets, market, options.quoteAsset, (entry) => entry.id),
		account: async (exchange, markets) =>
			contracts ? await usdmAccount(exchange) : await spotAccount(exchange, await exchange.fetchBalance(), markets, options.quoteAsset),
	};
}

function spotRequest(intent: OrderIntent, amounts: OrderAmounts): CcxtOrderRequest {
	const params: CcxtParams = { newClientOrderId: intent.clientOrderId };
	const amount = Number(amounts.quantity);
	const limit = amounts.limitPrice === null ? undefined : Number(amounts.limitPrice);
	const timeInForce = LIMIT_TIME_IN_FORCE[intent.timeInForce as keyof typeof LIMIT_TIME_IN_FORCE];
	switch (intent.type) {
		case 'market':
			// no price: ccxt would turn a market buy with a price into a quoteOrderQty order
			return { type: 'market', side: intent.side, amount, price: undefined, params };
		case 'limit':
			return { type: 'limit', side: intent.side, amount, price: limit, params: { ...params, timeInForce } };
		case 'stop':
			// ccxt: a market order with a trigger price is STOP_LOSS on spot
			return { type: 'market', side: intent.side, amount, price: undefined, params: { ...params, triggerPrice: Number(amounts.stopPrice) } };
		case 'stop_limit':
			// ccxt: a limit order with a trigger price is STOP_LOSS_LIMIT on spot
			return { type: 'limit', side: intent.side, amount, price: limit, params: { ...params, triggerPrice: Number(amounts.stopPrice), timeInForce } };
	}
}

function usdmRequest(intent: OrderIntent, amounts: OrderAmounts, positionMode: PositionMode): CcxtOrderRequest {
	const params: CcxtParams = { newClientOrderId: intent.clientOrderId };
	if (positionMode === 'hedge') {
		params.positionSide = hedgePositionSide(intent);
	} else if (intent.reduceOnly) {
		params.reduceOnly = true;
	}
	const amount = Number(amounts.quantity);
	if (intent.type === 'limit') {
		const timeInForce = LIMIT_TIME_IN_FORCE[intent.timeInForce as keyof typeof LIMIT_TIME_IN_FORCE];
		return { type: 'limit', side: intent.side, amount, price: Number(amounts.limitPrice), params: { ...params, timeInForce } };
	}
	return { type: 'market', side: intent.side, amount, price: undefined, params };
}

/**
 * Spot: NOTIONAL (minNotional; for market and stop orders only when applyMinToMarket) or the
 * older MIN_NOTIONAL (minNotional; applyToMarket likewise).
 */
function spotNotional(market: CcxtMarket, intent: OrderIntent): NotionalRule | null {
	const atMarket = intent.type === 'market' || intent.type === 'stop';
	for (const [name, appliesToMarket] of [
		['NOTIONAL', 'applyMinToMarket'],
		['MIN_NOTIONAL', 'applyToMarket'],
	] as const) {
		const filter = filterOf(market, name);
		if (filter === null) continue;
		if (atMarket && filter[appliesToMarket] === false) return null;
		return ruleOf(filter.minNotional, name);
	}
	return null;
}

/** USD-M: MIN_NOTIONAL (notional), which Binance waives for reduce-only orders. */
function usdmNotional(market: CcxtMarket, intent: OrderIntent): NotionalRule | null {
	if (intent.reduceOnly) return null;
	const filter = filterOf(market, 'MIN_NOTIONAL');
	return filter === null ? null : ruleOf(filter.notional ?? filter.minNotional, 'MIN_NOTIONAL');
}

function ruleOf(minimum: unknown, name: string): NotionalRule | null {
	const value = typeof minimum === 'string' || typeof minimum === 'number' ? Number(minimum) : Number.NaN;
	return Number.isFinite(value) && value > 0 ? { minimum: decimalText(value), name } : null;
}

function filterOf(market: CcxtMarket, type: string): Fields | null {
	const filters = asList(asFields(market.info, 'the market').filters ?? [], 'the market filters');
	const found = filters.find((filter) => asFields(filter, 'a market filter').filterType === type);
	return found === undefined ? null : (found as Fields);
}
