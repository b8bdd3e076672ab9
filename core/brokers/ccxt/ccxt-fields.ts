import { CcxtPayloadError } from './ccxt-venue';

// Readers for exchange JSON fields: numbers arrive as decimal strings ("0.00100000") or numbers.

export type Fields = Record<string, unknown>;

export function asFields(value: unknown, what: string): Fields {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new CcxtPayloadError(`${what} is not a JSON object`);
	return value as Fields;
}

export function asList(value: unknown, what: string): unknown[] {
	if (!Array.isArray(value)) throw new CcxtPayloadError(`${what} is not a JSON array`);
	return value;
}

export function textField(fields: Fields, name: string): string {
	const value = fields[name];
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string' || value.trim() === '') throw new CcxtPayloadError(`${name} is missing`);
	return value;
}

export function decimalField(fields: Fields, name: string): number {
	const value = optionalDecimalField(fields, name);
	if (value === null) throw new CcxtPayloadError(`${name} is missing`);
	return value;
}

/** null, undefined and '' are null; anything else must be a finite number or numeric string. */
export function optionalDecimalField(fields: Fields, name: string): number | null {
	const value = fields[name];
	if (value === null || value === undefined || value === '') return null;
	const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
	if (!Number.isFinite(number)) throw new CcxtPayloadError(`${name} is not a number: ${String(value).slice(0, 40)}`);
	return number;
}

/** A positive decimal, or null for a missing or zero one (Binance writes "0.00000000" for "none"). */
export function positiveOrNull(fields: Fields, name: string): number | null {
	const value = optionalDecimalField(fields, name);
	return value === null || value <= 0 ? null : value;
}

/** A millisecond timestamp as ISO 8601, from the first of `names` present. */
export function isoTime(fields: Fields, names: readonly string[]): string {
	for (const name of names) {
		const value = optionalDecimalField(fields, name);
		if (value !== null && value > 0) return new Date(value).toISOString();
	}
	throw new CcxtPayloadError(`${names.join(' or ')} is missing`);
}
