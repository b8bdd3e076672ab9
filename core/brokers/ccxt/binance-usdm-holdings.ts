import type { BrokerAccount, BrokerPosition } from '../broker';
import { asFields, asList, decimalField, optionalDecimalField, textField } from './ccxt-fields';
import type { CcxtExchange, CcxtParams } from './ccxt-types';
import { CcxtPayloadError } from './ccxt-venue';

/*
 * USD-M positions and account, read through ccxt's implicit (signed) API methods so that no
 * other request rides along (ccxt's fetchPositions first loads leverage brackets):
 *
 * GET /fapi/v3/positionRisk[?symbol=BTCUSDT] → [
 *   { "symbol": "BTCUSDT", "positionSide": "BOTH", "positionAmt": "-0.010", "entryPrice": "61000.0", ... }
 * ]
 * One-way mode has one BOTH row per symbol, positionAmt signed. Hedge mode has a LONG and a SHORT
 * row (SHORT's amount negative): they are netted into one signed quantity, the average price
 * weighted by each leg's size. Rows with an amount of 0 are no position.
 *
 * GET /fapi/v3/account → { "totalWalletBalance": "1000.5", "totalMarginBalance": "1012.3",
 *   "availableBalance": "950.1", ... }
 * Reported in USDT: cash = totalWalletBalance, equity = totalMarginBalance (wallet + unrealised
 * P&L), buyingPower = availableBalance (margin free for new orders), realisedPnl null.
 */

export async function usdmPositions(exchange: CcxtExchange, marketId: string | undefined): Promise<BrokerPosition[]> {
	const params: CcxtParams = marketId === undefined ? {} : { symbol: marketId };
	const rows = asList(await implicit(exchange, 'fapiPrivateV3GetPositionRisk')(params), 'the position list');
	const legs = new Map<string, { quantity: number; cost: number }>();
	for (const row of rows) {
		const fields = asFields(row, 'a position');
		const amount = decimalField(fields, 'positionAmt');
		if (amount === 0) continue;
		const symbol = textField(fields, 'symbol');
		const leg = legs.get(symbol) ?? { quantity: 0, cost: 0 };
		leg.quantity += amount;
		leg.cost += Math.abs(amount) * (optionalDecimalField(fields, 'entryPrice') ?? 0);
		legs.set(symbol, leg);
	}
	const positions: BrokerPosition[] = [];
	for (const [symbol, leg] of [...legs].sort(([a], [b]) => a.localeCompare(b))) {
		const quantity = Number(leg.quantity.toPrecision(15));
		if (quantity === 0) continue;
		const size = Math.abs(leg.quantity);
		positions.push({ symbol, quantity, averagePrice: size === 0 ? 0 : Number((leg.cost / size).toPrecision(15)) });
	}
	return marketId === undefined ? positions : positions.filter((position) => position.symbol === marketId);
}

export async function usdmAccount(exchange: CcxtExchange): Promise<BrokerAccount> {
	const fields = asFields(await implicit(exchange, 'fapiPrivateV3GetAccount')({}), 'the account');
	return {
		currency: 'USDT',
		cash: decimalField(fields, 'totalWalletBalance'),
		equity: decimalField(fields, 'totalMarginBalance'),
		buyingPower: decimalField(fields, 'availableBalance'),
		realisedPnl: null,
	};
}

function implicit(exchange: CcxtExchange, name: string): (params: CcxtParams) => Promise<unknown> {
	const method = exchange[name];
	if (typeof method !== 'function') throw new CcxtPayloadError(`ccxt has no ${name} method`);
	return (params) => (method as (params: CcxtParams) => Promise<unknown>).call(exchange, params);
}
