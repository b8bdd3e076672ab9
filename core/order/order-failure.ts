/** An alert that cannot become an order, for a reason the user can fix: returned, not thrown. */
export interface OrderFailure {
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
	field: string;
	message: string;
}

export type Planned<T> = { ok: true; value: T } | { ok: false; failure: OrderFailure };

export function fail<T>(code: OrderFailure['code'], field: string, message: string): Planned<T> {
	return { ok: false, failure: { code, field, message } };
}
