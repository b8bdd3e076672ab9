import type { BrokerAccount, BrokerPosition } from '../broker';
import { parseDecimal } from './oanda-decimal';
import { isRecord, PayloadError, required } from '../base/payload';
import { answerOf } from './oanda-order-parsers';

/**
 * A Position (GET positions/{instrument}, openPositions):
 * {"instrument": "EUR_USD", "pl": "12.5", "unrealizedPL": "-1.2",
 *  "long": {"units": "100", "averagePrice": "1.08452", "tradeIDs": ["6373"], "pl": "12.5"},
 *  "short": {"units": "0", "pl": "0.0"}}
 * Net quantity = long.units + short.units (OANDA signs short units negative); a flat position is
 * null. unrealizedPL (account currency) is the position's unrealised P&L. The average price is the open side's; an account that hedges (both sides open) reports
 * the side its net quantity is on. Returns undefined when the payload is not a position.
 */
export function positionFrom(position: unknown): BrokerPosition | null | undefined {
	if (!isRecord(position) || typeof position.instrument !== 'string') return undefined;
	const long = side(position.long);
	const short = side(position.short);
	if (long === undefined || short === undefined) return undefined;
	const quantity = Number((long.units + short.units).toPrecision(15));
	if (quantity === 0) return null;
	const averagePrice = quantity > 0 ? long.averagePrice : short.averagePrice;
	if (averagePrice === null) return undefined;
	const unrealisedPnl = parseDecimal(position.unrealizedPL);
	return { symbol: position.instrument, quantity, averagePrice, ...(unrealisedPnl === null ? {} : { unrealisedPnl }) };
}

/** GET positions/{instrument}: {"position": {…a Position…}, "lastTransactionID": "6373"}; flat is null. */
export function parsePosition(body: unknown): BrokerPosition | null {
	const position = positionFrom(answerOf(body).position);
	if (position === undefined) throw new PayloadError('no readable position');
	return position;
}

/** GET openPositions: {"positions": [{…a Position…}], "lastTransactionID": "6373"}; flat ones left out. */
export function parseOpenPositions(body: unknown): BrokerPosition[] {
	const { positions } = answerOf(body);
	if (!Array.isArray(positions)) throw new PayloadError('no positions list');
	const open: BrokerPosition[] = [];
	for (const entry of positions) {
		const position = positionFrom(entry);
		if (position === undefined) throw new PayloadError('a position cannot be read');
		if (position !== null) open.push(position);
	}
	return open;
}

function side(value: unknown): { units: number; averagePrice: number | null } | undefined {
	if (value === undefined) return { units: 0, averagePrice: null };
	if (!isRecord(value)) return undefined;
	const units = parseDecimal(value.units ?? '0');
	if (units === null) return undefined;
	return { units, averagePrice: parseDecimal(value.averagePrice) };
}

/**
 * The AccountSummary (GET summary → account):
 * {"id": "101-004-1234567-001", "currency": "USD", "balance": "10000.0000", "NAV": "10010.0000",
 *  "unrealizedPL": "10.0000", "pl": "25.0000", "marginUsed": "2.4000", "marginAvailable": "10007.6000",
 *  "lastTransactionID": "6373", …}
 * cash = balance, equity = NAV, buyingPower = marginAvailable, realisedPnl = pl (null if absent).
 * Returns null when a required figure is missing.
 */
export function accountFrom(account: unknown): BrokerAccount | null {
	if (!isRecord(account)) return null;
	const currency = typeof account.currency === 'string' && account.currency !== '' ? account.currency : null;
	const cash = parseDecimal(account.balance);
	const equity = parseDecimal(account.NAV);
	const buyingPower = parseDecimal(account.marginAvailable);
	if (currency === null || cash === null || equity === null || buyingPower === null) return null;
	return { currency, cash, equity, buyingPower, realisedPnl: parseDecimal(account.pl) };
}

/** GET summary: {"account": {…the AccountSummary…}, "lastTransactionID": "6373"}. */
export function parseAccountSummary(body: unknown): BrokerAccount {
	return required(accountFrom(answerOf(body).account), 'no readable account summary');
}
