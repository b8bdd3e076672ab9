import { capturedAnswer } from '../ccxt/ccxt-error-capture';
import { asFields, asList } from '../ccxt/ccxt-fields';
import type { CcxtExchange, CcxtMarket, CcxtOrder, CcxtParams } from '../ccxt/ccxt-types';
import type { CcxtVenue } from '../ccxt/ccxt-venue';
import { hedgeLeg, perpetualVenue, type PositionMode } from '../ccxt/perpetual-venue';
import { BYBIT } from './bybit-description';
import { BYBIT_ERRORS, BYBIT_LEVERAGE_NOT_MODIFIED } from './bybit-errors';

/*
 * Bybit USDT perpetuals (V5 API, category linear) through ccxt's `bybit`:
 *
 * - orders: POST /v5/order/create with orderLinkId = our client order id as is (1–36 of
 *   [A-Za-z0-9_-]); positionIdx 0 in one-way mode, in hedge mode 1 for the long leg (an entry buy,
 *   a reduce-only sell) and 2 for the short; reduceOnly true for a reduce-only order in either mode;
 *   takeProfit / stopLoss with the entry (ccxt's unified params).
 * - look-up by client id: GET /v5/order/realtime?category=linear&symbol=&orderLinkId= (open
 *   orders and the 500 most recent closed ones), then GET /v5/order/history with the same query;
 *   both empty: no such order.
 * - leverage: POST /v5/position/set-leverage (buyLeverage = sellLeverage); 110043 "Set leverage
 *   not modified" means it already is.
 * - the account is taken as a unified trading account (Bybit's only kind for new accounts), so
 *   ccxt does not ask /v5/user/query-api before its first order; only linear markets are loaded
 *   (GET /v5/market/instruments-info?category=linear).
 */

const BYBIT_OPTIONS: CcxtParams = { enableUnifiedAccount: true, enableUnifiedMargin: false, fetchMarkets: { types: ['linear'] } };

export function configureBybit(exchange: CcxtExchange): void {
	Object.assign(exchange.options, BYBIT_OPTIONS);
	// ccxt would load the coin list first (GET /v5/asset/coin/query-info, a private call): not needed for linear contracts
	exchange.has.fetchCurrencies = false;
}

type Implicit = (params: CcxtParams) => Promise<unknown>;

function implicit(exchange: CcxtExchange, name: string): Implicit {
	const method = exchange[name] as Implicit;
	return (params) => method.call(exchange, params);
}

async function firstOrder(exchange: CcxtExchange, market: CcxtMarket, endpoint: string, orderLinkId: string): Promise<CcxtOrder | null> {
	const answer = asFields(await implicit(exchange, endpoint)({ category: 'linear', symbol: market.id, orderLinkId }), 'the order query');
	const list = asList(asFields(answer.result, 'the order query result').list, 'the order list');
	const raw = list.find((entry) => asFields(entry, 'an order').orderLinkId === orderLinkId);
	if (raw === undefined) return null;
	return exchange.parseOrder(raw, market);
}

export function bybitVenue(exchange: CcxtExchange, options: { positionMode: PositionMode; leverage?: number }): CcxtVenue {
	const leverage = options.leverage;
	return perpetualVenue(exchange, {
		description: BYBIT,
		positionParams: (intent) => {
			const params: CcxtParams = { positionIdx: options.positionMode === 'hedge' ? (hedgeLeg(intent) === 'long' ? 1 : 2) : 0 };
			if (intent.reduceOnly) params.reduceOnly = true;
			return params;
		},
		findByClientId: async (ex, market, orderLinkId) =>
			(await firstOrder(ex, market, 'privateGetV5OrderRealtime', orderLinkId)) ?? (await firstOrder(ex, market, 'privateGetV5OrderHistory', orderLinkId)),
		setLeverage:
			leverage === undefined
				? undefined
				: async (ex, market) => {
						try {
							await ex.setLeverage(leverage, market.symbol);
						} catch (error) {
							if (Number(asCode(error)) !== BYBIT_LEVERAGE_NOT_MODIFIED) throw error;
						}
					},
		errorTable: BYBIT_ERRORS,
	});
}

function asCode(error: unknown): unknown {
	const json = capturedAnswer(error)?.json;
	return json !== null && typeof json === 'object' ? (json as Record<string, unknown>).retCode : undefined;
}
