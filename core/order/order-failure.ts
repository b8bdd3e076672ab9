import type { Problem, Result } from '../util/result';

/** An alert that cannot become an order, for a reason the user can fix: returned, not thrown. */
export interface OrderFailure extends Problem {
	code:
		| 'missing_field'
		| 'invalid_field'
		| 'quantity_missing'
		| 'price_missing'
		| 'stop_missing'
		| 'quantity_rounds_to_zero'
		| 'side_unknown'
		| 'outside_approval'
		| 'unsupported';
}

export type Planned<T> = Result<T, OrderFailure>;

export function fail<T>(code: OrderFailure['code'], field: string, message: string): Planned<T> {
	return { ok: false, failure: { code, field, message } };
}
