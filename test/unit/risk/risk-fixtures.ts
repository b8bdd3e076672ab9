import type { BrokerPosition } from '../../../core/brokers/broker';
import type { RiskStore } from '../../../core/ledger/risk-store';
import { orderInputFromItem } from '../../../core/order/alert-item-fields';
import { evaluateRisk, type RiskDecision } from '../../../core/risk/evaluate-risk';
import type { AccountView } from '../../../core/risk/position-rules';
import { riskInputSchema, type RiskInput } from '../../../core/risk/risk-input';
import type { RiskSettings } from '../../../core/risk/risk-settings';

/** Settings with every rule off; tests switch on the one they look at. */
export function noRules(overrides: Partial<RiskSettings> = {}): RiskSettings {
	return {
		book: 'test-book',
		maxQuantity: null,
		maxNotional: null,
		quantityStep: null,
		symbolAllowlist: [],
		symbolBlocklist: [],
		allowedActions: null,
		session: null,
		rateLimits: [],
		cooldownMs: null,
		maxOrdersPerDay: null,
		positionLimits: null,
		dailyLoss: null,
		killSwitch: null,
		reservationTtlMs: 600_000,
		plan: { sizingMode: 'alert', sizingValue: 0, quantityStep: 0, targetPositionMode: false, reverse: false, defaultTimeInForce: 'gtc', maxSizedQuantity: null },
		...overrides,
	};
}

const ALERT = { symbol: 'AAPL', action: 'buy', side: 'buy', quantity: 10, price: 100, alertId: null };

export function alertInput(overrides: Record<string, unknown> = {}): RiskInput {
	return riskInputSchema.parse({ ...ALERT, ...overrides });
}

/** An account holding `positions`, with the given equity and no realised P&L. */
export function accountHolding(positions: BrokerPosition[] = [], equity = 100_000): AccountView {
	return {
		key: 'test:account',
		positions: async () => positions,
		account: async () => ({ currency: 'USD', cash: equity, equity, buyingPower: equity, realisedPnl: null }),
	};
}

/** Risk Check on an item shaped like the trigger's (AAPL, buy 10 at 100 unless overridden), on a flat account by default. */
export async function evaluateItem(
	fields: Record<string, unknown>,
	settings: RiskSettings,
	store: RiskStore,
	at: Date,
	account: AccountView | null = accountHolding(),
): Promise<RiskDecision> {
	const item = { ...ALERT, ...fields };
	const order = orderInputFromItem(item);
	if (!order.success) throw new Error(order.error.message);
	return await evaluateRisk(riskInputSchema.parse(item), order.data, settings, store, at, account);
}
