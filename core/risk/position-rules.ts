import type { BrokerAccount, BrokerPosition } from '../brokers/broker';
import type { RiskReason } from './reasons';
import type { RiskInput } from './risk-input';

// Limits on what the account holds, read from the broker (or the Paper ledger) when an entry is
// checked. They see positions as they are at that moment: an entry still on its way to the
// broker is not in them yet, so pair them with a rate limit or cooldown against bursts.

export interface PositionLimits {
	maxPositionPerSymbol: number | null;
	maxOpenPositions: number | null;
	/** Sum of |quantity| × average price over all positions, plus the new order's notional. */
	maxGrossExposure: number | null;
}

/** What Risk Check reads from the account the orders go to. */
export interface AccountView {
	/** Names the account, so each keeps its own start-of-day mark. */
	key: string;
	positions(): Promise<BrokerPosition[]>;
	account(): Promise<BrokerAccount>;
}

/** `NASDAQ:AAPL`, `aapl`, `BTC/USD` and `BTC-USD` all compare as the broker's bare symbol. */
export function comparableSymbol(symbol: string): string {
	const bare = symbol.includes(':') ? symbol.slice(symbol.indexOf(':') + 1) : symbol;
	return bare.replace(/[^a-z0-9]/gi, '').toUpperCase();
}

function signedQuantity(input: RiskInput, quantity: number): number | null {
	const side = input.side ?? (input.action === 'buy' ? 'buy' : input.action === 'sell' ? 'sell' : null);
	if (side === null) return null;
	return side === 'buy' ? quantity : -quantity;
}

export function checkPositions(
	input: RiskInput,
	quantity: number | null,
	price: number | null,
	positions: BrokerPosition[],
	limits: PositionLimits,
	checks: string[],
): RiskReason[] {
	const reasons: RiskReason[] = [];
	const symbol = comparableSymbol(input.symbol);
	const open = positions.filter((position) => position.quantity !== 0);
	const current = open.find((position) => comparableSymbol(position.symbol) === symbol)?.quantity ?? 0;

	if (limits.maxOpenPositions !== null) {
		checks.push('max_open_positions');
		if (current === 0 && open.length >= limits.maxOpenPositions) {
			reasons.push({
				code: 'max_open_positions',
				message: `${open.length} positions are open; the limit is ${limits.maxOpenPositions}, so no new symbol`,
			});
		}
	}
	if (limits.maxPositionPerSymbol === null && limits.maxGrossExposure === null) return reasons;
	const signed = quantity === null ? null : signedQuantity(input, quantity);
	if (signed === null) {
		reasons.push({
			code: 'quantity_unknown',
			message: 'the alert has no quantity or side, so the position and exposure limits cannot be checked',
		});
		return reasons;
	}
	if (limits.maxPositionPerSymbol !== null) {
		checks.push('max_position');
		const after = current + signed;
		if (Math.abs(after) > limits.maxPositionPerSymbol + 1e-9 && Math.abs(after) > Math.abs(current)) {
			reasons.push({
				code: 'max_position',
				message: `the position in ${input.symbol} would be ${round(after)} (now ${round(current)}); the limit is ${limits.maxPositionPerSymbol}`,
			});
		}
	}
	if (limits.maxGrossExposure !== null) {
		checks.push('max_gross_exposure');
		if (price === null) {
			reasons.push({ code: 'price_unknown', message: 'the alert has no price, so the gross exposure limit cannot be checked' });
		} else {
			const held = open.reduce((sum, position) => sum + Math.abs(position.quantity) * position.averagePrice, 0);
			const after = held + Math.abs(signed) * price;
			if (after > limits.maxGrossExposure + 1e-9) {
				reasons.push({
					code: 'max_gross_exposure',
					message: `gross exposure would be ${round(after)} (now ${round(held)}); the limit is ${limits.maxGrossExposure}`,
				});
			}
		}
	}
	return reasons;
}

/** The account figure the daily loss is measured on: realised P&L when the broker reports it, else equity. */
export function dailyLossBasis(account: BrokerAccount): { value: number; basis: 'realised_pnl' | 'equity' } {
	return account.realisedPnl === null ? { value: account.equity, basis: 'equity' } : { value: account.realisedPnl, basis: 'realised_pnl' };
}

function round(value: number): number {
	return Number(value.toPrecision(10));
}
