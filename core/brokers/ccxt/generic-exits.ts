import type { OrderIntent } from '../broker';
import { UnsupportedError } from '../broker-errors';
import { errorDetails } from './ccxt-errors';
import { exitPriceText, type MarketContext, type VenueExits } from './ccxt-exits';
import type { CcxtExchange, CcxtParams } from './ccxt-types';

/*
 * Exits on any other ccxt exchange, through ccxt's unified createOrder params, where ccxt says the
 * exchange takes them with the entry (exchange.has.createOrderWithTakeProfitAndStopLoss):
 *
 *   createOrder(symbol, type, side, amount, price, { …, takeProfit: { triggerPrice: <tp> },
 *                                                       stopLoss: { triggerPrice: <sl> } })
 *
 * ccxt sends them in the exchange's own fields (OKX attachAlgoOrds, Bybit takeProfit/stopLoss,
 * …); the exchange attaches them to the entry and keeps them. Prices are rounded to the market's
 * price precision. Either may be given alone. A trailing stop, or exits on an exchange for which
 * ccxt does not report this, is an UnsupportedError naming the exchange and what it lacks.
 */

export function takesExitsWithEntry(exchange: CcxtExchange): boolean {
	const flag = exchange.has.createOrderWithTakeProfitAndStopLoss;
	return flag === true || flag === 'emulated';
}

export function genericExits(exchange: CcxtExchange, label: string): VenueExits {
	const broker = exchange.id;
	return {
		check: (intent: OrderIntent) => {
			if (intent.trailingStop !== null && intent.trailingStop !== undefined) {
				throw new UnsupportedError(`${label} trailing stops with the entry are not placed by this node: use a stop-loss price`, errorDetails(broker));
			}
			if (!takesExitsWithEntry(exchange)) {
				throw new UnsupportedError(
					`${label} (ccxt ${broker}) does not take a take profit or stop loss with the entry (ccxt reports no createOrderWithTakeProfitAndStopLoss): place the exits as their own orders`,
					errorDetails(broker),
				);
			}
		},
		entryParams: (context: MarketContext, intent: OrderIntent): CcxtParams => {
			const params: CcxtParams = {};
			if (intent.takeProfitPrice !== null) params.takeProfit = { triggerPrice: Number(exitPriceText(context, intent.takeProfitPrice, 'take profit', broker)) };
			if (intent.stopLossPrice !== null) params.stopLoss = { triggerPrice: Number(exitPriceText(context, intent.stopLossPrice, 'stop loss', broker)) };
			return params;
		},
	};
}
