// Decimal text for numbers, and exact comparisons on it (BigInt), where a float could be off by one ulp.

/** Significant digits a quantity or price keeps before rounding to the exchange's step: float noise goes. */
const SIGNIFICANT_DIGITS = 15;

/** 2.0999999999999996 (0.7 × 3) → 2.1, so that rounding down to a step of 0.1 gives 2.1, not 2.0. */
export function withoutFloatNoise(value: number): number {
	return Number(value.toPrecision(SIGNIFICANT_DIGITS));
}

/** A finite number as plain decimal text, no exponent: 1e-7 → "0.0000001", 1e21 → "1000000000000000000000". */
export function decimalText(value: number): string {
	const text = String(value);
	const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(text);
	if (match === null) return text;
	const [, sign, whole, fraction = '', exponentText] = match;
	const exponent = Number(exponentText);
	const digits = whole + fraction;
	const point = whole.length + exponent;
	if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`.replace(/\.?0+$/, '');
	if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
	return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

interface Scaled {
	units: bigint;
	scale: number;
}

function scaled(text: string): Scaled {
	const match = /^(\d+)(?:\.(\d*))?$/.exec(text.trim());
	if (match === null) throw new Error(`not a plain non-negative decimal: ${text}`);
	const fraction = match[2] ?? '';
	return { units: BigInt(match[1] + fraction), scale: fraction.length };
}

/** Whether a × b < limit, exactly, for plain non-negative decimal texts. */
export function productBelow(a: string, b: string, limit: string): boolean {
	const x = scaled(a);
	const y = scaled(b);
	const z = scaled(limit);
	const product = x.units * y.units;
	const productScale = x.scale + y.scale;
	const scale = Math.max(productScale, z.scale);
	return product * 10n ** BigInt(scale - productScale) < z.units * 10n ** BigInt(scale - z.scale);
}

/** Whether a < b, exactly, for plain non-negative decimal texts. */
export function decimalBelow(a: string, b: string): boolean {
	return productBelow(a, '1', b);
}

/** a × b as decimal text rounded to 8 decimals, for messages. */
export function productText(a: string, b: string): string {
	return decimalText(Number((Number(a) * Number(b)).toFixed(8)));
}
