import type { CcxtExchange, CcxtParams } from '../ccxt/ccxt-types';
import type { CcxtVenue } from '../ccxt/ccxt-venue';
import { hedgeLeg, perpetualVenue } from '../ccxt/perpetual-venue';
import type { OkxConfig } from './okx-config';
import { OKX } from './okx-description';
import { OKX_ERRORS } from './okx-errors';

/*
 * OKX USDT perpetual swaps (v5 API, instType SWAP) through ccxt's `okx`:
 *
 * - orders: POST /api/v5/trade/order (one order, not the batch endpoint) with clOrdId = our id
 *   without the dash (tv-<hex28> → tv<hex28>: 1–32 letters and digits, ccxt-client-ids.ts), the
 *   same for a resend; tdMode = the credential's margin mode; posSide net with reduceOnly for a
 *   reduce-only order in one-way mode, in hedge mode posSide long for the long leg (an entry buy,
 *   a reduce-only sell) and short for the other, without reduceOnly (OKX takes it in net mode
 *   only); take profit / stop loss with the entry as attachAlgoOrds (ccxt's unified params).
 * - look-up by client id: GET /api/v5/trade/order?instId=&clOrdId=; 51603 "Order does not exist"
 *   is no such order.
 * - leverage: POST /api/v5/account/set-leverage {instId, lever, mgnMode} (isolated: once per
 *   leg in hedge mode, posSide long and short; net in one-way mode); setting the same leverage
 *   again is answered as a success.
 * - only swap markets are loaded (GET /api/v5/public/instruments?instType=SWAP).
 */

export function configureOkx(exchange: CcxtExchange): void {
	Object.assign(exchange.options, { fetchMarkets: { types: ['swap'] }, createOrder: 'privatePostTradeOrder' });
	// ccxt would load the currency list first (GET /api/v5/asset/currencies, a private call): not needed for swaps
	exchange.has.fetchCurrencies = false;
}

export function okxVenue(exchange: CcxtExchange, config: Pick<OkxConfig, 'positionMode' | 'marginMode' | 'leverage'>): CcxtVenue {
	const leverage = config.leverage;
	const hedge = config.positionMode === 'hedge';
	return perpetualVenue(exchange, {
		description: OKX,
		positionParams: (intent) => {
			const params: CcxtParams = { marginMode: config.marginMode, positionSide: hedge ? hedgeLeg(intent) : 'net' };
			if (intent.reduceOnly && !hedge) params.reduceOnly = true;
			return params;
		},
		findByClientId: async (ex, market, clOrdId) => await ex.fetchOrder(undefined, market.symbol, { clOrdId }),
		setLeverage:
			leverage === undefined
				? undefined
				: async (ex, market) => {
						const legs = config.marginMode === 'isolated' ? (hedge ? ['long', 'short'] : ['net']) : [undefined];
						for (const posSide of legs) {
							await ex.setLeverage(leverage, market.symbol, posSide === undefined ? { marginMode: config.marginMode } : { marginMode: config.marginMode, posSide });
						}
					},
		errorTable: OKX_ERRORS,
	});
}
