// Why a rule refused an item: a stable machine code for routing, and words for a human.

export type RiskCode =
	| 'quantity_unknown'
	| 'invalid_order'
	| 'price_unknown'
	| 'max_quantity'
	| 'max_notional'
	| 'clamped_to_zero'
	| 'symbol_not_allowed'
	| 'symbol_blocked'
	| 'action_not_allowed'
	| 'outside_session'
	| 'max_orders_per_symbol'
	| 'max_orders_total'
	| 'cooldown'
	| 'max_orders_per_day'
	| 'kill_switch'
	| 'max_open_positions'
	| 'max_position'
	| 'max_gross_exposure'
	| 'daily_loss_limit';

export interface RiskReason {
	code: RiskCode;
	message: string;
}
