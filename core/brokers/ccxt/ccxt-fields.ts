import { type Fields, optionalDecimalField, PayloadError } from '../base/payload';

// Readers for exchange JSON fields that differ from the base ones (core/brokers/base/payload.ts):
// exchanges send ids as numbers as often as text, and times as milliseconds.

export { asFields, asList, decimalField, type Fields, optionalDecimalField, positiveOrNull } from '../base/payload';

/** A text field; a finite number (an exchange's numeric order id) is taken as its decimal text. */
export function textField(fields: Fields, name: string): string {
	const value = fields[name];
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string' || value.trim() === '') throw new PayloadError(`${name} is missing`);
	return value;
}

/** A millisecond timestamp as ISO 8601, from the first of `names` present. */
export function isoTime(fields: Fields, names: readonly string[]): string {
	for (const name of names) {
		const value = optionalDecimalField(fields, name);
		if (value !== null && value > 0) return new Date(value).toISOString();
	}
	throw new PayloadError(`${names.join(' or ')} is missing`);
}
