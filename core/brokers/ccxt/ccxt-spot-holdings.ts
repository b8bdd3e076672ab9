import type { BrokerAccount, BrokerPosition } from '../broker';
import { BrokerUnavailableError, UnsupportedError } from '../broker-errors';
import { decimalText } from './ccxt-decimal';
import { errorDetails } from './ccxt-errors';
import { rounded } from './ccxt-order-amounts';
import { marketPrices } from './ccxt-spot-prices';
import type { CcxtBalance, CcxtExchange, CcxtMarket } from './ccxt-types';
import { PayloadError } from '../base/payload';

/*
 * A spot account has balances, not positions. Reported as positions:
 * - every asset held (free + locked, ccxt's `total`) is a long position in the market that
 *   sells it for the account's quote asset (BTC held, quote USDT → BTCUSDT), assets without such
 *   a market are left out, the quote asset itself too;
 * - getPosition(symbol) is the holding of that market's base asset, whatever its quote;
 * - the quantity is rounded DOWN to the market's quantity step: less than one step cannot be
 *   sold, so dust is no position (a close would otherwise be refused as rounding to 0);
 * - averagePrice is 0 (a balance carries no entry price); marketPrice is the market's current
 *   price (ccxt-spot-prices.ts), in the market's quote: for listPositions the account's quote.
 * The account, in the quote asset: cash and buying power are its free balance; equity is its
 * total plus every other asset held valued at its current price — through the asset's market in
 * the quote (BTC/USDT), else the quote's market in the asset (USDT/TRY: 1 / price). Dust (less
 * than one quantity step of the asset's market) is left out. realisedPnl is null.
 *
 * Nothing is counted as worth 0 for want of a price:
 * - an asset without a market either way (a delisted coin, a savings token): UnsupportedError
 *   naming the asset — the account's equity cannot be measured while it is there;
 * - a market whose ticker carries no price: BrokerUnavailableError naming the asset and market.
 * Requests: the balance (Binance: GET /api/v3/account), then one ticker request for the markets
 * held (Binance: GET /api/v3/ticker/24hr?symbols=[…]) when something other than the quote is held.
 */

export async function spotPositions(
	exchange: CcxtExchange,
	balance: CcxtBalance,
	markets: readonly CcxtMarket[],
	market: CcxtMarket | undefined,
	quoteAsset: string,
	symbolOf: (market: CcxtMarket) => string,
): Promise<BrokerPosition[]> {
	const totals = balance.total ?? {};
	const candidates = market !== undefined ? [market] : heldAssets(totals, quoteAsset).map((asset) => directMarket(markets, asset, quoteAsset));
	const held: { market: CcxtMarket; quantity: number }[] = [];
	for (const candidate of candidates) {
		const quantity = candidate === undefined ? 0 : roundedDown(exchange, candidate, totals[candidate.base]);
		if (quantity > 0) held.push({ market: candidate as CcxtMarket, quantity });
	}
	const prices = await marketPrices(exchange, held.map((entry) => entry.market.symbol));
	return held.map(({ market: entry, quantity }) => ({
		symbol: symbolOf(entry),
		quantity,
		averagePrice: 0,
		marketPrice: priceOrThrow(exchange, prices, entry.symbol, entry.base, quantity, entry.quote),
	}));
}

export async function spotAccount(exchange: CcxtExchange, balance: CcxtBalance, markets: readonly CcxtMarket[], quoteAsset: string): Promise<BrokerAccount> {
	const free = amountOf(balance.free, quoteAsset);
	const valued: { asset: string; amount: number; symbol: string; inverse: boolean }[] = [];
	const unvalued: string[] = [];
	for (const asset of heldAssets(balance.total ?? {}, quoteAsset)) {
		const amount = amountOf(balance.total, asset);
		const direct = directMarket(markets, asset, quoteAsset);
		if (direct !== undefined) {
			if (roundedDown(exchange, direct, amount) > 0) valued.push({ asset, amount, symbol: direct.symbol, inverse: false });
			continue;
		}
		const inverse = markets.find((entry) => entry.base === quoteAsset && entry.quote === asset);
		if (inverse !== undefined) valued.push({ asset, amount, symbol: inverse.symbol, inverse: true });
		else unvalued.push(`${decimalText(amount)} ${asset}`);
	}
	if (unvalued.length > 0) {
		throw new UnsupportedError(
			`${labelOf(exchange)} has no market to value ${unvalued.join(', ')} in ${quoteAsset}, so the account's equity cannot be measured: keep such coins in another (sub-)account`,
			errorDetails(exchange.id),
		);
	}
	const prices = await marketPrices(exchange, valued.map((entry) => entry.symbol));
	let equity = amountOf(balance.total, quoteAsset);
	for (const { asset, amount, symbol, inverse } of valued) {
		const price = priceOrThrow(exchange, prices, symbol, asset, amount, quoteAsset);
		equity += inverse ? amount / price : amount * price;
	}
	return { currency: quoteAsset, cash: free, equity: Number(equity.toPrecision(15)), buyingPower: free, realisedPnl: null };
}

/** The asset's free balance (not locked in open orders): what a sell can use now. */
export function freeAmount(balance: CcxtBalance, asset: string): number {
	return amountOf(balance.free, asset);
}

/** The asset's total balance, free + locked. */
export function totalAmount(balance: CcxtBalance, asset: string): number {
	return amountOf(balance.total, asset);
}

function heldAssets(totals: Record<string, number | undefined>, quoteAsset: string): string[] {
	return Object.keys(totals)
		.filter((asset) => asset !== quoteAsset && amountOf(totals, asset) > 0)
		.sort();
}

function directMarket(markets: readonly CcxtMarket[], asset: string, quoteAsset: string): CcxtMarket | undefined {
	const matching = markets.filter((entry) => entry.base === asset && entry.quote === quoteAsset);
	return matching.find((entry) => entry.active !== false) ?? matching[0];
}

function priceOrThrow(exchange: CcxtExchange, prices: Map<string, number>, symbol: string, asset: string, amount: number, currency: string): number {
	const price = prices.get(symbol);
	if (price !== undefined) return price;
	throw new BrokerUnavailableError(
		`${labelOf(exchange)} gave no price for ${symbol}, so the ${decimalText(amount)} ${asset} held cannot be valued in ${currency}`,
		errorDetails(exchange.id),
	);
}

function labelOf(exchange: CcxtExchange): string {
	return typeof exchange.name === 'string' && exchange.name !== '' ? exchange.name : exchange.id;
}

function amountOf(amounts: Record<string, number | undefined> | undefined, asset: string): number {
	const value = amounts?.[asset];
	if (value === undefined || value === null) return 0;
	if (typeof value !== 'number' || !Number.isFinite(value)) throw new PayloadError(`the ${asset} balance is not a number`);
	return value;
}

function roundedDown(exchange: CcxtExchange, market: CcxtMarket, total: number | undefined): number {
	if (typeof total !== 'number' || !Number.isFinite(total) || total <= 0) return 0;
	// less than one step rounds to nothing: dust, not a position
	const text = rounded(() => exchange.amountToPrecision(market.symbol, total));
	return text === null ? 0 : Number(text);
}
