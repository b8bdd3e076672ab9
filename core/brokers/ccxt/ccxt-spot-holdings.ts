import type { BrokerAccount, BrokerPosition } from '../broker';
import { rounded } from './ccxt-order-amounts';
import type { CcxtBalance, CcxtExchange, CcxtMarket } from './ccxt-types';
import { CcxtPayloadError } from './ccxt-venue';

/*
 * A spot account has balances, not positions. Reported as positions:
 * - every asset held (free + locked, ccxt's `total`) is a long position in the market that
 *   sells it for the account's quote asset (BTC held, quote USDT → BTCUSDT), assets without such
 *   a market are left out, the quote asset itself too;
 * - getPosition(symbol) is the holding of that market's base asset, whatever its quote;
 * - the quantity is rounded DOWN to the market's quantity step: less than one step cannot be
 *   sold, so dust is no position (a close would otherwise be refused as rounding to 0);
 * - averagePrice is 0: a balance carries no entry price.
 * The account: cash and buying power are the quote asset's free balance, equity its total
 * (free + locked); other assets are not valued in the quote (that would need a price for each).
 * realisedPnl is null. Both come from one balance request (Binance: GET /api/v3/account).
 */

export function spotPositions(
	exchange: CcxtExchange,
	balance: CcxtBalance,
	markets: readonly CcxtMarket[],
	market: CcxtMarket | undefined,
	quoteAsset: string,
	symbolOf: (market: CcxtMarket) => string,
): BrokerPosition[] {
	const totals = balance.total ?? {};
	const held = (candidate: CcxtMarket): BrokerPosition | null => {
		const quantity = roundedDown(exchange, candidate, totals[candidate.base]);
		return quantity > 0 ? { symbol: symbolOf(candidate), quantity, averagePrice: 0 } : null;
	};
	if (market !== undefined) {
		const position = held(market);
		return position === null ? [] : [position];
	}
	const positions: BrokerPosition[] = [];
	for (const asset of Object.keys(totals).sort()) {
		if (asset === quoteAsset) continue;
		const candidate = markets.find((entry) => entry.base === asset && entry.quote === quoteAsset);
		const position = candidate === undefined ? null : held(candidate);
		if (position !== null) positions.push(position);
	}
	return positions;
}

export function spotAccount(balance: CcxtBalance, quoteAsset: string): BrokerAccount {
	const free = amountOf(balance.free, quoteAsset);
	return { currency: quoteAsset, cash: free, equity: amountOf(balance.total, quoteAsset), buyingPower: free, realisedPnl: null };
}

function amountOf(amounts: Record<string, number | undefined> | undefined, asset: string): number {
	const value = amounts?.[asset];
	if (value === undefined || value === null) return 0;
	if (typeof value !== 'number' || !Number.isFinite(value)) throw new CcxtPayloadError(`the ${asset} balance is not a number`);
	return value;
}

function roundedDown(exchange: CcxtExchange, market: CcxtMarket, total: number | undefined): number {
	if (typeof total !== 'number' || !Number.isFinite(total) || total <= 0) return 0;
	// less than one step rounds to nothing: dust, not a position
	const text = rounded(() => exchange.amountToPrecision(market.symbol, total));
	return text === null ? 0 : Number(text);
}
