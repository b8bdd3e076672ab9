import type { Json, OrderSpec } from './oanda-stub-book';

// What OANDA checks in POST orders, so a wrong adapter request fails against the stub. Two kinds
// of refusal, as OANDA has them: a parameter it cannot parse (400, errorCode
// oanda::rest::core::InvalidParameterException, no transaction) and an order it parses but
// rejects (400 with an orderRejectTransaction, errorCode = rejectReason).

export type OrderCheck =
	| { kind: 'ok'; spec: OrderSpec }
	| { kind: 'malformed'; errorMessage: string }
	| { kind: 'invalid_parameter'; field: string }
	| { kind: 'reject'; reason: string; errorMessage: string; spec: Json };

const DECIMAL = /^-?\d+(\.\d+)?$/;
const INSTRUMENT = /^[A-Z0-9]+_[A-Z0-9]+$/;
const ORDER_FIELDS = new Set([
	'type',
	'instrument',
	'units',
	'timeInForce',
	'price',
	'priceBound',
	'positionFill',
	'clientExtensions',
	'takeProfitOnFill',
	'stopLossOnFill',
	'trailingStopLossOnFill',
	'gtdTime',
	'triggerCondition',
	'tradeClientExtensions',
]);
const POSITION_FILLS = new Set(['DEFAULT', 'REDUCE_ONLY', 'OPEN_ONLY', 'REDUCE_FIRST']);
const MARKET_TIME_IN_FORCE = new Set(['FOK', 'IOC']);
const RESTING_TIME_IN_FORCE = new Set(['GTC', 'GTD', 'GFD', 'FOK', 'IOC']);

export const DEFAULT_INSTRUMENT: StubInstrument = { displayPrecision: 5, minimumTrailingStopDistance: 0.0005, maximumTrailingStopDistance: 1 };

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isPositiveDecimal = (value: unknown) => typeof value === 'string' && DECIMAL.test(value) && Number(value) > 0;

/** What the stub knows of an instrument: the decimals its prices take, its trailing-stop limits. */
export interface StubInstrument {
	displayPrecision: number;
	minimumTrailingStopDistance: number;
	maximumTrailingStopDistance: number;
}

/** More decimals than the instrument's displayPrecision: OANDA's …_PRECISION_EXCEEDED. */
export function exceedsPrecision(value: string, precision: number): boolean {
	const decimals = value.includes('.') ? value.split('.')[1].length : 0;
	return decimals > precision;
}

export function checkOrder(body: unknown, knownInstrument: (name: string) => boolean, instrumentOf: (name: string) => StubInstrument = () => DEFAULT_INSTRUMENT): OrderCheck {
	if (!isRecord(body) || !isRecord(body.order)) return { kind: 'malformed', errorMessage: 'The request was missing required data' };
	const order = body.order;
	const reject = (reason: string, errorMessage: string): OrderCheck => ({ kind: 'reject', reason, errorMessage, spec: order });
	for (const key of Object.keys(order)) if (!ORDER_FIELDS.has(key)) return { kind: 'invalid_parameter', field: `order.${key}` };
	const type = order.type;
	if (type !== 'MARKET' && type !== 'LIMIT' && type !== 'STOP') return { kind: 'invalid_parameter', field: 'order.type' };
	if (order.instrument === undefined) return reject('INSTRUMENT_MISSING', 'Order instrument has not been specified');
	if (typeof order.instrument !== 'string' || !INSTRUMENT.test(order.instrument) || !knownInstrument(order.instrument)) {
		return { kind: 'invalid_parameter', field: 'order.instrument' };
	}
	if (order.units === undefined) return reject('UNITS_MISSING', 'Order units have not been specified');
	if (typeof order.units !== 'string' || !DECIMAL.test(order.units) || Number(order.units) === 0) {
		return reject('UNITS_INVALID', 'Order units specified are invalid');
	}
	if (order.units.includes('.')) return reject('UNITS_PRECISION_EXCEEDED', 'Order units specify more precision than allowed');
	const timeInForce = order.timeInForce ?? (type === 'MARKET' ? 'FOK' : 'GTC');
	if (typeof timeInForce !== 'string' || !(type === 'MARKET' ? MARKET_TIME_IN_FORCE : RESTING_TIME_IN_FORCE).has(timeInForce)) {
		return reject('TIME_IN_FORCE_INVALID', `The time in force ${String(timeInForce)} is invalid for a ${type} order`);
	}
	if (timeInForce === 'GTD' && order.gtdTime === undefined) return reject('TIME_IN_FORCE_GTD_TIMESTAMP_MISSING', 'GTD needs gtdTime');
	if (type === 'MARKET' && order.price !== undefined) return { kind: 'invalid_parameter', field: 'order.price' };
	if (type !== 'MARKET') {
		if (order.price === undefined) return reject('PRICE_MISSING', 'Order price has not been specified');
		if (!isPositiveDecimal(order.price)) return reject('PRICE_INVALID', 'Order price is invalid');
	}
	if (type === 'LIMIT' && order.priceBound !== undefined) return { kind: 'invalid_parameter', field: 'order.priceBound' };
	if (order.priceBound !== undefined && !isPositiveDecimal(order.priceBound)) return reject('PRICE_BOUND_INVALID', 'Order price bound is invalid');
	const positionFill = order.positionFill ?? 'DEFAULT';
	if (typeof positionFill !== 'string' || !POSITION_FILLS.has(positionFill)) return { kind: 'invalid_parameter', field: 'order.positionFill' };
	const extensions = order.clientExtensions;
	// Stub rule (OANDA makes it optional): this adapter must always send its client order id.
	if (!isRecord(extensions) || typeof extensions.id !== 'string' || extensions.id === '') {
		return reject('CLIENT_ORDER_ID_INVALID', 'stub: every order must carry clientExtensions.id');
	}
	if (extensions.id.length > 128) return reject('CLIENT_ORDER_ID_INVALID', 'The client Order ID specified is invalid');
	for (const [field, prefix] of [
		['takeProfitOnFill', 'TAKE_PROFIT_ON_FILL'],
		['stopLossOnFill', 'STOP_LOSS_ON_FILL'],
	] as const) {
		const onFill = order[field];
		if (onFill === undefined) continue;
		if (!isRecord(onFill) || onFill.price === undefined) return reject(`${prefix}_PRICE_MISSING`, `${field} has no price`);
		if (!isPositiveDecimal(onFill.price)) return reject(`${prefix}_PRICE_INVALID`, `${field} price is invalid`);
		if (exceedsPrecision(String(onFill.price), instrumentOf(order.instrument).displayPrecision)) {
			return reject(`${prefix}_PRICE_PRECISION_EXCEEDED`, `The ${field} price specified contains more precision than is allowed`);
		}
	}
	const trailing = order.trailingStopLossOnFill;
	if (trailing !== undefined) {
		const prefix = 'TRAILING_STOP_LOSS_ON_FILL_PRICE_DISTANCE';
		if (!isRecord(trailing) || trailing.distance === undefined) return reject(`${prefix}_MISSING`, 'trailingStopLossOnFill has no distance');
		for (const key of Object.keys(trailing)) if (!['distance', 'timeInForce', 'gtdTime', 'clientExtensions'].includes(key)) return { kind: 'invalid_parameter', field: `order.trailingStopLossOnFill.${key}` };
		if (!isPositiveDecimal(trailing.distance)) return reject(`${prefix}_INVALID`, 'trailingStopLossOnFill distance is invalid');
		const instrument = instrumentOf(order.instrument);
		if (exceedsPrecision(String(trailing.distance), instrument.displayPrecision)) return reject(`${prefix}_PRECISION_EXCEEDED`, 'The trailing stop distance contains more precision than is allowed');
		if (Number(trailing.distance) < instrument.minimumTrailingStopDistance) return reject(`${prefix}_MINIMUM_NOT_MET`, 'The trailing stop distance is below the minimum');
		if (Number(trailing.distance) > instrument.maximumTrailingStopDistance) return reject(`${prefix}_MAXIMUM_EXCEEDED`, 'The trailing stop distance is above the maximum');
	}
	const spec: OrderSpec = {
		type,
		instrument: order.instrument,
		units: order.units,
		timeInForce,
		positionFill,
		clientExtensions: { id: extensions.id },
	};
	if (typeof order.price === 'string') spec.price = order.price;
	if (typeof order.priceBound === 'string') spec.priceBound = order.priceBound;
	if (isRecord(order.takeProfitOnFill)) spec.takeProfitOnFill = { price: String(order.takeProfitOnFill.price) };
	if (isRecord(order.stopLossOnFill)) spec.stopLossOnFill = { price: String(order.stopLossOnFill.price) };
	if (isRecord(order.trailingStopLossOnFill)) spec.trailingStopLossOnFill = { distance: String(order.trailingStopLossOnFill.distance) };
	return { kind: 'ok', spec };
}
