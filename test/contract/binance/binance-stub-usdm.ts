import {
	type Answer,
	CLIENT_ORDER_ID_RULE,
	illegalClientOrderId,
	invalidSymbol,
	mandatory,
	notRequired,
	ok,
	orderDoesNotExist,
	type Params,
	rejected,
	unknownOrder,
} from './binance-stub-answers';
import { notionalFailure, priceFailure, quantityFailure, USDM_MARKETS, usdmSymbolJson, type StubMarket } from './binance-stub-markets';
import { AlgoBook } from './binance-stub-algo';
import { decimal, times, units } from './binance-stub-units';

/*
 * Binance USD-M futures (/fapi/...), in memory, one-way position mode unless `hedgeMode`
 * (GET /fapi/v1/positionSide/dual answers it; POST changes it: -4059 when it already is, -4068
 * with a position open):
 * - POST /fapi/v1/order: symbol, side, type (MARKET and LIMIT: conditional types answer -4120,
 *   they go to the Algo Service since 2025-12), the parameters each needs, newClientOrderId's
 *   format, positionSide (only LONG/SHORT in hedge mode, only BOTH otherwise: -4061), reduceOnly
 *   (refused in hedge mode: -1106; must reduce the position: -2022; in hedge mode a SELL on LONG
 *   or BUY on SHORT closes that leg and is refused the same way beyond it), LOT_SIZE (-1013), price
 *   precision (-1111), PRICE_FILTER (-4014), MIN_NOTIONAL unless reduce-only (-4164), a
 *   newClientOrderId used by an OPEN order (-4116 "ClientOrderId is duplicated.").
 * - MARKET fills at once at the price and moves the position (in hedge mode, the leg named by
 *   positionSide); LIMIT rests as NEW.
 * - GET/DELETE /fapi/v1/order, GET /fapi/v1/openOrders, GET /fapi/v3/positionRisk (in hedge mode
 *   a LONG and a SHORT row per symbol, the SHORT amount negative), GET /fapi/v3/account.
 */

export interface UsdmOrder {
	orderId: number;
	symbol: string;
	status: string;
	clientOrderId: string;
	price: string;
	avgPrice: string;
	origQty: string;
	executedQty: string;
	cumQuote: string;
	timeInForce: string;
	type: string;
	reduceOnly: boolean;
	closePosition: boolean;
	side: string;
	positionSide: string;
	stopPrice: string;
	workingType: string;
	priceProtect: boolean;
	origType: string;
	priceMatch: string;
	selfTradePreventionMode: string;
	goodTillDate: number;
	time: number;
	updateTime: number;
}

interface Position {
	amount: bigint;
	entry: bigint;
}

export type HedgeLeg = 'LONG' | 'SHORT';

const LEVERAGE = 20n;

export class UsdmBook {
	readonly orders: UsdmOrder[] = [];
	/** One-way positions by symbol (signed). */
	readonly positions = new Map<string, Position>();
	/** Hedge-mode legs by "SYMBOL:LONG" / "SYMBOL:SHORT" (LONG positive, SHORT negative). */
	readonly legs = new Map<string, Position>();
	wallet: bigint;
	hedgeMode = false;
	readonly prices = new Map<string, bigint>([['BTCUSDT', units('60000') as bigint]]);
	/** Conditional orders of the Algo Service: binance-stub-algo.ts. */
	readonly algo = new AlgoBook(this);
	private nextOrderId = 5001;

	constructor(wallet: string) {
		this.wallet = units(wallet) ?? 0n;
	}

	setPrice(symbol: string, price: string): void {
		this.prices.set(symbol, units(price) as bigint);
	}

	/** A one-way position: signed amount at an entry price. */
	setPosition(symbol: string, amount: string, entry: string): void {
		const negative = amount.startsWith('-');
		const size = units(negative ? amount.slice(1) : amount) as bigint;
		this.positions.set(symbol, { amount: negative ? -size : size, entry: units(entry) as bigint });
	}

	/** A hedge-mode leg: `amount` its size (positive for either side) at an entry price. */
	setLeg(symbol: string, side: HedgeLeg, amount: string, entry: string): void {
		const size = units(amount) as bigint;
		if (size === 0n) this.legs.delete(`${symbol}:${side}`);
		else this.legs.set(`${symbol}:${side}`, { amount: side === 'LONG' ? size : -size, entry: units(entry) as bigint });
	}

	positionMode(): Answer {
		return ok({ dualSidePosition: this.hedgeMode });
	}

	changePositionMode(params: Params): Answer {
		if (params.dualSidePosition !== 'true' && params.dualSidePosition !== 'false') return mandatory('dualSidePosition');
		const hedge = params.dualSidePosition === 'true';
		if (hedge === this.hedgeMode) return rejected(-4059, 'No need to change position side.');
		if (this.positions.size > 0 || this.legs.size > 0) return rejected(-4068, 'Position side cannot be changed if there exists position.');
		if (this.orders.some((order) => order.status === 'NEW')) return rejected(-4067, 'Position side cannot be changed if there exists open orders.');
		this.hedgeMode = hedge;
		return ok({ code: 200, msg: 'success' });
	}

	exchangeInfo(): unknown {
		return { timezone: 'UTC', serverTime: Date.now(), rateLimits: [], exchangeFilters: [], assets: [], symbols: USDM_MARKETS.map(usdmSymbolJson) };
	}

	place(params: Params): { answer: Answer; stored: boolean } {
		const market = USDM_MARKETS.find((entry) => entry.symbol === params.symbol);
		const refusal = this.refusal(params, market);
		if (refusal !== null) return { answer: refusal, stored: false };
		const known = market as StubMarket;
		const quantity = units(params.quantity) as bigint;
		const now = Date.now();
		const order: UsdmOrder = {
			orderId: this.nextOrderId++,
			symbol: known.symbol,
			status: 'NEW',
			clientOrderId: params.newClientOrderId ?? `stub-${Math.random().toString(36).slice(2, 12)}`,
			price: params.price === undefined ? '0' : trim(decimal(units(params.price) as bigint)),
			avgPrice: '0.00',
			origQty: trim(decimal(quantity)),
			executedQty: '0',
			cumQuote: '0',
			timeInForce: params.timeInForce ?? 'GTC',
			type: params.type,
			reduceOnly: params.reduceOnly === 'true',
			closePosition: false,
			side: params.side,
			positionSide: params.positionSide ?? 'BOTH',
			stopPrice: '0',
			workingType: 'CONTRACT_PRICE',
			priceProtect: false,
			origType: params.type,
			priceMatch: 'NONE',
			selfTradePreventionMode: 'EXPIRE_MAKER',
			goodTillDate: 0,
			time: now,
			updateTime: now,
		};
		if (params.type === 'MARKET') {
			const price = this.prices.get(known.symbol) as bigint;
			const key = this.hedgeMode ? `${known.symbol}:${params.positionSide}` : known.symbol;
			this.fill(this.hedgeMode ? this.legs : this.positions, key, params.side === 'BUY' ? quantity : -quantity, price);
			Object.assign(order, { status: 'FILLED', avgPrice: trim(decimal(price)), executedQty: order.origQty, cumQuote: trim(decimal(times(quantity, price))) });
		}
		this.orders.push(order);
		return { answer: ok({ ...order }), stored: true };
	}

	query(params: Params): Answer {
		if (params.symbol === undefined) return mandatory('symbol');
		const order = this.lookUp(params);
		return order === undefined ? orderDoesNotExist() : ok({ ...order });
	}

	cancel(params: Params): Answer {
		if (params.symbol === undefined) return mandatory('symbol');
		const order = this.lookUp(params);
		if (order === undefined || order.status !== 'NEW') return unknownOrder();
		order.status = 'CANCELED';
		order.updateTime = Date.now();
		return ok({ ...order });
	}

	openOrders(params: Params): Answer {
		return ok(this.orders.filter((order) => order.status === 'NEW' && (params.symbol === undefined || order.symbol === params.symbol)).map((order) => ({ ...order })));
	}

	positionRisk(params: Params): Answer {
		const markets = USDM_MARKETS.filter((market) => params.symbol === undefined || market.symbol === params.symbol);
		if (markets.length === 0) return invalidSymbol();
		const rows = markets.flatMap((market) =>
			this.hedgeMode
				? (['LONG', 'SHORT'] as const).map((side) => ({ market, side, position: this.legs.get(`${market.symbol}:${side}`) }))
				: [{ market, side: 'BOTH', position: this.positions.get(market.symbol) }],
		);
		return ok(
			rows.map(({ market, side, position: held }) => {
				const position = held ?? { amount: 0n, entry: 0n };
				return {
					symbol: market.symbol,
					positionSide: side,
					positionAmt: trim(decimal(position.amount)),
					entryPrice: trim(decimal(position.entry)),
					breakEvenPrice: trim(decimal(position.entry)),
					markPrice: trim(decimal(this.prices.get(market.symbol) as bigint)),
					unRealizedProfit: '0.00000000',
					liquidationPrice: '0',
					isolatedMargin: '0',
					notional: trim(decimal(times(position.amount, this.prices.get(market.symbol) as bigint))),
					marginAsset: 'USDT',
					isolatedWallet: '0',
					initialMargin: '0',
					maintMargin: '0',
					positionInitialMargin: '0',
					openOrderInitialMargin: '0',
					adl: 0,
					bidNotional: '0',
					askNotional: '0',
					updateTime: Date.now(),
				};
			}),
		);
	}

	account(): Answer {
		const used = [...this.positions.values(), ...this.legs.values()].reduce((sum, position) => sum + times(abs(position.amount), position.entry) / LEVERAGE, 0n);
		return ok({
			totalInitialMargin: decimal(used),
			totalMaintMargin: '0.00000000',
			totalWalletBalance: decimal(this.wallet),
			totalUnrealizedProfit: '0.00000000',
			totalMarginBalance: decimal(this.wallet),
			totalPositionInitialMargin: decimal(used),
			totalOpenOrderInitialMargin: '0.00000000',
			totalCrossWalletBalance: decimal(this.wallet),
			totalCrossUnPnl: '0.00000000',
			availableBalance: decimal(this.wallet - used),
			maxWithdrawAmount: decimal(this.wallet - used),
			assets: [],
			positions: [],
		});
	}

	private refusal(params: Params, market: StubMarket | undefined): Answer | null {
		if (params.symbol === undefined) return mandatory('symbol');
		if (market === undefined) return invalidSymbol();
		if (params.side !== 'BUY' && params.side !== 'SELL') return mandatory('side');
		if (params.type === undefined) return mandatory('type');
		if (params.type !== 'MARKET' && params.type !== 'LIMIT') {
			return rejected(-4120, 'Order type not supported for this endpoint. Please use the Algo Order API endpoints instead.');
		}
		if (params.quantity === undefined) return mandatory('quantity');
		if (params.type === 'LIMIT' && (params.price === undefined || params.timeInForce === undefined)) return mandatory(params.price === undefined ? 'price' : 'timeInForce');
		if (params.type === 'MARKET' && params.price !== undefined) return notRequired('price');
		if (params.newClientOrderId !== undefined && !CLIENT_ORDER_ID_RULE.test(params.newClientOrderId)) return illegalClientOrderId('newClientOrderId');
		const positionSide = params.positionSide ?? 'BOTH';
		if (this.hedgeMode ? positionSide === 'BOTH' : positionSide !== 'BOTH') return rejected(-4061, "Order's position side does not match user's setting.");
		if (this.hedgeMode && params.reduceOnly !== undefined) return notRequired('reduceOnly');
		const quantity = units(params.quantity);
		if (quantity === null) return rejected(-1111, 'Precision is over the maximum defined for this asset.');
		const failedQuantity = quantityFailure(market, quantity);
		if (failedQuantity !== null) return failedQuantity === 'LOT_SIZE' && quantity > 0n ? rejected(-1111, 'Precision is over the maximum defined for this asset.') : rejected(-4003, 'Quantity less than or equal to zero.');
		const price = params.price === undefined ? (this.prices.get(market.symbol) as bigint) : units(params.price);
		if (price === null || (params.price !== undefined && priceFailure(market, price) !== null)) return rejected(-4014, 'Price not increased by tick size.');
		const closingLeg = this.hedgeMode && (params.side === 'SELL') === (positionSide === 'LONG');
		const reduceOnly = params.reduceOnly === 'true' || closingLeg;
		if (notionalFailure(market, quantity, price, false, reduceOnly) !== null) {
			return rejected(-4164, "Order's notional must be no smaller than 100 (unless you choose reduce only).");
		}
		if (closingLeg) {
			const leg = abs(this.legs.get(`${market.symbol}:${positionSide}`)?.amount ?? 0n);
			if (quantity > leg) return rejected(-2022, 'ReduceOnly Order is rejected.');
		} else if (reduceOnly) {
			const position = this.positions.get(market.symbol)?.amount ?? 0n;
			const reduces = params.side === 'SELL' ? position > 0n && quantity <= position : position < 0n && quantity <= -position;
			if (!reduces) return rejected(-2022, 'ReduceOnly Order is rejected.');
		}
		if (params.newClientOrderId !== undefined && this.orders.some((order) => order.clientOrderId === params.newClientOrderId && order.status === 'NEW')) {
			return rejected(-4116, 'ClientOrderId is duplicated.');
		}
		return null;
	}

	private fill(book: Map<string, Position>, key: string, signed: bigint, price: bigint): void {
		const position = book.get(key) ?? { amount: 0n, entry: 0n };
		const amount = position.amount + signed;
		const growing = position.amount === 0n || (position.amount > 0n) === (signed > 0n);
		const entry = amount === 0n ? 0n : growing ? (times(abs(position.amount), position.entry) + times(abs(signed), price)) * 100_000_000n / abs(amount) : position.entry;
		if (amount === 0n) book.delete(key);
		else book.set(key, { amount, entry });
	}

	private lookUp(params: Params): UsdmOrder | undefined {
		if (params.origClientOrderId !== undefined) {
			return [...this.orders].reverse().find((order) => order.symbol === params.symbol && order.clientOrderId === params.origClientOrderId);
		}
		return this.orders.find((order) => order.symbol === params.symbol && String(order.orderId) === params.orderId);
	}
}

function abs(value: bigint): bigint {
	return value < 0n ? -value : value;
}

/** Futures write decimals without trailing zeros: "0.00100000" → "0.001". */
function trim(text: string): string {
	return text.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}
