import { ALPACA_DECIMALS } from './alpaca-metadata';

/**
 * A positive number as the decimal string Alpaca reads: at most 9 decimals (rounded to the
 * nearest), no exponent, no trailing zeros; 1e-7 → "0.0000001", 0.30000000000000004 → "0.3".
 * Null when the number is not finite, not above 0, rounds to 0 or is too large to write plainly.
 */
export function decimalString(value: number): string | null {
	if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value >= 1e21) return null;
	const fixed = value.toFixed(ALPACA_DECIMALS);
	const trimmed = fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
	return /^0(\.0*)?$/.test(trimmed) ? null : trimmed;
}
