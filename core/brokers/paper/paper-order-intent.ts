import { ORDER_SIDES } from '../../signal/normalised-alert';
import { BROKER_ORDER_TYPES, BROKER_TIME_IN_FORCE, type OrderIntent, type TrailingStop } from '../broker';
import { InvalidOrderError, UnsupportedError } from '../broker-errors';
import type { PaperOrder } from '../../ledger/paper-book';
import { PAPER_ERROR_DETAILS } from './paper-error-details';
import { roundAmount } from './paper-engine';
import { type BracketPrices, hasBracket, isExitClientOrderId } from './paper-exits';

const isPositive = (value: unknown): value is number =>
	typeof value === 'number' && Number.isFinite(value) && value > 0;

/** The alert's price, when it is one the Paper broker can record as the mark. */
export function referencePriceOf(intent: OrderIntent): number | null {
	return isPositive(intent.referencePrice) ? intent.referencePrice : null;
}

export function assertClientOrderId(clientOrderId: unknown): asserts clientOrderId is string {
	if (typeof clientOrderId !== 'string' || clientOrderId.trim() === '') {
		throw new InvalidOrderError('the order needs a client order id', PAPER_ERROR_DETAILS);
	}
}

/**
 * Checks the intent and turns it into a new order. Prices the order type does not use are
 * dropped, so the stored order shows only what it will act on.
 */
export function newPaperOrder(intent: OrderIntent, brokerOrderId: string, at: string): PaperOrder {
	assertClientOrderId(intent.clientOrderId);
	if (typeof intent.symbol !== 'string' || intent.symbol.trim() === '') invalid('the order needs a symbol');
	if (!ORDER_SIDES.includes(intent.side)) invalid(`side must be buy or sell, not ${String(intent.side)}`);
	if (!BROKER_ORDER_TYPES.includes(intent.type)) invalid(`unknown order type ${String(intent.type)}`);
	if (!BROKER_TIME_IN_FORCE.includes(intent.timeInForce)) {
		invalid(`unknown time in force ${String(intent.timeInForce)}`);
	}
	if (intent.timeInForce === 'opg' || intent.timeInForce === 'cls') {
		// There is no opening or closing auction to fill at: say so rather than fill at some price.
		throw new UnsupportedError(
			`the paper broker does not support time in force ${intent.timeInForce}`,
			PAPER_ERROR_DETAILS,
		);
	}
	if (!isPositive(intent.quantity) || roundAmount(intent.quantity) <= 0) {
		invalid(`quantity must be a number greater than 0, not ${String(intent.quantity)}`);
	}
	const usesLimit = intent.type === 'limit' || intent.type === 'stop_limit';
	const usesStop = intent.type === 'stop' || intent.type === 'stop_limit';
	if (usesLimit && !isPositive(intent.limitPrice)) invalid(`a ${intent.type} order needs a limit price greater than 0`);
	if (usesStop && !isPositive(intent.stopPrice)) invalid(`a ${intent.type} order needs a stop price greater than 0`);
	if (isExitClientOrderId(intent.clientOrderId)) {
		invalid(`client order id ${intent.clientOrderId} has the form the paper broker gives bracket exits (<entry>/tp, /sl, /trail:…)`);
	}
	const bracket = bracketPricesOf(intent);
	if (intent.reduceOnly === true && hasBracket(bracket)) invalid('a reduce-only order cannot carry take-profit or stop-loss exits');
	return {
		brokerOrderId,
		clientOrderId: intent.clientOrderId,
		symbol: intent.symbol,
		side: intent.side,
		type: intent.type,
		quantity: roundAmount(intent.quantity),
		limitPrice: usesLimit ? intent.limitPrice : null,
		stopPrice: usesStop ? intent.stopPrice : null,
		status: 'new',
		filledQuantity: 0,
		averageFillPrice: null,
		createdAt: at,
		timeInForce: intent.timeInForce,
		reduceOnly: intent.reduceOnly === true,
		stopTriggered: false,
		alertId: intent.alertId ?? null,
		updatedAt: at,
	};
}

function hasValue(value: unknown): boolean {
	return value !== null && value !== undefined;
}

/** The intent's take profit, stop loss and trailing stop, checked. */
export function bracketPricesOf(intent: OrderIntent): BracketPrices {
	const price = (value: unknown, name: string): number | null => {
		if (!hasValue(value)) return null;
		if (!isPositive(value)) invalid(`the ${name} must be a number greater than 0, not ${String(value)}`);
		return value;
	};
	const takeProfitPrice = price(intent.takeProfitPrice, 'take-profit price');
	const stopLossPrice = price(intent.stopLossPrice, 'stop-loss price');
	let trailingStop: TrailingStop | null = null;
	if (hasValue(intent.trailingStop)) {
		const trail = intent.trailingStop as TrailingStop;
		const amount = price(trail.amount, 'trailing stop amount');
		const percent = price(trail.percent, 'trailing stop percent');
		if ((amount === null) === (percent === null)) invalid('a trailing stop needs exactly one of amount and percent');
		if (percent !== null && percent >= 100) invalid(`a trailing stop percent must be below 100, not ${percent}`);
		if (stopLossPrice !== null) invalid('an order takes a stop-loss price or a trailing stop, not both');
		trailingStop = { amount, percent };
	}
	return { takeProfitPrice, stopLossPrice, trailingStop };
}

function invalid(message: string): never {
	throw new InvalidOrderError(message, PAPER_ERROR_DETAILS);
}
