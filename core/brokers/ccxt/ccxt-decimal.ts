// Decimal text for numbers, and exact comparisons on it (BigInt), where a float could be off by one ulp.

import { plainDecimalText } from '../base/decimal-text';

export { plainDecimalText as decimalText, withoutFloatNoise } from '../base/decimal-text';

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
	return plainDecimalText(Number((Number(a) * Number(b)).toFixed(8)));
}
