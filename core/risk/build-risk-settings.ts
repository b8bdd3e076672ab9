import type { Result } from '../util/result';
import { riskSettingsSchema, type RiskSettings } from './risk-settings';
import { parseTimeWindows } from './time-windows';

/** The node's parameters as n8n hands them over: optional rules absent, numbers as set. */
export interface RawRiskParameters {
	book: string;
	killSwitch: string;
	rules: Record<string, unknown>;
	session: { timeZone?: unknown; days?: unknown; windows?: unknown; letExitsThrough?: unknown } | null;
	rateLimits: Array<Record<string, unknown>>;
	reservationTtlMinutes: number;
	/** The Order Plan collection: Broker Order's sizing settings, repeated. */
	plan?: Record<string, unknown>;
}

/** The settings, or every parameter that is wrong and why. */
export type BuiltSettings = Result<RiskSettings, Array<{ field: string; message: string }>>;

function list(value: unknown): string[] {
	return typeof value === 'string' ? value.split(',').map((part) => part.trim()).filter(Boolean) : [];
}

const present = (value: unknown) => value !== undefined && value !== null && value !== '';

/** Builds and validates the settings; every problem names the parameter to fix. */
export function buildRiskSettings(raw: RawRiskParameters): BuiltSettings {
	const rules = raw.rules;
	const issues: Array<{ field: string; message: string }> = [];
	// A window that does not parse is reported once, by its own message, not again by the schema.
	let windows: unknown = [{ startMinute: 0, endMinute: 1440 }];
	if (raw.session) {
		const parsed = parseTimeWindows(String(raw.session.windows ?? ''));
		if (parsed.ok) windows = parsed.value;
		else issues.push({ field: 'Trading Session › Time Windows', message: parsed.failure });
	}
	const candidate = {
		book: raw.book,
		maxQuantity: present(rules.maxQuantity) ? { limit: rules.maxQuantity, mode: rules.maxQuantityMode ?? 'reject' } : null,
		maxNotional: present(rules.maxNotional)
			? {
					limit: rules.maxNotional,
					mode: rules.maxNotionalMode ?? 'reject',
					fallbackPrice: Number(rules.notionalFallbackPrice ?? 0) > 0 ? rules.notionalFallbackPrice : null,
				}
			: null,
		quantityStep: Number(rules.quantityStep ?? 0) > 0 ? rules.quantityStep : null,
		symbolAllowlist: list(rules.symbolAllowlist),
		symbolBlocklist: list(rules.symbolBlocklist),
		allowedActions: rules.allowedActions === undefined ? null : rules.allowedActions,
		session: raw.session
			? {
					timeZone: raw.session.timeZone ?? 'America/New_York',
					days: raw.session.days ?? [],
					windows,
					letExitsThrough: raw.session.letExitsThrough ?? true,
				}
			: null,
		rateLimits: raw.rateLimits.map((limit) => ({ per: limit.per, max: limit.max, window: limit.window, size: limit.size ?? 1 })),
		cooldownMs: present(rules.cooldownSeconds) ? Math.round(Number(rules.cooldownSeconds) * 1000) : null,
		maxOrdersPerDay: present(rules.maxOrdersPerDay) ? { max: rules.maxOrdersPerDay, timeZone: rules.dayTimeZone ?? 'America/New_York' } : null,
		positionLimits:
			present(rules.maxPositionPerSymbol) || present(rules.maxOpenPositions) || present(rules.maxGrossExposure)
				? {
						maxPositionPerSymbol: present(rules.maxPositionPerSymbol) ? rules.maxPositionPerSymbol : null,
						maxOpenPositions: present(rules.maxOpenPositions) ? rules.maxOpenPositions : null,
						maxGrossExposure: present(rules.maxGrossExposure) ? rules.maxGrossExposure : null,
					}
				: null,
		dailyLoss: present(rules.dailyLossLimit) ? { limit: rules.dailyLossLimit, timeZone: rules.dayTimeZone ?? 'America/New_York' } : null,
		killSwitch: raw.killSwitch.trim() === '' ? null : raw.killSwitch.trim(),
		reservationTtlMs: Math.round(raw.reservationTtlMinutes * 60_000),
		plan: {
			sizingMode: raw.plan?.sizingMode ?? 'alert',
			sizingValue: (raw.plan?.sizingMode ?? 'alert') === 'alert' ? 0 : (raw.plan?.sizingValue ?? 0),
			quantityStep: Number(rules.quantityStep ?? 0) > 0 ? rules.quantityStep : 0,
			targetPositionMode: raw.plan?.targetPositionMode ?? false,
			reverse: raw.plan?.reverse ?? false,
			defaultTimeInForce: 'gtc',
			maxSizedQuantity: present(raw.plan?.maxSizedQuantity) ? raw.plan?.maxSizedQuantity : null,
		},
	};
	if (candidate.plan.sizingMode !== 'alert' && !(Number(candidate.plan.sizingValue) > 0)) {
		issues.push({ field: 'Order Plan › Sizing Value', message: 'must be greater than 0 for this sizing' });
	}
	const parsed = riskSettingsSchema.safeParse(candidate);
	if (!parsed.success) {
		for (const issue of parsed.error.issues) issues.push({ field: FIELD_NAMES[issue.path.join('.')] ?? FIELD_NAMES[String(issue.path[0])] ?? issue.path.join('.'), message: issue.message });
	}
	if (issues.length > 0 || !parsed.success) return { ok: false, failure: issues };
	return { ok: true, value: parsed.data };
}

// Settings keys as the parameters are labelled in the editor.
const FIELD_NAMES: Record<string, string> = {
	book: 'Counter Name',
	maxQuantity: 'Max Quantity per Order',
	maxNotional: 'Max Notional per Order',
	quantityStep: 'Quantity Step',
	symbolAllowlist: 'Symbol Allowlist',
	symbolBlocklist: 'Symbol Blocklist',
	allowedActions: 'Allowed Actions',
	session: 'Trading Session',
	'session.timeZone': 'Trading Session › Time Zone',
	'session.days': 'Trading Session › Days',
	'maxOrdersPerDay.timeZone': 'Day Time Zone',
	'dailyLoss.timeZone': 'Day Time Zone',
	'dailyLoss.limit': 'Daily Loss Limit',
	'positionLimits.maxPositionPerSymbol': 'Max Position per Symbol',
	'positionLimits.maxOpenPositions': 'Max Open Positions',
	'positionLimits.maxGrossExposure': 'Max Gross Exposure',
	rateLimits: 'Rate Limits',
	cooldownMs: 'Cooldown per Symbol',
	maxOrdersPerDay: 'Max Orders per Day',
	killSwitch: 'Kill Switch',
	reservationTtlMs: 'Reservation Expires After',
	'plan.sizingMode': 'Order Plan › Sizing',
	'plan.sizingValue': 'Order Plan › Sizing Value',
	'plan.maxSizedQuantity': 'Order Plan › Max Sized Quantity',
};
