import type { RiskStore } from '../ledger/risk-store';
import { type ApprovalEnvelope, envelopeFromPlan, plannedLegs } from '../order/approval-envelope';
import { comparableSymbol } from '../order/comparable-symbol';
import type { OrderFailure } from '../order/order-failure';
import type { AlertOrderInput } from '../order/order-input';
import { type AlertPlan, planAlertOrders, type PlanRole } from '../order/plan-alert-orders';
import { positionAfter, type PlanStep } from '../order/plan-legs';
import { counterLimits, describeBreaches } from './counter-limits';
import { checkDailyLoss } from './daily-loss';
import { type AccountView, checkPositions } from './position-rules';
import { checkQuantity, notionalPrice } from './quantity-rules';
import type { RiskReason } from './reasons';
import type { RiskInput } from './risk-input';
import type { RiskSettings } from './risk-settings';
import { isInSession } from './session-rule';
import { matchingPattern, symbolNames } from './symbol-match';
import { describeIssues } from '../util/result';

export interface RiskReservation {
	id: string;
	book: string;
	expiresAt: string;
	/** The same alert was checked before: its reservation is reused, nothing counted twice. */
	repeated: boolean;
}

export type PlannedLeg = ApprovalEnvelope['planned'][number];

export interface RiskDecision {
	passed: boolean;
	role: PlanRole;
	reasons: RiskReason[];
	/** The rules that looked at this item. */
	checks: string[];
	/** The opening leg's quantity as planned and as approved (null for an exit). */
	quantity: { requested: number | null; approved: number | null; clampedBy: string[] };
	/** The legs judged: what Broker Order may send, from the position Risk Check read. */
	plan: { note: string; legs: PlannedLeg[]; position: { before: number; after: number } | null } | null;
	/** Made for an entry that passed; Broker Order confirms it, or releases it when the order fails. */
	reservation: RiskReservation | null;
	/** Every passed item's approval; Broker Order sends nothing outside its envelope. */
	approval: { id: string; expiresAt: string } | null;
	/** Things worth knowing that did not stop the item. */
	warnings: string[];
}

/** The rules that need no state, in the order a trader reads them. */
function statelessReasons(input: RiskInput, role: PlanRole, at: Date, settings: RiskSettings, checks: string[]): RiskReason[] {
	const reasons: RiskReason[] = [];
	const names = symbolNames(input.symbol, input.exchange);
	if (settings.symbolAllowlist.length > 0) {
		checks.push('symbol_allowlist');
		if (matchingPattern(settings.symbolAllowlist, names) === null) {
			reasons.push({ code: 'symbol_not_allowed', message: `${names[0]} is not in the symbol allowlist` });
		}
	}
	if (settings.symbolBlocklist.length > 0) {
		checks.push('symbol_blocklist');
		const pattern = matchingPattern(settings.symbolBlocklist, names);
		if (pattern !== null) reasons.push({ code: 'symbol_blocked', message: `${names[0]} is blocked (${pattern})` });
	}
	if (settings.allowedActions) {
		checks.push('allowed_actions');
		if (!settings.allowedActions.includes(input.action)) {
			reasons.push({ code: 'action_not_allowed', message: `action "${input.action}" is not allowed (allowed: ${settings.allowedActions.join(', ')})` });
		}
	}
	const session = settings.session;
	if (session && !(role === 'exit' && session.letExitsThrough)) {
		checks.push('trading_session');
		if (!isInSession(at, session)) {
			reasons.push({ code: 'outside_session', message: `outside the trading session (${session.timeZone})` });
		}
	}
	return reasons;
}

function planFailureReason(failure: OrderFailure): RiskReason {
	const code = failure.code === 'quantity_missing' ? 'quantity_unknown' : failure.code === 'price_missing' ? 'price_unknown' : 'invalid_order';
	return { code, message: describeIssues([failure]) };
}

/** The account, read at most once per check. */
function readOnce(account: AccountView | null) {
	let positions: ReturnType<AccountView['positions']> | null = null;
	const need = (): AccountView => {
		if (account === null) throw new Error('this alert needs the broker position (an exit, a reversal or target-position mode): set Positions and P&L From');
		return account;
	};
	return {
		positions: async () => await (positions ??= need().positions()),
		position: async (symbol: string) => {
			const wanted = comparableSymbol(symbol);
			return (await (positions ??= need().positions())).find((held) => comparableSymbol(held.symbol) === wanted)?.quantity ?? 0;
		},
		equity: async () => (await need().account()).equity,
	};
}

/** The opening leg lowered to the approved quantity. */
function withApprovedQuantity(steps: PlanStep[], approved: number): PlanStep[] {
	return steps.map((step) => (step.kind === 'place' && !step.intent.reduceOnly ? { ...step, intent: { ...step.intent, quantity: approved } } : step));
}

/**
 * Checks one item by the orders it becomes: the plan Broker Order will also make (same settings,
 * the broker's position). The opening leg meets the size limits; the position the legs leave
 * meets the position rules; an entry reserves its place in the order counters atomically (and
 * meets the kill switch there). A plan whose every leg only shrinks the position is an exit: it is
 * never stopped by sizes, counters, position and loss rules or the kill switch, so a position can
 * always be closed. A passed item's approval, with the envelope Broker Order keeps to, is stored.
 */
export async function evaluateRisk(
	input: RiskInput,
	order: AlertOrderInput,
	settings: RiskSettings,
	store: RiskStore,
	at: Date,
	account: AccountView | null = null,
): Promise<RiskDecision> {
	const checks: string[] = [];
	const reader = readOnce(account);
	const decision: RiskDecision = {
		passed: false,
		role: 'entry',
		reasons: [],
		checks,
		quantity: { requested: null, approved: null, clampedBy: [] },
		plan: null,
		reservation: null,
		approval: null,
		warnings: [],
	};
	// Client order ids do not matter here; an item without an alert id is still judged (Broker Order needs one).
	const planned = await planAlertOrders({ ...order, alertId: order.alertId ?? 'risk-check' }, settings.plan, { scope: settings.book, position: reader.position, equity: reader.equity });
	if (!planned.ok) {
		decision.reasons.push(planFailureReason(planned.failure));
		return decision;
	}
	const plan: AlertPlan = planned.value;
	const role = plan.role;
	decision.role = role;
	let steps = plan.steps;
	const opening = steps.find((step) => step.kind === 'place' && !step.intent.reduceOnly);
	const reasons = decision.reasons;
	let price: number | null = null;
	if (opening?.kind === 'place') {
		price = notionalPrice({ limitPrice: opening.intent.limitPrice, stopPrice: opening.intent.stopPrice, price: opening.intent.referencePrice }, settings.maxNotional?.fallbackPrice ?? null);
		const sized = checkQuantity(opening.intent.quantity, price, settings);
		checks.push(...sized.checks);
		reasons.push(...sized.reasons);
		steps = withApprovedQuantity(steps, sized.quantity);
		decision.quantity = { requested: opening.intent.quantity, approved: sized.quantity, clampedBy: sized.clampedBy };
	}
	reasons.push(...statelessReasons(input, role, at, settings, checks));
	// The position the (clamped) legs leave, where the plan read one.
	const position = plan.position ? { before: plan.position.before, after: positionAfter(plan.position.before, steps) } : null;
	const { dailyLoss, positionLimits } = settings;
	if (reasons.length === 0 && (dailyLoss || positionLimits)) {
		if (account === null) throw new Error('the position and daily loss rules need an account to read: set Positions and P&L From');
		if (dailyLoss) {
			const reason = await checkDailyLoss(account, store, dailyLoss, at);
			if (role === 'entry') {
				checks.push('daily_loss_limit');
				if (reason) reasons.push(reason);
			}
		}
		if (positionLimits && role === 'entry') {
			const before = position?.before ?? (await reader.position(input.symbol));
			const after = position?.after ?? positionAfter(before, steps);
			reasons.push(...checkPositions({ symbol: input.symbol, before, after, price }, await reader.positions(), positionLimits, checks));
		}
	}
	decision.plan = { note: plan.note, legs: plannedLegs(steps), position };
	if (reasons.length > 0) return decision;

	const limits = counterLimits(input.symbol, at, settings);
	const expiresAt = new Date(at.getTime() + settings.reservationTtlMs);
	if (role === 'entry' && (limits.length > 0 || settings.killSwitch !== null)) {
		if (settings.killSwitch !== null) checks.push('kill_switch');
		checks.push(...limits.map((entry) => entry.limit.code.split('#')[0]));
		const result = await store.reserve({
			book: settings.book,
			symbol: input.symbol,
			alertId: input.alertId,
			at,
			expiresAt,
			limits: limits.map((entry) => entry.limit),
			killSwitch: settings.killSwitch,
			detail: { action: input.action, legs: decision.plan.legs },
		});
		if (!result.reserved) {
			if (result.killSwitch) {
				const why = result.killSwitch.reason ? `: ${result.killSwitch.reason}` : '';
				reasons.push({ code: 'kill_switch', message: `kill switch "${result.killSwitch.name}" is on${why}` });
			}
			reasons.push(...describeBreaches(limits, result.breaches));
			return decision;
		}
		decision.reservation = { id: result.reservationId, book: settings.book, expiresAt: expiresAt.toISOString(), repeated: result.repeated };
	}
	if (settings.killSwitch !== null) {
		const state = await store.getKillSwitch(settings.killSwitch);
		if (state.changedAt === null) {
			decision.warnings.push(
				`kill switch "${settings.killSwitch}" has never been set in this node's ledger: if you set it from another workflow, give that Risk Check the same Ledger setting`,
			);
		}
	}
	const envelope = envelopeFromPlan({ steps, role }, input.symbol, input.alertId, {
		maxAbsPosition: positionLimits?.maxPositionPerSymbol ?? null,
		clamp: settings.maxQuantity?.mode === 'clamp' || settings.maxNotional?.mode === 'clamp',
	});
	const approval = await store.recordApproval({
		book: settings.book,
		symbol: input.symbol,
		alertId: input.alertId,
		reservationId: decision.reservation?.id ?? null,
		at,
		expiresAt,
		envelope,
	});
	decision.approval = { id: approval.id, expiresAt: approval.expiresAt };
	decision.passed = true;
	return decision;
}
