// OANDA sends decimal numbers as strings ("100", "-100", "1.08452"); they are written with the
// shared decimalText (base/decimal-text.ts).

/** OANDA's decimal string as a number; null when it is absent or not a number. */
export function parseDecimal(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value !== 'string' || !/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value)) return null;
	const parsed = Number(value);
	return Number.isFinite(parsed) ? parsed : null;
}
