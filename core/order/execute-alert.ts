import { type BrokerOrder, hasExits, type OrderIntent, type OrderPreview } from '../brokers/broker';
import { UnsupportedError } from '../brokers/broker-errors';
import { observesPrices } from '../brokers/price-observer';
import type { AlertOrderStore } from '../ledger/alert-order';
import { type AlertTurn, awaitTurn } from './alert-turn';
import { type ApprovalEnvelope, fitToEnvelope } from './approval-envelope';
import { confirmExitFilled, type ExitConfirmationSettings } from './confirm-exit';
import { fail, type Planned } from './order-failure';
import { ExitNotFilledError, NotSentError, PartiallyPlacedError } from './placement-errors';
import { positionAfter } from './plan-legs';
import type { AlertOrderInput, OrderSettings } from './order-input';
import { journalExits } from './journal-exits';
import { type PlaceOnceContext, placeOnce } from './place-once';
import { type AlertPlan, type OrderLeg, planAlertOrders } from './plan-alert-orders';

export interface ExecuteAlertContext extends PlaceOnceContext {
	dryRun: boolean;
	/** What Risk Check approved for this alert: nothing outside it is sent. Null without a Risk Check. */
	envelope?: ApprovalEnvelope | null;
	/** Keeps the workflow's alerts for a symbol in acceptance order (alert-turn.ts); absent: no waiting. */
	alertOrder?: { store: AlertOrderStore; maxWaitMs: number; pollMs?: number; node?: string | null } | null;
	/** How long a reversal's entry waits for its exit to be filled; 15 s when absent. */
	exitFillTimeoutMs?: number;
}

export const DEFAULT_EXIT_FILL_TIMEOUT_MS = 15_000;

export interface LegResult {
	leg: OrderLeg;
	clientOrderId: string;
	/** The order as this package asked for it. */
	request: OrderIntent;
	/** Dry run: the exact request the broker would be sent, validated as placing would. */
	brokerRequest?: OrderPreview;
	order: BrokerOrder | null;
	alreadyPlaced: boolean;
	/** Exits placed after the entry filled (brokers with attachExits); absent when none were due. */
	exits?: BrokerOrder[];
	/** Why exits due after the fill were not placed (the entry did not fill within the wait). */
	exitsNotPlaced?: string;
}

export interface AlertExecution {
	note: string;
	drift: AlertPlan['drift'];
	role: AlertPlan['role'];
	/** Legs lowered to what Risk Check approved, e.g. `open: 50 → 5`. */
	clampedToApproval: string[];
	dryRun: boolean;
	orders: LegResult[];
	canceled: BrokerOrder[];
	/** Orders the alert's price filled on a broker that simulates fills (Paper), before the alert's own. */
	filledByPrice: BrokerOrder[];
	/** A breakeven alert: the stop losses it moved, as they now stand. */
	stopsMoved: BrokerOrder[];
	/** How the alert took its turn among earlier alerts for its symbol; null when it had none. */
	turn: AlertTurn | null;
	/** A reversal whose entry waited for its exit's fill: how the fill was confirmed. */
	exitConfirmedBy: 'order' | 'position' | null;
	/**
	 * In alert order, the alert's market orders are waited for until filled before the next alert
	 * for the symbol plans from the position: the ones still unfilled after the wait. Null: not waited.
	 */
	unfilledMarketOrders: string[] | null;
}

/**
 * Plans the alert's orders and carries them out, each at most once. A failure before any order
 * was sent is a NotSentError; a failure after some legs were placed is a PartiallyPlacedError,
 * so the caller can tell whether orders exist.
 */
export async function executeAlert(
	input: AlertOrderInput,
	settings: OrderSettings,
	context: ExecuteAlertContext,
): Promise<Planned<AlertExecution>> {
	let turn: AlertTurn | null = null;
	if (!context.dryRun && context.alertOrder && input.alertId !== null) {
		try {
			turn = await awaitTurn(context.alertOrder.store, input.alertId, {
				maxWaitMs: context.alertOrder.maxWaitMs,
				pollMs: context.alertOrder.pollMs,
				node: context.alertOrder.node,
				now: context.now,
				sleep: context.sleep,
			});
		} catch (error) {
			throw new NotSentError("the alert's turn among earlier alerts for its symbol could not be read from the ledger", error);
		}
	}
	let planned: Planned<SendPlan>;
	try {
		planned = await planForSending(input, settings, context);
	} catch (error) {
		throw new NotSentError('the order could not be planned', error);
	}
	if (!planned.ok) return planned;
	const { plan, steps, clampedToApproval, startPosition, filledByPrice } = planned.value;
	const execution: AlertExecution = {
		note: clampedToApproval.length > 0 ? `${plan.note}, lowered to what Risk Check approved (${clampedToApproval.join(', ')})` : plan.note,
		drift: plan.drift,
		role: plan.role,
		clampedToApproval,
		dryRun: context.dryRun,
		orders: [],
		canceled: [],
		stopsMoved: [],
		filledByPrice,
		turn,
		exitConfirmedBy: null,
		unfilledMarketOrders: null,
	};
	try {
		await sendSteps(steps, startPosition, execution, context);
		if (turn !== null) execution.unfilledMarketOrders = await unfilledAfterWaiting(execution, context);
	} catch (error) {
		const placed = execution.orders.filter((leg) => leg.order !== null).map((leg) => leg.clientOrderId);
		if (placed.length > 0 || execution.canceled.length > 0) throw new PartiallyPlacedError(error, placed);
		throw error;
	}
	return { ok: true, value: execution };
}

interface SendPlan {
	plan: AlertPlan;
	steps: AlertPlan['steps'];
	clampedToApproval: string[];
	/** The position the plan started from, where it was read (a reversal always reads it). */
	startPosition: number | null;
	filledByPrice: BrokerOrder[];
}

/** The plan, fitted to Risk Check's approval when there is one. Nothing is sent here. */
async function planForSending(input: AlertOrderInput, settings: OrderSettings, context: ExecuteAlertContext): Promise<Planned<SendPlan>> {
	const { broker } = context;
	const filledByPrice = !context.dryRun && input.symbol !== null && input.price !== null && observesPrices(broker) ? await broker.markPrice(input.symbol, input.price) : [];
	let position: Promise<number> | null = null;
	const positionOf = async (symbol: string) => await (position ??= broker.getPosition(symbol).then((held) => held?.quantity ?? 0));
	const planned = await planAlertOrders(input, settings, {
		scope: context.scope,
		position: positionOf,
		equity: async () => (await broker.getAccount()).equity,
	});
	if (!planned.ok) return planned;
	const plan = planned.value;
	const unsupported = unsupportedByBroker(plan.steps, broker);
	if (unsupported !== null) return unsupported;
	let steps = plan.steps;
	let clampedToApproval: string[] = [];
	if (context.envelope) {
		const current = input.symbol === null ? 0 : await positionOf(input.symbol);
		const fitted = fitToEnvelope(input.symbol ?? '', input.alertId, steps, context.envelope, current, settings.quantityStep);
		if (fitted.ok) {
			steps = fitted.value.steps;
			clampedToApproval = fitted.value.clamped;
		} else if (!(await allPlacedBefore(steps, context))) {
			return fail('outside_approval', 'risk', `${fitted.failure}: nothing was sent (Broker Order never sends a leg outside what Risk Check approved)`);
		}
		// Else a re-run of an alert whose legs were all placed: it plans from the position they made,
		// but its legs carry the same client order ids, so placeOnce reads them back and sends nothing.
	}
	const startPosition = input.symbol !== null && entryAfterExit(steps) >= 0 ? await positionOf(input.symbol) : null;
	return { ok: true, value: { plan, steps, clampedToApproval, startPosition, filledByPrice } };
}

/** A leg the broker cannot carry out as planned is refused here, before anything is sent, not dropped. */
function unsupportedByBroker(steps: AlertPlan['steps'], broker: ExecuteAlertContext['broker']): Planned<SendPlan> | null {
	for (const step of steps) {
		if (step.kind === 'move_stop_to_breakeven' && broker.capabilities.breakevenStops !== true) {
			return fail('unsupported', 'action', `${broker.name} does not keep the exits itself, so a breakeven alert cannot move its stop loss: Paper, Alpaca, OANDA and Binance (spot and USD-M) take it`);
		}
		if (step.kind === 'place' && step.intent.trailingStop && broker.capabilities.trailingStops !== true) {
			return fail('unsupported', 'stopLossType', `${broker.name} does not take a trailing stop with the entry: use a stop-loss price (stopLoss.stopPrice, percent or amount without type trailing_stop), or a broker that trails (Paper, Alpaca stocks, OANDA, Binance by percent)`);
		}
	}
	return null;
}

async function allPlacedBefore(steps: AlertPlan['steps'], context: ExecuteAlertContext): Promise<boolean> {
	const places = steps.filter((step) => step.kind === 'place');
	if (places.length === 0) return false;
	for (const step of places) {
		const claim = await context.journal.getClaim(step.intent.clientOrderId).catch(() => null);
		if (claim?.state !== 'placed') return false;
	}
	return true;
}

/** The index of the first opening leg that follows a leg that only shrinks the position; -1 if none. */
function entryAfterExit(steps: AlertPlan['steps']): number {
	let exitSeen = false;
	for (const [index, step] of steps.entries()) {
		if (step.kind !== 'place') continue;
		if (step.intent.reduceOnly) exitSeen = true;
		else if (exitSeen) return index;
	}
	return -1;
}

async function sendSteps(steps: AlertPlan['steps'], startPosition: number | null, execution: AlertExecution, context: ExecuteAlertContext): Promise<void> {
	const { broker } = context;
	const entryIndex = entryAfterExit(steps);
	for (const [index, step] of steps.entries()) {
		if (index === entryIndex && !context.dryRun) await confirmExitsFilled(steps.slice(0, index), startPosition, execution, context);
		if (step.kind === 'move_stop_to_breakeven') {
			if (context.dryRun) continue;
			if (!broker.moveStopsToBreakeven) {
				throw new UnsupportedError(`${broker.name} says it moves stop losses to break-even but has no way to`, { broker: broker.name });
			}
			execution.stopsMoved.push(...(await broker.moveStopsToBreakeven(step.symbol)));
			if (execution.stopsMoved.length === 0) execution.note = `${execution.note}: no working stop loss to move`;
			continue;
		}
		if (step.kind === 'cancel_open_orders') {
			if (context.dryRun) continue;
			for (const order of await broker.listOpenOrders(step.symbol)) {
				execution.canceled.push(await broker.cancelOrder(order.clientOrderId));
			}
			continue;
		}
		const { intent, leg } = step;
		if (context.dryRun) {
			const brokerRequest = await broker.previewOrder(intent);
			await context.journal.record({
				at: (context.now ?? (() => new Date()))(),
				scope: context.scope,
				broker: broker.name,
				alertId: intent.alertId,
				clientOrderId: intent.clientOrderId,
				kind: 'dry_run',
				detail: { request: intent, brokerRequest },
			});
			execution.orders.push({ leg, clientOrderId: intent.clientOrderId, request: intent, brokerRequest, order: null, alreadyPlaced: false });
			continue;
		}
		const placed = await placeOnce(intent, context);
		const result: LegResult = {
			leg,
			clientOrderId: intent.clientOrderId,
			request: intent,
			order: placed.order,
			alreadyPlaced: placed.alreadyPlaced,
		};
		execution.orders.push(result);
		if (!intent.reduceOnly && hasExits(intent)) await recordExits(result, execution, context);
	}
}

/** The entry's exits: attached after its fill where the broker needs that, then journaled. */
async function recordExits(result: LegResult, execution: AlertExecution, context: ExecuteAlertContext): Promise<void> {
	const { broker } = context;
	if (broker.attachExits && (broker.exitsAfterFill?.(result.request) ?? true)) await attachExitsAfterFill(result, execution, context);
	else if (broker.exitsOf && result.order !== null) result.exits = await broker.exitsOf(result.request);
	// A re-run that read its entry back journaled its exits the first time.
	if (!result.exits?.length || result.alreadyPlaced) return;
	const failure = await journalExits(result.exits, result.request, context);
	if (failure !== null) execution.note = `${execution.note}; ${failure}`;
}

/**
 * Exits the broker takes only once the entry is filled: waited for (up to the exit fill wait),
 * then placed. An entry still unfilled keeps its order and is named in the note, loudly: its
 * position would have no exits.
 */
async function attachExitsAfterFill(result: LegResult, execution: AlertExecution, context: ExecuteAlertContext): Promise<void> {
	const { broker } = context;
	if (!broker.attachExits || result.order === null) return;
	const confirmation = await confirmExitFilled(broker, result.order, null, fillWait(context));
	if (!confirmation.confirmed) {
		result.exitsNotPlaced = `${broker.name} takes these exits only after the entry fills, and ${confirmation.reason.replace('the exit order', 'the entry')}: its take profit / stop loss were NOT placed`;
		execution.note = `${execution.note}; ${result.exitsNotPlaced}`;
		return;
	}
	result.exits = await broker.attachExits(result.request, confirmation.order);
}

/** How long, and with which clock, the alert waits for an order's fill. */
function fillWait(context: ExecuteAlertContext): ExitConfirmationSettings {
	return { timeoutMs: context.exitFillTimeoutMs ?? DEFAULT_EXIT_FILL_TIMEOUT_MS, now: context.now, sleep: context.sleep };
}

/** Before a reversal's entry: every exit placed before it is filled, or the entry is not sent. */
async function confirmExitsFilled(before: AlertPlan['steps'], startPosition: number | null, execution: AlertExecution, context: ExecuteAlertContext): Promise<void> {
	const exits = execution.orders.filter((leg) => leg.request.reduceOnly && leg.order !== null);
	const last = exits[exits.length - 1]?.order;
	if (!last) return;
	const confirmation = await confirmExitFilled(context.broker, last, positionAfter(startPosition ?? 0, before), fillWait(context));
	if (!confirmation.confirmed) throw new ExitNotFilledError(confirmation.reason);
	execution.exitConfirmedBy = confirmation.by;
}

/**
 * Waits (up to the exit fill wait) for the alert's market orders to fill, so the next alert for
 * the symbol plans from the position they make. An order still unfilled is not an error: it is
 * named, and the next alert goes on from the position the broker shows.
 */
async function unfilledAfterWaiting(execution: AlertExecution, context: ExecuteAlertContext): Promise<string[]> {
	const unfilled: string[] = [];
	for (const leg of execution.orders) {
		if (leg.order === null || leg.request.type !== 'market') continue;
		const confirmation = await confirmExitFilled(context.broker, leg.order, null, fillWait(context));
		if (!confirmation.confirmed) unfilled.push(leg.clientOrderId);
	}
	return unfilled;
}
