import type { OrderSide } from '../signal/normalised-alert';
import { resolveExits } from './exit-prices';
import { fail, type Planned } from './order-failure';
import type { AlertOrderInput, OrderSettings } from './order-input';
import { scaledAlert } from './scaled-alert';
import { legBuilder, type PlanStep, positionAfter, sideAgainst } from './plan-legs';
import { roundDownToStep, sizeOrder } from './sizing';

export type { OrderLeg, PlanStep } from './plan-legs';

/** `exit`: every leg only shrinks the position (or there is none); `entry`: a leg opens or adds. */
export type PlanRole = 'entry' | 'exit';

export interface AlertPlan {
	steps: PlanStep[];
	/** Why the plan is what it is, in words, e.g. "no open position to close". */
	note: string;
	/** Target-position mode: the broker's position differs from the strategy's previous one. */
	drift: { expectedPosition: number; brokerPosition: number } | null;
	role: PlanRole;
	/** The broker position the plan was made from, and after its legs; null when it did not need one. */
	position: { before: number; after: number } | null;
}

export interface PlanContext {
	/** `<workflowId>/<nodeId>` of the Broker Order node: part of every client order id. */
	scope: string;
	/** The broker's signed position in the symbol, fetched only when the plan needs it. */
	position: (symbol: string) => Promise<number>;
	equity: () => Promise<number>;
}

type Input = AlertOrderInput & { alertId: string; symbol: string };

function planOf(steps: PlanStep[], note: string, before: number | null, drift: AlertPlan['drift'] = null): Planned<AlertPlan> {
	const opens = steps.some((step) => step.kind === 'place' && !step.intent.reduceOnly);
	return {
		ok: true,
		value: {
			steps,
			note,
			drift,
			role: opens ? 'entry' : 'exit',
			position: before === null ? null : { before, after: positionAfter(before, steps) },
		},
	};
}

/** `percent` (0 to 100) of a position's size; all of it from 100 on. */
function percentOfPosition(position: number, percent: number): number {
	return percent >= 100 ? Math.abs(position) : (Math.abs(position) * percent) / 100;
}

/** The strategy's move this alert reports: flat, shrinking on one side, or through zero. */
function strategyMove(input: Input): 'flat' | 'reduce' | 'cross' | 'reduce_by_quantity' | null {
	const target = input.targetPosition;
	const previous = input.prevTargetPosition;
	if (target === 0) return 'flat';
	if (target === null) return null;
	// Without the previous position: a sell that leaves the strategy long (or a buy that leaves it short) reduces.
	const side = input.action === 'buy' || input.action === 'sell' ? input.action : input.side;
	if (previous === null && side !== null && (side === 'sell') === target > 0) return 'reduce_by_quantity';
	if (previous === null || previous === 0) return null;
	if (Math.sign(target) !== Math.sign(previous)) return 'cross';
	return Math.abs(target) < Math.abs(previous) ? 'reduce' : null;
}

/**
 * The one plan both Risk Check and Broker Order use: the concrete legs an alert asks for, from
 * the alert, the node's settings and the broker's position. Whatever the alert's side says, a
 * leg meant to close or shrink a position is reduce-only and never larger than the position, so
 * an exit can never open one.
 */
export async function planAlertOrders(sent: AlertOrderInput, sentSettings: OrderSettings, context: PlanContext): Promise<Planned<AlertPlan>> {
	const { input, settings } = scaledAlert(sent, sentSettings);
	if (input.alertId === null) {
		return fail('missing_field', 'alertId', 'an alert id is required: it makes the client order id that prevents double orders');
	}
	if (input.symbol === null) return fail('missing_field', 'symbol', 'a symbol is required');
	if (input.action === null) return fail('missing_field', 'action', 'an action is required: buy, sell, add, exit, cancel, breakeven or price');
	const alert = input as Input;
	const { symbol, action } = alert;
	const legs = legBuilder(alert, settings, context.scope);
	const step = settings.quantityStep;

	if (action === 'cancel') return planOf([{ kind: 'cancel_open_orders', symbol }], `cancel open ${symbol} orders`, null);
	// A price alert orders nothing: its price reaches a broker that simulates fills (Paper) before planning.
	if (action === 'price') return planOf([], `price update for ${symbol}: nothing to order`, null);
	if (action === 'breakeven') return planOf([{ kind: 'move_stop_to_breakeven', symbol }], `move the ${symbol} stop loss to break-even`, null);

	const percent = alert.quantityType === 'percent_of_position' ? alert.quantity : null;
	if (alert.quantityType === 'percent_of_position' && percent === null) {
		return fail('missing_field', 'quantity', 'quantityType percent_of_position needs quantity: the percent of the position to close');
	}
	const move = settings.targetPositionMode ? null : strategyMove(alert);
	if (action === 'exit' || alert.sentiment === 'flat' || move === 'flat') {
		const position = await context.position(symbol);
		if (position === 0) return planOf([], `no open ${symbol} position to close`, position);
		// An exit with a quantity (or a percent of the position) closes that much of it (a partial exit).
		const asked = action !== 'exit' ? null : percent !== null ? percentOfPosition(position, percent) : alert.quantity;
		const partial = asked !== null && asked < Math.abs(position);
		const quantity = partial ? roundDownToStep(asked, step) : Math.abs(position);
		if (quantity === 0) return planOf([], `the exit quantity rounds down to 0 with quantity step ${step}`, position);
		const all = quantity === Math.abs(position);
		return planOf([legs.shrink('close', position, quantity)], all ? `close the ${symbol} position of ${position}` : `close ${quantity} of the ${symbol} position of ${position}`, position);
	}
	if (settings.targetPositionMode) return await planTarget(alert, settings, context);
	if (move === 'reduce' || move === 'reduce_by_quantity') return await planReduction(alert, move, legs, step, context);

	const sideFromSentiment = alert.sentiment === 'long' ? 'buy' : alert.sentiment === 'short' ? 'sell' : null;
	const side: OrderSide | null = action === 'buy' || action === 'sell' ? action : (alert.side ?? sideFromSentiment);
	if (side === null) return fail('side_unknown', 'side', 'an "add" alert needs a side (or a sentiment) to know which way to add');
	if (percent !== null) {
		// A percent of the position only ever shrinks it: a sell of a long, a buy of a short.
		const position = await context.position(symbol);
		if (position === 0 || side !== sideAgainst(position)) {
			return fail('invalid_field', 'quantityType', `quantityType percent_of_position closes a percent of the open position, so a ${side} needs a ${side === 'sell' ? 'long' : 'short'} ${symbol} position (it is ${position})`);
		}
		const quantity = roundDownToStep(percentOfPosition(position, percent), step);
		if (quantity === 0) return planOf([], `${percent} % of the ${symbol} position of ${position} rounds down to 0 with quantity step ${step}`, position);
		return planOf([legs.shrink('reduce', position, quantity)], `reduce the ${symbol} position of ${position} by ${percent} % (${quantity})`, position);
	}
	// Through zero, the alert's quantity also closes the old side: the new side is the target's size.
	const crossing = move === 'cross';
	const exits = resolveExits(alert, side);
	if (!exits.ok) return exits;
	const sizingInput = { ...alert, stopLossPrice: exits.value.sizingStop, ...(crossing && settings.sizingMode === 'alert' ? { quantity: Math.abs(alert.targetPosition as number) } : {}) };
	const sized = await sizeOrder(sizingInput, settings, context.equity, side);
	if (!sized.ok) return sized;
	const open = legs.open('open', side, sized.value, exits.value);
	if (settings.reverse || crossing) {
		const position = await context.position(symbol);
		if ((position > 0 && side === 'sell') || (position < 0 && side === 'buy')) {
			return planOf(
				[legs.shrink('close', position, Math.abs(position)), open],
				`${crossing ? 'the strategy reverses' : 'reverse'}: close the ${symbol} position of ${position}, then ${side} ${sized.value}`,
				position,
			);
		}
		return planOf([open], `${side} ${sized.value} ${symbol}`, position);
	}
	return planOf([open], `${side} ${sized.value} ${symbol}`, null);
}

/**
 * The strategy shrinks its position on one side: shrink the broker's by the same fraction (or,
 * without the previous position, by the alert's quantity), never past flat and only on that side.
 */
async function planReduction(
	alert: Input,
	move: 'reduce' | 'reduce_by_quantity',
	legs: ReturnType<typeof legBuilder>,
	step: number,
	context: PlanContext,
): Promise<Planned<AlertPlan>> {
	const { symbol } = alert;
	const position = await context.position(symbol);
	const target = alert.targetPosition as number;
	if (position === 0 || Math.sign(position) !== Math.sign(target)) {
		return planOf([], `the strategy reduces its ${target > 0 ? 'long' : 'short'} ${symbol} position, which the broker does not hold (position ${position})`, position);
	}
	let quantity: number;
	if (move === 'reduce_by_quantity') {
		if (alert.quantity === null) return fail('quantity_missing', 'quantity', 'a reducing strategy alert needs its quantity (or the previous position) to know how much to reduce');
		const asked = alert.quantityType === 'percent_of_position' ? percentOfPosition(position, alert.quantity) : alert.quantity;
		quantity = asked >= Math.abs(position) ? Math.abs(position) : roundDownToStep(asked, step);
		if (quantity === 0) return planOf([], `reducing the ${symbol} position by ${alert.quantity} rounds down to 0`, position);
	} else {
		const previous = alert.prevTargetPosition as number;
		quantity = roundDownToStep(Math.abs(position) * (1 - Math.abs(target) / Math.abs(previous)), step);
		if (quantity === 0) return planOf([], `reducing the ${symbol} position of ${position} by ${Math.abs(previous) - Math.abs(target)} of ${Math.abs(previous)} rounds down to 0`, position);
	}
	return planOf([legs.shrink('reduce', position, quantity)], `reduce the ${symbol} position of ${position} by ${quantity}`, position);
}

/** Target-position mode: order the difference to the strategy's position, through zero in two legs. */
async function planTarget(alert: Input, settings: OrderSettings, context: PlanContext): Promise<Planned<AlertPlan>> {
	const { symbol } = alert;
	if (alert.targetPosition === null) {
		return fail('missing_field', 'targetPosition', 'target-position mode needs the strategy position in the alert ({{strategy.market_position}} and {{strategy.market_position_size}})');
	}
	const legs = legBuilder(alert, settings, context.scope);
	const target = alert.targetPosition;
	const position = await context.position(symbol);
	const drift =
		alert.prevTargetPosition !== null && alert.prevTargetPosition !== position ? { expectedPosition: alert.prevTargetPosition, brokerPosition: position } : null;
	const step = settings.quantityStep;
	const note = `move the ${symbol} position from ${position} to ${target}`;
	const exitsFor = (side: OrderSide) => resolveExits(alert, side);
	if (position !== 0 && target !== 0 && Math.sign(position) !== Math.sign(target)) {
		const quantity = roundDownToStep(Math.abs(target), step);
		const steps: PlanStep[] = [legs.shrink('close', position, Math.abs(position))];
		if (quantity > 0) {
			const side = target > 0 ? 'buy' : 'sell';
			const exits = exitsFor(side);
			if (!exits.ok) return exits;
			steps.push(legs.open('target', side, quantity, exits.value));
		}
		return planOf(steps, note, position, drift);
	}
	const quantity = roundDownToStep(Math.abs(target - position), step);
	if (quantity === 0) return planOf([], `already at the target ${symbol} position of ${target}`, position, drift);
	if (Math.abs(target) < Math.abs(position)) return planOf([legs.shrink('reduce', position, quantity)], note, position, drift);
	const side = target > position ? 'buy' : 'sell';
	const exits = exitsFor(side);
	if (!exits.ok) return exits;
	return planOf([legs.open('target', side, quantity, exits.value)], note, position, drift);
}
