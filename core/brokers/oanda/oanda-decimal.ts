// OANDA sends and expects decimal numbers as strings ("100", "-100", "1.08452").

/**
 * A finite number as a plain decimal string: no exponent, and rounded to 15 significant digits
 * so binary noise (0.1 + 0.2) never reaches OANDA as a price it rejects for precision.
 */
export function formatDecimal(value: number): string {
	if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${String(value)}`);
	const text = String(Number(value.toPrecision(15)));
	const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
	if (!match) return text;
	const [, sign, whole, fraction = '', exponentText] = match;
	const digits = whole + fraction;
	const point = whole.length + Number(exponentText);
	if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`.replace(/0+$/, '');
	if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
	return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** OANDA's decimal string as a number; null when it is absent or not a number. */
export function parseDecimal(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value !== 'string' || !/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value)) return null;
	const parsed = Number(value);
	return Number.isFinite(parsed) ? parsed : null;
}
