import type { CounterLimit, LimitBreach } from '../ledger/risk-store';
import { startOfLocalDay } from './local-time';
import type { RiskCode, RiskReason } from './reasons';
import { RATE_WINDOWS, type RateLimit, type RiskSettings } from './risk-settings';

// The order-count rules as counters the store checks atomically. Each limit's key is its code
// plus its position, so a breach can be told back in words.

interface Described {
	limit: CounterLimit;
	describe: (breach: LimitBreach) => RiskReason;
}

function windowWords(rate: RateLimit): string {
	return rate.size === 1 ? `1 ${rate.window}` : `${rate.size} ${rate.window}s`;
}

export function counterLimits(symbol: string, at: Date, settings: RiskSettings): Described[] {
	const now = at.getTime();
	const limits: Described[] = [];
	const add = (code: RiskCode, limit: Omit<CounterLimit, 'code'>, words: (breach: LimitBreach) => string) => {
		limits.push({
			limit: { ...limit, code: `${code}#${limits.length}` },
			describe: (breach) => ({ code, message: words(breach) }),
		});
	};
	for (const rate of settings.rateLimits) {
		const sinceMs = now - RATE_WINDOWS[rate.window] * rate.size + 1;
		if (rate.per === 'symbol') {
			add('max_orders_per_symbol', { symbol, sinceMs, max: rate.max }, (b) => `${b.count} orders in ${symbol} in the last ${windowWords(rate)}; the limit is ${b.max}`);
		} else {
			add('max_orders_total', { symbol: null, sinceMs, max: rate.max }, (b) => `${b.count} orders in the last ${windowWords(rate)}; the limit is ${b.max}`);
		}
	}
	if (settings.cooldownMs !== null) {
		const seconds = settings.cooldownMs / 1000;
		add('cooldown', { symbol, sinceMs: now - settings.cooldownMs + 1, max: 1 }, () => `${symbol} had an order in the last ${seconds} s (cooldown)`);
	}
	if (settings.maxOrdersPerDay) {
		const { max, timeZone } = settings.maxOrdersPerDay;
		const sinceMs = startOfLocalDay(at, timeZone).getTime();
		add('max_orders_per_day', { symbol: null, sinceMs, max }, (b) => `${b.count} orders today (${timeZone}); the limit is ${b.max} per day`);
	}
	return limits;
}

export function describeBreaches(limits: Described[], breaches: LimitBreach[]): RiskReason[] {
	return breaches.map((breach) => {
		const described = limits.find((entry) => entry.limit.code === breach.code);
		return described ? described.describe(breach) : { code: breach.code.split('#')[0] as RiskCode, message: `limit ${breach.max} reached` };
	});
}
