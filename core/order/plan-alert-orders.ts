import type { OrderIntent } from '../brokers/broker';
import type { OrderSide } from '../signal/normalised-alert';
import { clientOrderIdFor } from './client-order-id';
import { fail, type Planned } from './order-failure';
import type { AlertOrderInput, OrderSettings } from './order-input';
import { roundDownToStep, sizeOrder } from './sizing';

export type OrderLeg = 'open' | 'close' | 'target';

export type PlanStep =
	| { kind: 'cancel_open_orders'; symbol: string }
	| { kind: 'place'; leg: OrderLeg; intent: OrderIntent };

export interface AlertPlan {
	steps: PlanStep[];
	/** Why the plan is what it is, in words, e.g. "no open position to close". */
	note: string;
	/** Target-position mode: the broker's position differs from the strategy's previous one. */
	drift: { expectedPosition: number; brokerPosition: number } | null;
}

export interface PlanContext {
	/** `<workflowId>/<nodeId>` of the Broker Order node: part of every client order id. */
	scope: string;
	/** The broker's signed position in the symbol, fetched only when the plan needs it. */
	position: (symbol: string) => Promise<number>;
	equity: () => Promise<number>;
}


/** Turns one alert into the orders (or cancellations) it asks for, per the node's settings. */
export async function planAlertOrders(
	input: AlertOrderInput,
	settings: OrderSettings,
	context: PlanContext,
): Promise<Planned<AlertPlan>> {
	if (input.alertId === null) {
		return fail('missing_field', 'alertId', 'an alert id is required: it makes the client order id that prevents double orders');
	}
	if (input.symbol === null) return fail('missing_field', 'symbol', 'a symbol is required');
	if (input.action === null) return fail('missing_field', 'action', 'an action is required: buy, sell, add, exit or cancel');
	const { alertId, symbol, action } = input;

	// A closing leg is a reduce-only market order; a reducing leg keeps the alert's order type but
	// is reduce-only too; neither carries the entry's bracket prices.
	const intent = (leg: OrderLeg, side: OrderSide, quantity: number, closing: boolean, reducing = closing): OrderIntent => ({
		clientOrderId: clientOrderIdFor(context.scope, alertId, leg),
		symbol,
		side,
		quantity,
		type: closing ? 'market' : (input.orderType ?? 'market'),
		limitPrice: closing ? null : input.limitPrice,
		stopPrice: closing ? null : input.stopPrice,
		timeInForce: input.timeInForce ?? settings.defaultTimeInForce,
		takeProfitPrice: reducing ? null : input.takeProfitPrice,
		stopLossPrice: reducing ? null : input.stopLossPrice,
		reduceOnly: reducing,
		referencePrice: input.price,
		alertId,
	});
	const closeStep = (position: number): PlanStep => ({
		kind: 'place',
		leg: 'close',
		intent: intent('close', position > 0 ? 'sell' : 'buy', Math.abs(position), true),
	});

	if (action === 'cancel') {
		return { ok: true, value: { steps: [{ kind: 'cancel_open_orders', symbol }], note: `cancel open ${symbol} orders`, drift: null } };
	}
	if (action === 'exit' || input.sentiment === 'flat') {
		const position = await context.position(symbol);
		if (position === 0) return { ok: true, value: { steps: [], note: `no open ${symbol} position to close`, drift: null } };
		return { ok: true, value: { steps: [closeStep(position)], note: `close the ${symbol} position of ${position}`, drift: null } };
	}

	if (settings.targetPositionMode) {
		if (input.targetPosition === null) {
			return fail('missing_field', 'targetPosition', 'target-position mode needs the strategy position in the alert ({{strategy.market_position}} and {{strategy.market_position_size}})');
		}
		const position = await context.position(symbol);
		const drift =
			input.prevTargetPosition !== null && input.prevTargetPosition !== position
				? { expectedPosition: input.prevTargetPosition, brokerPosition: position }
				: null;
		const delta = input.targetPosition - position;
		const quantity = roundDownToStep(Math.abs(delta), settings.quantityStep);
		if (quantity === 0) {
			return { ok: true, value: { steps: [], note: `already at the target ${symbol} position of ${input.targetPosition}`, drift } };
		}
		const side: OrderSide = delta > 0 ? 'buy' : 'sell';
		const reducing = Math.sign(input.targetPosition) !== -Math.sign(position) && Math.abs(input.targetPosition) < Math.abs(position);
		return {
			ok: true,
			value: {
				steps: [{ kind: 'place', leg: 'target', intent: intent('target', side, quantity, false, reducing) }],
				note: `move the ${symbol} position from ${position} to ${input.targetPosition}`,
				drift,
			},
		};
	}

	const sideFromSentiment = input.sentiment === 'long' ? 'buy' : input.sentiment === 'short' ? 'sell' : null;
	const side = action === 'buy' || action === 'sell' ? action : (input.side ?? sideFromSentiment);
	if (side === null) return fail('side_unknown', 'side', 'an "add" alert needs a side (or a sentiment) to know which way to add');
	const sized = await sizeOrder(input, settings, context.equity);
	if (!sized.ok) return sized;
	const open: PlanStep = { kind: 'place', leg: 'open', intent: intent('open', side, sized.value, false) };
	if (settings.reverse) {
		const position = await context.position(symbol);
		if ((position > 0 && side === 'sell') || (position < 0 && side === 'buy')) {
			return {
				ok: true,
				value: {
					steps: [closeStep(position), open],
					note: `reverse: close the ${symbol} position of ${position}, then ${side} ${sized.value}`,
					drift: null,
				},
			};
		}
	}
	return { ok: true, value: { steps: [open], note: `${side} ${sized.value} ${symbol}`, drift: null } };
}

