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
		...overrides,
	};
}

export function alertInput(overrides: Record<string, unknown> = {}): RiskInput {
	return riskInputSchema.parse({ symbol: 'AAPL', action: 'buy', side: 'buy', quantity: 10, price: 100, alertId: null, ...overrides });
}
