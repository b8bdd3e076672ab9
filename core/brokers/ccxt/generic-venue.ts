import type { BrokerAccount, BrokerPosition } from '../broker';
import { type BrokerError, OrderNotFoundError } from '../broker-errors';
import { clientIdMapping } from './ccxt-client-ids';
import { decimalText } from './ccxt-decimal';
import { errorDetails } from './ccxt-errors';
import { LIMIT_TIME_IN_FORCE } from './ccxt-intent';
import { RECENT_ORDERS, searchRecentOrders } from './ccxt-order-search';
import { parseCcxtOrder } from './ccxt-parse-order';
import { ccxtDescription } from './ccxt-description';
import { genericExits } from './generic-exits';
import { freeAmount, spotAccount, spotPositions, totalAmount } from './ccxt-spot-holdings';
import type { CcxtBalance, CcxtExchange, CcxtMarket, CcxtOrder, CcxtParams, CcxtPosition } from './ccxt-types';
import type { CcxtOrderRequest, CcxtVenue } from './ccxt-venue';

/*
 * Any other exchange ccxt supports, through ccxt's unified API only.
 *
 * - Orders: createOrder with params.clientOrderId = the intent's client order id as the exchange
 *   takes it (ccxt-client-ids.ts: e.g. OKX without the dash; ccxt sends it under the exchange's
 *   own name); stop orders with params.triggerPrice; limit orders with params.timeInForce
 *   GTC/IOC/FOK; reduceOnly only for contracts. Stop types are offered only when ccxt says the
 *   exchange has trigger orders.
 * - Finding an order by client order id: ccxt has no unified look-up by client id, so the
 *   exchange's open orders and then its closed orders of the last 24 hours (fetchClosedOrders,
 *   else fetchOrders) in the symbol are searched, page by page (ccxt-order-search.ts). An order
 *   older than that is not found (null); a search that cannot cover the 24 hours is an error,
 *   never null. Exchanges without both cannot be asked: there the broker does not retry an order
 *   whose outcome is unknown (see CcxtBroker.placeOrder).
 * - Exits: take profit and stop loss with the entry through ccxt's unified takeProfit / stopLoss
 *   params where ccxt reports createOrderWithTakeProfitAndStopLoss (capabilities.brackets), else
 *   UnsupportedError naming the exchange (generic-exits.ts).
 * - What it is and can do: ccxt-description.ts (clientOrderIdUnique 'while_open').
 * - Symbols are ccxt's unified ones (BTC/USDT); BTCUSDT is found too (ccxt-symbols.ts).
 * - Spot positions and account as in ccxt-spot-holdings.ts. Contracts (market 'linear'):
 *   fetchPositions (signed contracts × contract size, short negative) and fetchBalance in the
 *   quote asset (cash and equity = total, buying power = free).
 * - Errors by ccxt's exception classes (ccxt-errors.ts).
 */

export interface GenericVenueOptions {
	market: 'spot' | 'linear';
	quoteAsset: string;
}

export function genericVenue(exchange: CcxtExchange, options: GenericVenueOptions): CcxtVenue {
	const description = ccxtDescription(exchange, options.market);
	const { id: broker, label } = description;
	const contracts = options.market === 'linear';
	const has = (feature: string) => exchange.has[feature] === true || exchange.has[feature] === 'emulated';
	const clientIds = clientIdMapping(broker, label);
	const exits = genericExits(exchange, label);
	const findByClientId = async (ex: CcxtExchange, market: CcxtMarket, clientOrderId: string): Promise<CcxtOrder | null> => {
		const reported = clientIds.reported(clientOrderId);
		const matches = (order: CcxtOrder) => order.clientOrderId === reported;
		const open = (await ex.fetchOpenOrders(market.symbol)).find(matches);
		if (open !== undefined) return open;
		const closed = has('fetchClosedOrders') ? 'fetchClosedOrders' : 'fetchOrders';
		return await searchRecentOrders(
			{
				fetch: async (since, limit, until) => await ex[closed](market.symbol, since, limit, until === undefined ? {} : { until }),
				matches,
				label,
				broker,
				what: `the order with client order id ${clientOrderId} in ${market.symbol}`,
			},
			{ ...RECENT_ORDERS, now: Date.now() },
		);
	};
	return {
		description,
		contracts,
		exits,
		ruleNames: { quantityStep: 'amount precision', minimumQuantity: 'minimum amount', priceTick: 'price precision' },
		canFindByClientId: has('fetchOpenOrders') && (has('fetchClosedOrders') || has('fetchOrders')),
		accepts: (market) => (contracts ? market.contract === true && market.linear === true : market.spot === true),
		symbolOf: (market) => market.symbol,
		checkClientOrderId: (clientOrderId) => {
			clientIds.sent(clientOrderId);
			return clientOrderId;
		},
		notionalRule: (market, intent) => {
			const minimum = market.limits.cost?.min;
			if (typeof minimum !== 'number' || !(minimum > 0) || (contracts && intent.reduceOnly)) return null;
			return { minimum: decimalText(minimum), name: 'minimum cost' };
		},
		orderRequest: (intent, market, amounts, ex): CcxtOrderRequest => {
			const params: CcxtParams = { clientOrderId: clientIds.sent(intent.clientOrderId) };
			if (intent.takeProfitPrice !== null || intent.stopLossPrice !== null) {
				Object.assign(params, exits.entryParams?.({ exchange: ex, market, symbol: market.symbol }, intent));
			}
			if (contracts && intent.reduceOnly) params.reduceOnly = true;
			if (amounts.stopPrice !== null) params.triggerPrice = Number(amounts.stopPrice);
			if (amounts.limitPrice !== null) params.timeInForce = LIMIT_TIME_IN_FORCE[intent.timeInForce as keyof typeof LIMIT_TIME_IN_FORCE];
			const limited = amounts.limitPrice !== null;
			return {
				type: limited ? 'limit' : 'market',
				side: intent.side,
				amount: Number(amounts.quantity),
				price: limited ? Number(amounts.limitPrice) : undefined,
				params,
			};
		},
		findByClientId,
		meansNoSuchOrder: (error: BrokerError) => error instanceof OrderNotFoundError,
		cancelByClientId: async (ex, market, clientOrderId) => {
			const order = await findByClientId(ex, market, clientOrderId);
			if (order === null || typeof order.id !== 'string') {
				throw new OrderNotFoundError(`${label} has no order with client order id ${clientOrderId}`, errorDetails(broker));
			}
			await ex.cancelOrder(order.id, market.symbol);
		},
		parseOrder: (order, market) => {
			const parsed = parseCcxtOrder(order, market?.symbol);
			return { ...parsed, clientOrderId: clientIds.ours(parsed.clientOrderId) };
		},
		positions: async (ex, markets, market) =>
			contracts
				? contractPositions(await ex.fetchPositions(market === undefined ? undefined : [market.symbol]), market)
				: await spotPositions(ex, await ex.fetchBalance(), markets, market, options.quoteAsset, (entry) => entry.symbol),
		account: async (ex, markets) =>
			contracts ? contractAccount(await ex.fetchBalance(), options.quoteAsset) : await spotAccount(ex, await ex.fetchBalance(), markets, options.quoteAsset),
	};
}

function contractPositions(positions: CcxtPosition[], market: CcxtMarket | undefined): BrokerPosition[] {
	const result: BrokerPosition[] = [];
	for (const position of positions) {
		const contracts = typeof position.contracts === 'number' ? position.contracts : 0;
		if (contracts === 0 || typeof position.symbol !== 'string') continue;
		if (market !== undefined && position.symbol !== market.symbol) continue;
		const size = contracts * (typeof position.contractSize === 'number' ? position.contractSize : 1);
		result.push({
			symbol: position.symbol,
			quantity: position.side === 'short' ? -Math.abs(size) : Math.abs(size),
			averagePrice: typeof position.entryPrice === 'number' ? position.entryPrice : 0,
		});
	}
	return result;
}

function contractAccount(balance: CcxtBalance, quoteAsset: string): BrokerAccount {
	const total = totalAmount(balance, quoteAsset);
	return { currency: quoteAsset, cash: total, equity: total, buyingPower: freeAmount(balance, quoteAsset), realisedPnl: null };
}
