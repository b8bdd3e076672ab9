import { z } from 'zod';

import type { BrokerOrder } from '../broker';
import { parsedBy } from '../base/payload';
import type { RestClient } from '../base/rest-client';
import { parseDecimal } from './oanda-decimal';
import { OANDA_PATHS } from './oanda-paths';

/*
 * Moves the stop losses of an instrument's open trades to break-even: each trade's own price (what
 * it was opened at), never loosening one. OANDA keeps exits per trade, so each trade is read and
 * replaced on its own:
 *
 *   GET /v3/accounts/{id}/openTrades
 *   {"trades": [{"id": "6373", "instrument": "EUR_USD", "price": "1.10000", "currentUnits": "100",
 *     "stopLossOrder": {"id": "6375", "type": "STOP_LOSS", "price": "1.09000", "state": "PENDING", …},
 *     "trailingStopLossOrder": {"id": "6376", "distance": "0.00500", "trailingStopValue": "1.09500", …}}]}
 *
 *   PUT /v3/accounts/{id}/trades/6373/orders  {"stopLoss": {"price": "1.10000", "timeInForce": "GTC"}}
 *   → {"stopLossOrderCancelTransaction": {…}, "stopLossOrderTransaction": {"id": "6380",
 *      "type": "STOP_LOSS_ORDER", "tradeID": "6373", "price": "1.10000", …}, …}
 *
 * OANDA cancels the old stop loss and creates the new one in one step. A stop loss already at or
 * past the trade's price is left as it is, and so is a trailing stop (it trails by its distance).
 * Returns the trades' stops as they now stand (a dependent order carries no client order id: the
 * field is empty).
 */

const decimalText = z.string().regex(/^-?\d+(\.\d+)?$/);

const stopOrderSchema = z.object({ id: z.string(), price: decimalText, state: z.string().optional(), createTime: z.string().optional() });
const trailingOrderSchema = z.object({ id: z.string(), trailingStopValue: decimalText.optional(), state: z.string().optional(), createTime: z.string().optional() });

const tradeSchema = z.object({
	id: z.string(),
	instrument: z.string(),
	price: decimalText,
	currentUnits: decimalText,
	openTime: z.string().optional(),
	stopLossOrder: stopOrderSchema.optional(),
	trailingStopLossOrder: trailingOrderSchema.optional(),
});

const openTradesSchema = z.object({ trades: z.array(tradeSchema) });
const replacedSchema = z.object({ stopLossOrderTransaction: z.object({ id: z.string(), price: decimalText, time: z.string().optional() }) });

type Trade = z.infer<typeof tradeSchema>;

const parseOpenTrades = parsedBy(openTradesSchema, 'no readable trades list');
const parseReplaced = parsedBy(replacedSchema, 'no stopLossOrderTransaction; the stop loss may have moved');

export async function moveOandaStopsToBreakeven(client: RestClient, instrument: string): Promise<BrokerOrder[]> {
	const { trades } = await client.request('GET', OANDA_PATHS.openTrades, parseOpenTrades);
	const stops: BrokerOrder[] = [];
	for (const trade of trades) {
		if (trade.instrument !== instrument) continue;
		const long = Number(trade.currentUnits) > 0;
		if (trade.stopLossOrder) {
			const current = Number(trade.stopLossOrder.price);
			const breakeven = Number(trade.price);
			const tighter = long ? breakeven > current : breakeven < current;
			if (!tighter) {
				stops.push(stopOf(trade, trade.stopLossOrder.id, current, trade.stopLossOrder.createTime));
				continue;
			}
			const replaced = await client.request('PUT', OANDA_PATHS.tradeOrders(trade.id), parseReplaced, {
				body: { stopLoss: { price: trade.price, timeInForce: 'GTC' } },
			});
			const transaction = replaced.stopLossOrderTransaction;
			stops.push(stopOf(trade, transaction.id, Number(transaction.price), transaction.time));
		}
		if (trade.trailingStopLossOrder) {
			const value = parseDecimal(trade.trailingStopLossOrder.trailingStopValue);
			stops.push(stopOf(trade, trade.trailingStopLossOrder.id, value, trade.trailingStopLossOrder.createTime));
		}
	}
	return stops;
}

function stopOf(trade: Trade, id: string, stopPrice: number | null, createdAt: string | undefined): BrokerOrder {
	const units = Number(trade.currentUnits);
	return {
		brokerOrderId: id,
		clientOrderId: '',
		symbol: trade.instrument,
		side: units > 0 ? 'sell' : 'buy',
		type: 'stop',
		quantity: Math.abs(units),
		limitPrice: null,
		stopPrice,
		status: 'open',
		filledQuantity: 0,
		averageFillPrice: null,
		createdAt: isoTime(createdAt),
	};
}

/** OANDA's RFC 3339 with nanoseconds, cut to milliseconds. */
function isoTime(value: string | undefined): string {
	const at = value === undefined ? Number.NaN : Date.parse(value.replace(/(\.\d{3})\d+/, '$1'));
	return Number.isNaN(at) ? '' : new Date(at).toISOString();
}
