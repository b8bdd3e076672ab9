import type { OrderIntent } from '../broker';
import { type BrokerError, OrderNotFoundError } from '../broker-errors';
import type { BrokerDescription } from '../base/description';
import type { ErrorTable } from '../base/error-table';
import { clientIdMapping } from './ccxt-client-ids';
import { errorDetails } from './ccxt-errors';
import type { CcxtExchange, CcxtMarket, CcxtOrder, CcxtParams } from './ccxt-types';
import type { CcxtOrderRequest, CcxtVenue } from './ccxt-venue';
import { genericVenue } from './generic-venue';

/*
 * A USDT-margined perpetual swap venue whose exchange ccxt knows (Bybit linear, OKX SWAP): the
 * generic venue (ccxt's unified createOrder, takeProfit / stopLoss with the entry, positions and
 * balance) with what a perpetual needs on top, each exchange saying how (core/brokers/bybit,
 * core/brokers/okx):
 *
 * - markets: swaps settled in USDT only (BTC/USDT:USDT); TradingView's BYBIT:BTCUSDT.P,
 *   OKX:BTCUSDT.P and BTCUSDT.P find them (ccxt-symbols.ts);
 * - quantities are in the base asset (BTC) everywhere: where the exchange counts contracts (OKX
 *   BTC-USDT-SWAP, 1 contract = 0.01 BTC) an order is sent as quantity / contract size, rounded
 *   down to the lot, and orders and positions are read back × contract size;
 * - order types: market and limit. Stop entries are conditional orders kept apart from the order
 *   book (Bybit orderFilter StopOrder, OKX algo orders with algoClOrdId), whose look-up by client
 *   id differs: not placed rather than placed without the same at-most-once checks;
 * - position params (`positionParams`): one-way or hedge mode, as the credential says;
 * - leverage: set once per symbol before its first order (`setLeverage`), never on a preview;
 * - the client order id is looked up in one request (`findByClientId`), before every order and
 *   after it: the exchanges answer createOrder with the ids only, so the order is read back, and
 *   built from the request (status new) when the read-back does not find it yet;
 * - errors by the exchange's own codes (`errorTable`).
 */

export type PositionMode = 'one-way' | 'hedge';

export interface PerpetualSpec {
	/** What the broker is and can do; its id and label are the ccxt exchange's. */
	description: BrokerDescription;
	/** The exchange's params for the side of the position an order works on, and reduce-only. */
	positionParams(intent: Pick<OrderIntent, 'side' | 'reduceOnly'>): CcxtParams;
	/** The order with this client order id (as the exchange takes it), or null; throws ccxt's exceptions. */
	findByClientId(exchange: CcxtExchange, market: CcxtMarket, sentId: string): Promise<CcxtOrder | null>;
	/** Sets the leverage of the symbol; resolves when it is set or was already that. Absent: leverage left as the account has it. */
	setLeverage?(exchange: CcxtExchange, market: CcxtMarket): Promise<void>;
	errorTable: ErrorTable;
}

/** Which hedge-mode leg an order works on: an entry buy or a reduce-only sell the long, else the short. */
export function hedgeLeg(intent: Pick<OrderIntent, 'side' | 'reduceOnly'>): 'long' | 'short' {
	return (intent.side === 'buy') !== intent.reduceOnly ? 'long' : 'short';
}

export function perpetualVenue(exchange: CcxtExchange, spec: PerpetualSpec): CcxtVenue {
	const base = genericVenue(exchange, { market: 'linear', quoteAsset: 'USDT' });
	const clientIds = clientIdMapping(base.description.id, base.description.label);
	const leverageSet = new Map<string, Promise<void>>();
	const find = async (ex: CcxtExchange, market: CcxtMarket, clientOrderId: string) => await spec.findByClientId(ex, market, clientIds.sent(clientOrderId));
	const contractSize = (market: CcxtMarket): number => (typeof market.contractSize === 'number' && market.contractSize > 0 ? market.contractSize : 1);
	const inBase = (contracts: number, size: number): number => Number((contracts * size).toPrecision(15));
	return {
		...base,
		description: spec.description,
		contractSize,
		notionalRule: (market, intent) => (contractSize(market) === 1 ? base.notionalRule(market, intent) : null),
		parseOrder: (order, market) => {
			const parsed = base.parseOrder(order, market);
			const known = market ?? exchange.markets?.[parsed.symbol];
			const size = known === undefined ? 1 : contractSize(known);
			return size === 1 ? parsed : { ...parsed, quantity: inBase(parsed.quantity, size), filledQuantity: inBase(parsed.filledQuantity, size) };
		},
		canFindByClientId: true,
		errorTable: spec.errorTable,
		accepts: (market) => market.swap === true && market.linear === true && market.settle === 'USDT',
		orderRequest: async (intent, market, amounts, ex): Promise<CcxtOrderRequest> => {
			const request = await base.orderRequest(intent, market, amounts, ex);
			const params: CcxtParams = { ...request.params };
			delete params.reduceOnly;
			return { ...request, params: { ...params, ...spec.positionParams(intent) } };
		},
		prepareOrder: async (ex, market) => {
			const setLeverage = spec.setLeverage;
			if (setLeverage === undefined) return;
			let setting = leverageSet.get(market.symbol);
			if (setting === undefined) {
				setting = setLeverage(ex, market);
				leverageSet.set(market.symbol, setting);
				// a failed setting is tried again before the next order
				setting.catch(() => leverageSet.delete(market.symbol));
			}
			await setting;
		},
		findByClientId: find,
		confirmPlaced: async (ex, market, created, clientOrderId, request) => {
			const found = await find(ex, market, clientOrderId).catch(() => null);
			return found ?? placedFromRequest(created, market, clientIds.reported(clientOrderId), request);
		},
		meansNoSuchOrder: (error: BrokerError) => error instanceof OrderNotFoundError,
		cancelByClientId: async (ex, market, clientOrderId) => {
			const order = await find(ex, market, clientOrderId);
			if (order === null || typeof order.id !== 'string') {
				throw new OrderNotFoundError(`${base.description.label} has no order with client order id ${clientOrderId}`, errorDetails(base.description.id));
			}
			await ex.cancelOrder(order.id, market.symbol);
		},
	};
}

/** The order the exchange took (its id from createOrder's answer), as sent: nothing filled yet as far as is known. */
function placedFromRequest(created: CcxtOrder, market: CcxtMarket, reportedId: string, request: CcxtOrderRequest): CcxtOrder {
	return {
		id: created.id,
		clientOrderId: reportedId,
		symbol: market.symbol,
		type: request.type,
		side: request.side,
		amount: request.amount,
		price: request.price,
		filled: 0,
		status: 'new',
		info: created.info,
	};
}
