import type { BrokerAccount, BrokerPosition } from '../broker';
import { binanceImplicit } from './binance-implicit';
import { asFields, asList, decimalField, optionalDecimalField, textField } from '../ccxt/ccxt-fields';
import type { CcxtExchange, CcxtParams } from '../ccxt/ccxt-types';
import { PayloadError } from '../base/payload';

/*
 * USD-M positions and account, read through ccxt's implicit (signed) API methods so that no
 * other request rides along (ccxt's fetchPositions first loads leverage brackets):
 *
 * GET /fapi/v3/positionRisk[?symbol=BTCUSDT] → [
 *   { "symbol": "BTCUSDT", "positionSide": "BOTH", "positionAmt": "-0.010", "entryPrice": "61000.0", ... }
 * ]
 * One-way mode has one BOTH row per symbol, positionAmt signed. Hedge mode has a LONG and a SHORT
 * row per symbol; the row's side gives the sign (a SHORT row counts as short whether Binance
 * writes its amount negative or not). Rows with an amount of 0 are no position.
 *
 * Reported (getPosition, listPositions): one signed net quantity per symbol, the LONG and SHORT
 * legs added up, the average price weighted by each leg's size. The Broker seam has one position
 * per symbol, and risk rules count exposure by the net. Netting is not silent where it matters:
 * usdmSides gives the legs apart, and a reduce-only order in hedge mode is refused while both
 * legs are open (binance-hedge.ts), since no single exit can be said to reduce "the" position.
 *
 * GET /fapi/v3/account → { "totalWalletBalance": "1000.5", "totalMarginBalance": "1012.3",
 *   "availableBalance": "950.1", ... }
 * Reported in USDT: cash = totalWalletBalance, equity = totalMarginBalance (wallet + unrealised
 * P&L), buyingPower = availableBalance (margin free for new orders), realisedPnl null.
 */

/** A symbol's position legs: long ≥ 0, short ≤ 0 (one-way mode's BOTH row counts on its sign's side). */
export interface UsdmSides {
	long: number;
	short: number;
}

interface PositionRow {
	symbol: string;
	/** Signed: long > 0, short < 0. */
	amount: number;
	entryPrice: number;
}

export async function usdmPositions(exchange: CcxtExchange, marketId: string | undefined): Promise<BrokerPosition[]> {
	const legs = new Map<string, { quantity: number; size: number; cost: number }>();
	for (const row of await positionRows(exchange, marketId)) {
		const leg = legs.get(row.symbol) ?? { quantity: 0, size: 0, cost: 0 };
		leg.quantity += row.amount;
		leg.size += Math.abs(row.amount);
		leg.cost += Math.abs(row.amount) * row.entryPrice;
		legs.set(row.symbol, leg);
	}
	const positions: BrokerPosition[] = [];
	for (const [symbol, leg] of [...legs].sort(([a], [b]) => a.localeCompare(b))) {
		const quantity = Number(leg.quantity.toPrecision(15));
		if (quantity === 0) continue;
		positions.push({ symbol, quantity, averagePrice: Number((leg.cost / leg.size).toPrecision(15)) });
	}
	return marketId === undefined ? positions : positions.filter((position) => position.symbol === marketId);
}

/** One symbol's legs, apart. */
export async function usdmSides(exchange: CcxtExchange, marketId: string): Promise<UsdmSides> {
	const sides: UsdmSides = { long: 0, short: 0 };
	for (const row of await positionRows(exchange, marketId)) {
		if (row.symbol !== marketId) continue;
		if (row.amount > 0) sides.long += row.amount;
		else sides.short += row.amount;
	}
	return { long: Number(sides.long.toPrecision(15)), short: Number(sides.short.toPrecision(15)) };
}

export async function usdmAccount(exchange: CcxtExchange): Promise<BrokerAccount> {
	const fields = asFields(await binanceImplicit(exchange, 'fapiPrivateV3GetAccount')({}), 'the account');
	return {
		currency: 'USDT',
		cash: decimalField(fields, 'totalWalletBalance'),
		equity: decimalField(fields, 'totalMarginBalance'),
		buyingPower: decimalField(fields, 'availableBalance'),
		realisedPnl: null,
	};
}

async function positionRows(exchange: CcxtExchange, marketId: string | undefined): Promise<PositionRow[]> {
	const params: CcxtParams = marketId === undefined ? {} : { symbol: marketId };
	const rows: PositionRow[] = [];
	for (const row of asList(await binanceImplicit(exchange, 'fapiPrivateV3GetPositionRisk')(params), 'the position list')) {
		const fields = asFields(row, 'a position');
		const raw = decimalField(fields, 'positionAmt');
		if (raw === 0) continue;
		rows.push({ symbol: textField(fields, 'symbol'), amount: signedAmount(fields.positionSide, raw), entryPrice: optionalDecimalField(fields, 'entryPrice') ?? 0 });
	}
	return rows;
}

function signedAmount(positionSide: unknown, amount: number): number {
	if (positionSide === 'LONG') return Math.abs(amount);
	if (positionSide === 'SHORT') return -Math.abs(amount);
	if (positionSide === undefined || positionSide === null || positionSide === 'BOTH') return amount;
	throw new PayloadError(`positionSide is not BOTH, LONG or SHORT: ${String(positionSide).slice(0, 20)}`);
}
