import type { RiskStore } from '../ledger/risk-store';
import { counterLimits, describeBreaches } from './counter-limits';
import { orderRole, type OrderRole } from './order-role';
import { checkDailyLoss } from './daily-loss';
import { checkPositions, type AccountView } from './position-rules';
import { checkQuantity, notionalPrice } from './quantity-rules';
import type { RiskReason } from './reasons';
import type { RiskInput } from './risk-input';
import type { RiskSettings } from './risk-settings';
import { isInSession } from './session-rule';
import { matchingPattern, symbolNames } from './symbol-match';

export interface RiskReservation {
	id: string;
	book: string;
	expiresAt: string;
	/** The same alert was checked before: its reservation is reused, nothing counted twice. */
	repeated: boolean;
}

export interface RiskDecision {
	passed: boolean;
	role: OrderRole;
	reasons: RiskReason[];
	/** The rules that looked at this item. */
	checks: string[];
	quantity: { requested: number | null; approved: number | null; clampedBy: string[] };
	/** Made for an entry that passed; Broker Order confirms it, or releases it when the order fails. */
	reservation: RiskReservation | null;
}

/** The rules that need no state, in the order a trader reads them. */
function statelessReasons(input: RiskInput, role: OrderRole, at: Date, settings: RiskSettings, checks: string[]): RiskReason[] {
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

/** Daily loss and position limits, read from the account; the day's mark is taken on exits too. */
async function accountReasons(
	input: RiskInput,
	role: OrderRole,
	quantity: number | null,
	settings: RiskSettings,
	store: RiskStore,
	at: Date,
	account: AccountView | null,
	checks: string[],
): Promise<RiskReason[]> {
	const { dailyLoss, positionLimits } = settings;
	if (!dailyLoss && !positionLimits) return [];
	if (account === null) throw new Error('the position and daily loss rules need an account to read: set Positions and P&L From');
	const reasons: RiskReason[] = [];
	if (dailyLoss) {
		const reason = await checkDailyLoss(account, store, dailyLoss, at);
		if (role === 'entry') {
			checks.push('daily_loss_limit');
			if (reason) reasons.push(reason);
		}
	}
	if (positionLimits && role === 'entry') {
		const price = notionalPrice(input, settings.maxNotional?.fallbackPrice ?? null);
		reasons.push(...checkPositions(input, quantity, price, await account.positions(), positionLimits, checks));
	}
	return reasons;
}

/**
 * Checks one item against every rule. Entries that pass the other rules then reserve their
 * place in the order counters atomically (and meet the kill switch there); exits never count
 * and are never stopped by the counters or the kill switch, so a position can always be closed.
 */
export async function evaluateRisk(
	input: RiskInput,
	settings: RiskSettings,
	store: RiskStore,
	at: Date,
	account: AccountView | null = null,
): Promise<RiskDecision> {
	const role = orderRole(input);
	const checks: string[] = [];
	// An exit only shrinks a position, often without a quantity ("close it all"): size limits
	// would only ever keep a position open.
	const sized = role === 'exit' ? { quantity: input.quantity, clampedBy: [], reasons: [], checks: [] } : checkQuantity(input, settings);
	checks.push(...sized.checks);
	const reasons = [...sized.reasons, ...statelessReasons(input, role, at, settings, checks)];
	if (reasons.length === 0) reasons.push(...(await accountReasons(input, role, sized.quantity, settings, store, at, account, checks)));
	const decision: RiskDecision = {
		passed: false,
		role,
		reasons,
		checks,
		quantity: { requested: input.quantity, approved: sized.quantity, clampedBy: sized.clampedBy },
		reservation: null,
	};
	const limits = counterLimits(input.symbol, at, settings);
	if (role === 'exit' || (limits.length === 0 && settings.killSwitch === null)) {
		decision.passed = reasons.length === 0;
		return decision;
	}
	if (reasons.length > 0) return decision;

	if (settings.killSwitch !== null) checks.push('kill_switch');
	checks.push(...limits.map((entry) => entry.limit.code.split('#')[0]));
	const expiresAt = new Date(at.getTime() + settings.reservationTtlMs);
	const result = await store.reserve({
		book: settings.book,
		symbol: input.symbol,
		alertId: input.alertId,
		at,
		expiresAt,
		limits: limits.map((entry) => entry.limit),
		killSwitch: settings.killSwitch,
		detail: { action: input.action, side: input.side, quantity: sized.quantity },
	});
	if (!result.reserved) {
		if (result.killSwitch) {
			const why = result.killSwitch.reason ? `: ${result.killSwitch.reason}` : '';
			reasons.push({ code: 'kill_switch', message: `kill switch "${result.killSwitch.name}" is on${why}` });
		}
		reasons.push(...describeBreaches(limits, result.breaches));
		return decision;
	}
	decision.passed = true;
	decision.reservation = {
		id: result.reservationId,
		book: settings.book,
		expiresAt: expiresAt.toISOString(),
		repeated: result.repeated,
	};
	return decision;
}
