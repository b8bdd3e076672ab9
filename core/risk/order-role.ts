import type { RiskInput } from './risk-input';

export type OrderRole = 'entry' | 'exit';

/**
 * An exit only reduces exposure: an exit or cancel action, a flat sentiment, or a strategy whose
 * position moves toward flat without crossing it. Everything else opens or adds risk.
 */
export function orderRole(input: RiskInput): OrderRole {
	if (input.action === 'exit' || input.action === 'cancel') return 'exit';
	if (input.sentiment === 'flat') return 'exit';
	const strategy = input.strategy;
	if (strategy?.marketPosition === 'flat') return 'exit';
	const target = strategy?.targetPosition ?? null;
	const previous = strategy?.prevTargetPosition ?? null;
	if (target !== null && previous !== null && previous !== 0) {
		const sameSide = Math.sign(target) === Math.sign(previous) || target === 0;
		if (sameSide && Math.abs(target) < Math.abs(previous)) return 'exit';
	}
	return 'entry';
}
