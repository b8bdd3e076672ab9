import type { BrokerTimeInForce, OrderIntent } from '../broker';
import { InvalidOrderError, UnsupportedError } from '../broker-errors';
import { plainDecimalText } from '../base/decimal-text';
import { errorDetails } from '../base/error-details';
import { TRADOVATE } from './tradovate-description';

/*
 * The body of POST /order/placeorder, and of /order/placeOSO for an entry with exits:
 *
 *   {"accountSpec":"DEMO1234567","accountId":37,"clOrdId":"tv-…","action":"Buy","symbol":"NQZ6",
 *    "orderQty":2,"orderType":"Limit","price":21000.25,"timeInForce":"Day","isAutomated":true,
 *    "bracket1":{"clOrdId":"tv-…-tp","action":"Sell","orderType":"Limit","price":21100,"timeInForce":"GTC"},
 *    "bracket2":{"clOrdId":"tv-…-sl","action":"Sell","orderType":"Stop","stopPrice":20950,"timeInForce":"GTC"}}
 *
 * isAutomated is always true: these orders are not placed by a person clicking a button, which
 * Tradovate (and the exchanges behind it) require to be declared. Quantities are whole contracts.
 */

export interface TradovateAccountRef {
	id: number;
	name: string;
}

export interface TradovateOrderBody {
	path: '/order/placeorder' | '/order/placeoso';
	body: Record<string, unknown>;
}

const ORDER_TYPES = { market: 'Market', limit: 'Limit', stop: 'Stop', stop_limit: 'StopLimit' } as const;
const TIME_IN_FORCE: Partial<Record<BrokerTimeInForce, string>> = { day: 'Day', gtc: 'GTC', ioc: 'IOC', fok: 'FOK' };

/** The id each exit of a bracket carries, derived from the entry's so a read-back finds them. */
export const exitClientOrderIds = (clientOrderId: string) => ({ takeProfit: `${clientOrderId}-tp`, stopLoss: `${clientOrderId}-sl` });

const refuse = (message: string) => new InvalidOrderError(message, errorDetails(TRADOVATE.id));

/** The contract an order names and the tick its prices are put on (the product's tickSize). */
export interface TradovateContractRef {
	name: string;
	tickSize: number;
}

export function tradovateOrderBody(intent: OrderIntent, account: TradovateAccountRef, contract: TradovateContractRef): TradovateOrderBody {
	if (!Number.isInteger(intent.quantity) || intent.quantity < 1) {
		throw refuse(`quantity ${intent.quantity} is not a whole number of contracts: Tradovate takes whole contracts only (orderQty)`);
	}
	if (intent.trailingStop !== null && intent.trailingStop !== undefined) {
		throw new UnsupportedError('Tradovate orders from alerts take no trailing stop here: use a stop loss price', errorDetails(TRADOVATE.id));
	}
	const timeInForce = TIME_IN_FORCE[intent.timeInForce];
	if (timeInForce === undefined) throw refuse(`time in force "${intent.timeInForce}" is not one Tradovate takes (day, gtc, ioc, fok)`);
	const action = intent.side === 'buy' ? 'Buy' : 'Sell';
	const exitAction = intent.side === 'buy' ? 'Sell' : 'Buy';
	const body: Record<string, unknown> = {
		accountSpec: account.name,
		accountId: account.id,
		clOrdId: intent.clientOrderId,
		action,
		symbol: contract.name,
		orderQty: intent.quantity,
		orderType: ORDER_TYPES[intent.type],
		...prices(intent, contract.tickSize),
		// A market order takes no time in force but IOC or FOK (Tradovate's own market example sends none).
		...(intent.type === 'market' && (timeInForce === 'Day' || timeInForce === 'GTC') ? {} : { timeInForce }),
		isAutomated: true,
	};
	const exits = exitClientOrderIds(intent.clientOrderId);
	const brackets: Record<string, unknown>[] = [];
	if (intent.takeProfitPrice !== null) {
		brackets.push({ clOrdId: exits.takeProfit, action: exitAction, orderType: 'Limit', price: price(intent.takeProfitPrice, 'take profit', contract.tickSize), timeInForce: 'GTC' });
	}
	if (intent.stopLossPrice !== null) {
		brackets.push({ clOrdId: exits.stopLoss, action: exitAction, orderType: 'Stop', stopPrice: price(intent.stopLossPrice, 'stop loss', contract.tickSize), timeInForce: 'GTC' });
	}
	if (brackets.length === 0) return { path: '/order/placeorder', body };
	if (intent.reduceOnly) throw refuse('a closing order takes no take profit or stop loss');
	brackets.forEach((bracket, index) => {
		body[`bracket${index + 1}`] = bracket;
	});
	return { path: '/order/placeoso', body };
}

function prices(intent: OrderIntent, tick: number): Record<string, number> {
	switch (intent.type) {
		case 'market':
			return {};
		case 'limit':
			return { price: price(intent.limitPrice, 'limit price', tick) };
		case 'stop':
			return { stopPrice: price(intent.stopPrice, 'stop price', tick) };
		case 'stop_limit':
			return { price: price(intent.limitPrice, 'limit price', tick), stopPrice: price(intent.stopPrice, 'stop price', tick) };
	}
}

/**
 * The price on the contract's tick, to the nearest: prices worked out from a percent or an amount
 * (21000 × 1.005 = 21105) fall between ticks, and a futures exchange takes only multiples of it.
 */
function price(value: number | null, what: string, tick: number): number {
	if (value === null || !Number.isFinite(value) || value <= 0) throw refuse(`a ${what} above 0 is required`);
	const onTick = onTickPrice(value, tick);
	if (onTick <= 0) throw refuse(`the ${what} ${value} is below one tick (${tick})`);
	return onTick;
}

export function onTickPrice(value: number, tick: number): number {
	// As many decimals as the tick has (0.25 → 2, 0.03125 → 5): toFixed drops the division's float noise.
	const decimals = plainDecimalText(tick).split('.')[1]?.length ?? 0;
	return Number((Math.round(value / tick) * tick).toFixed(decimals));
}
