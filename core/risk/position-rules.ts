import type { BrokerAccount, BrokerPosition } from '../brokers/broker';
import { grows } from '../order/approval-envelope';
import { comparableSymbol } from '../order/comparable-symbol';
import type { RiskReason } from './reasons';

export { comparableSymbol } from '../order/comparable-symbol';

// Limits on what the account holds, read from the broker (or the Paper ledger) when an entry is
// checked, and measured on the position the planned legs leave. Broker Order checks Max Position
// per Symbol again against the position when it sends (the approval's envelope).

export interface PositionLimits {
	maxPositionPerSymbol: number | null;
	maxOpenPositions: number | null;
	/** Sum of |quantity| × price over all positions after the order (see `positionValue`). */
	maxGrossExposure: number | null;
}

/** What Risk Check reads from the account the orders go to. */
export interface AccountView {
	/** Names the account, so each keeps its own start-of-day mark. */
	key: string;
	positions(): Promise<BrokerPosition[]>;
	account(): Promise<BrokerAccount>;
}

/** What the planned legs do to the alert's symbol. */
export interface PlannedPosition {
	symbol: string;
	before: number;
	after: number;
	/** The price the symbol's position is valued at after the order (the order's price). */
	price: number | null;
}

/** The price a held position is valued at: the market price where the broker reports it, else its average price. */
function positionPrice(position: BrokerPosition): number | null {
	const price = position.marketPrice ?? position.averagePrice;
	return price > 0 ? price : null;
}

export function checkPositions(planned: PlannedPosition, positions: BrokerPosition[], limits: PositionLimits, checks: string[]): RiskReason[] {
	const reasons: RiskReason[] = [];
	const symbol = comparableSymbol(planned.symbol);
	const open = positions.filter((position) => position.quantity !== 0);
	const { before, after } = planned;

	if (limits.maxOpenPositions !== null) {
		checks.push('max_open_positions');
		if (before === 0 && after !== 0 && open.length >= limits.maxOpenPositions) {
			reasons.push({
				code: 'max_open_positions',
				message: `${open.length} positions are open; the limit is ${limits.maxOpenPositions}, so no new symbol`,
			});
		}
	}
	if (limits.maxPositionPerSymbol !== null) {
		checks.push('max_position');
		if (Math.abs(after) > limits.maxPositionPerSymbol + 1e-9 && grows(before, after)) {
			reasons.push({
				code: 'max_position',
				message: `the position in ${planned.symbol} would be ${round(after)} (now ${round(before)}); the limit is ${limits.maxPositionPerSymbol}`,
			});
		}
	}
	if (limits.maxGrossExposure !== null) {
		checks.push('max_gross_exposure');
		const others = open.filter((position) => comparableSymbol(position.symbol) !== symbol);
		const unpriced = others.find((position) => positionPrice(position) === null);
		if (planned.price === null) {
			reasons.push({ code: 'price_unknown', message: 'the alert has no price, so the gross exposure limit cannot be checked' });
		} else if (unpriced) {
			reasons.push({ code: 'price_unknown', message: `the ${unpriced.symbol} position has no price to value it, so the gross exposure limit cannot be checked` });
		} else {
			const held = others.reduce((sum, position) => sum + Math.abs(position.quantity) * (positionPrice(position) as number), 0);
			const own = (price: number, quantity: number) => Math.abs(quantity) * price;
			const heldBefore = held + own(planned.price, before);
			const exposureAfter = held + own(planned.price, after);
			if (exposureAfter > limits.maxGrossExposure + 1e-9 && exposureAfter > heldBefore) {
				reasons.push({
					code: 'max_gross_exposure',
					message: `gross exposure would be ${round(exposureAfter)} (now ${round(heldBefore)}); the limit is ${limits.maxGrossExposure}`,
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
