// Binance's decimals in the stub: exact, as integers of 1e-8 (Binance's finest precision).

export const SCALE = 100_000_000n;

/** "0.12345" → 12345000n; null for anything that is not a plain decimal with at most 8 decimals. */
export function units(text: string | undefined): bigint | null {
	if (text === undefined) return null;
	const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
	if (match === null) return null;
	const fraction = (match[2] ?? '').replace(/0+$/, '');
	if (fraction.length > 8) return null;
	return BigInt(match[1]) * SCALE + BigInt(fraction.padEnd(8, '0') || '0');
}

/** 12345000n → "0.12345000", as Binance writes decimals. */
export function decimal(value: bigint): string {
	const negative = value < 0n;
	const absolute = negative ? -value : value;
	const whole = absolute / SCALE;
	const fraction = (absolute % SCALE).toString().padStart(8, '0');
	return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/** a × b for two unit values, in units (rounded down). */
export function times(a: bigint, b: bigint): bigint {
	return (a * b) / SCALE;
}

/** Whether the text has more decimals than 8 (Binance: -1111 "too much precision"). */
export function tooPrecise(text: string): boolean {
	const match = /^\d+\.(\d+)$/.exec(text);
	return match !== null && match[1].replace(/0+$/, '').length > 8;
}
