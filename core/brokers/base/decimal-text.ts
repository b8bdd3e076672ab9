// Brokers take quantities and prices as decimal text ("0.0000001", "1.08452"): never an
// exponent, never binary noise such as 0.30000000000000004.

/** Significant digits kept before writing: 0.1 + 0.2 → 0.3, 0.7 × 3 → 2.1. */
const SIGNIFICANT_DIGITS = 15;

export function withoutFloatNoise(value: number): number {
	return Number(value.toPrecision(SIGNIFICANT_DIGITS));
}

export interface DecimalTextOptions {
	/** Round to at most this many decimals (to the nearest) before writing. */
	maxDecimals?: number;
}

/**
 * A finite number as plain decimal text: no exponent, no trailing zeros, float noise removed;
 * 1e-7 → "0.0000001", 1e21 → "1000000000000000000000", -100 → "-100". Throws RangeError for
 * a number that is not finite.
 */
export function decimalText(value: number, options: DecimalTextOptions = {}): string {
	if (typeof value !== 'number' || !Number.isFinite(value)) throw new RangeError(`not a finite number: ${String(value)}`);
	let number = withoutFloatNoise(value);
	if (options.maxDecimals !== undefined) number = Number(number.toFixed(options.maxDecimals));
	if (Object.is(number, -0)) number = 0;
	return plainDecimalText(number);
}

/** A positive amount as decimal text, or null when it is not above 0 or rounds to 0. */
export function positiveDecimalText(value: number, options: DecimalTextOptions = {}): string | null {
	if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return null;
	const text = decimalText(value, options);
	return /^0(\.0*)?$/.test(text) ? null : text;
}

/** A finite number as written by String(), its exponent spelt out: 1e-7 → "0.0000001" (no rounding). */
export function plainDecimalText(value: number): string {
	const text = String(value);
	const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(text);
	if (match === null) return text;
	const [, sign, whole, fraction = '', exponentText] = match;
	const digits = whole + fraction;
	const point = whole.length + Number(exponentText);
	if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`.replace(/\.?0+$/, '');
	if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
	return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
