import type { BrokerOrderType, BrokerPosition, BrokerTimeInForce, OrderStatus } from '../brokers/broker';
import type { PaperAccountState, PaperOrder } from './paper-book';
import type { OrderSide } from '../signal/normalised-alert';

// Row shapes and mappings shared by the SQLite and PostgreSQL paper stores (same tables, same columns).

export interface AccountRow {
	currency: string;
	starting_cash: number;
	cash: number;
	realised_pnl: number;
}

export interface PositionRow {
	symbol: string;
	quantity: number;
	average_price: number;
}

export interface OrderRow {
	broker_order_id: string;
	client_order_id: string;
	symbol: string;
	side: OrderSide;
	type: BrokerOrderType;
	quantity: number;
	limit_price: number | null;
	stop_price: number | null;
	time_in_force: BrokerTimeInForce;
	reduce_only: number;
	stop_triggered: number;
	status: OrderStatus;
	filled_quantity: number;
	average_fill_price: number | null;
	alert_id: string | null;
	created_at: string;
	updated_at: string;
}

export function toPaperAccount(row: AccountRow): PaperAccountState {
	return {
		currency: row.currency,
		startingCash: Number(row.starting_cash),
		cash: Number(row.cash),
		realisedPnl: Number(row.realised_pnl),
	};
}

export function toPosition(row: PositionRow): BrokerPosition {
	return { symbol: row.symbol, quantity: Number(row.quantity), averagePrice: Number(row.average_price) };
}

export function toPaperOrder(row: OrderRow): PaperOrder {
	return {
		brokerOrderId: row.broker_order_id,
		clientOrderId: row.client_order_id,
		symbol: row.symbol,
		side: row.side,
		type: row.type,
		quantity: Number(row.quantity),
		limitPrice: row.limit_price === null ? null : Number(row.limit_price),
		stopPrice: row.stop_price === null ? null : Number(row.stop_price),
		status: row.status,
		filledQuantity: Number(row.filled_quantity),
		averageFillPrice: row.average_fill_price === null ? null : Number(row.average_fill_price),
		createdAt: row.created_at,
		timeInForce: row.time_in_force,
		reduceOnly: Number(row.reduce_only) === 1,
		stopTriggered: Number(row.stop_triggered) === 1,
		alertId: row.alert_id,
		updatedAt: row.updated_at,
	};
}

/**
 * Values for (broker_order_id, account, client_order_id, symbol, side, type, quantity, limit_price,
 * stop_price, time_in_force, reduce_only, stop_triggered, status, filled_quantity, average_fill_price,
 * alert_id, created_at, updated_at).
 */
export function paperOrderValues(account: string, order: PaperOrder): Array<string | number | null> {
	return [
		order.brokerOrderId,
		account,
		order.clientOrderId,
		order.symbol,
		order.side,
		order.type,
		order.quantity,
		order.limitPrice,
		order.stopPrice,
		order.timeInForce,
		order.reduceOnly ? 1 : 0,
		order.stopTriggered ? 1 : 0,
		order.status,
		order.filledQuantity,
		order.averageFillPrice,
		order.alertId,
		order.createdAt,
		order.updatedAt,
	];
}
