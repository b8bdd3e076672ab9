import type { TrailingStop } from '../brokers/broker';
import type { OrderSide } from '../signal/normalised-alert';
import { fail, type Planned } from './order-failure';
import type { AlertOrderInput } from './order-input';
import { entryPrice } from './sizing';

// An entry's exits as every broker takes them: prices. TradersPost-style exits given as a percent
// or an amount are measured from the entry's price (its limit, its stop trigger, else the alert
// price), away from the entry on the winning side for a take profit and the losing side for a
// stop loss. A trailing stop stays a distance: the broker trails it from the fill.

export interface EntryExits {
	takeProfitPrice: number | null;
	stopLossPrice: number | null;
	trailingStop: TrailingStop | null;
	/** The stop a risk-sized entry is sized to: the stop loss, or where a trailing stop starts. */
	sizingStop: number | null;
}

export const NO_EXITS: EntryExits = { takeProfitPrice: null, stopLossPrice: null, trailingStop: null, sizingStop: null };

/** 12 significant digits: percent arithmetic leaves no binary residue such as 101.49999999999999. */
const clean = (price: number): number => Number(price.toPrecision(12));

type ExitFields = Pick<
	AlertOrderInput,
	| 'orderType'
	| 'price'
	| 'limitPrice'
	| 'stopPrice'
	| 'takeProfitPrice'
	| 'takeProfitPercent'
	| 'takeProfitAmount'
	| 'stopLossPrice'
	| 'stopLossPercent'
	| 'stopLossAmount'
	| 'stopLossType'
>;

export function resolveExits(input: ExitFields, side: OrderSide): Planned<EntryExits> {
	const base = entryPrice(input as AlertOrderInput);
	const winning = side === 'buy' ? 1 : -1;
	const away = (field: string, direction: number, percent: number | null, amount: number | null): Planned<number | null> => {
		if (percent === null && amount === null) return { ok: true, value: null };
		if (base === null) return fail('price_missing', 'price', `a ${field} given as a ${percent !== null ? 'percent' : 'amount'} needs the entry's price: send price in the alert`);
		const distance = amount ?? (base * (percent as number)) / 100;
		const price = clean(base + direction * distance);
		if (!(price > 0)) return fail('invalid_field', field, `a ${field} ${distance} away from the entry price ${base} would be at ${price}`);
		return { ok: true, value: price };
	};
	const takeProfit = input.takeProfitPrice !== null ? { ok: true as const, value: input.takeProfitPrice } : away('take profit', winning, input.takeProfitPercent, input.takeProfitAmount);
	if (!takeProfit.ok) return takeProfit;

	if (input.stopLossType === 'trailing_stop') {
		if (input.stopLossPrice !== null) return fail('invalid_field', 'stopLossPrice', 'a trailing_stop stop loss trails by percent or amount, not a stop-loss price');
		if (input.stopLossPercent === null && input.stopLossAmount === null) {
			return fail('missing_field', 'stopLoss', 'a trailing_stop stop loss trails by percent or amount: give stopLoss.percent or stopLoss.amount');
		}
		const trailingStop = input.stopLossAmount !== null ? { amount: input.stopLossAmount, percent: null } : { amount: null, percent: input.stopLossPercent };
		const start = away('trailing stop', -winning, input.stopLossPercent, input.stopLossAmount);
		return { ok: true, value: { takeProfitPrice: takeProfit.value, stopLossPrice: null, trailingStop, sizingStop: start.ok ? start.value : null } };
	}
	const stopLoss = input.stopLossPrice !== null ? { ok: true as const, value: input.stopLossPrice } : away('stop loss', -winning, input.stopLossPercent, input.stopLossAmount);
	if (!stopLoss.ok) return stopLoss;
	return { ok: true, value: { takeProfitPrice: takeProfit.value, stopLossPrice: stopLoss.value, trailingStop: null, sizingStop: stopLoss.value } };
}
