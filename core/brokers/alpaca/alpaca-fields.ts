// Readers for the fields of Alpaca's JSON: numbers arrive as decimal strings ("150.25").

/** A body that is not shaped as Alpaca documents it; the client turns it into a broker error. */
export class AlpacaPayloadError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'AlpacaPayloadError';
	}
}

export type Fields = Record<string, unknown>;

export function asFields(value: unknown, what: string): Fields {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw new AlpacaPayloadError(`${what} is not a JSON object`);
	}
	return value as Fields;
}

export function asList(value: unknown, what: string): unknown[] {
	if (!Array.isArray(value)) throw new AlpacaPayloadError(`${what} is not a JSON array`);
	return value;
}

export function textField(fields: Fields, name: string): string {
	const value = fields[name];
	if (typeof value !== 'string' || value.trim() === '') throw new AlpacaPayloadError(`${name} is missing`);
	return value;
}

export function decimalField(fields: Fields, name: string): number {
	const value = optionalDecimalField(fields, name);
	if (value === null) throw new AlpacaPayloadError(`${name} is missing`);
	return value;
}

/** null, undefined and '' are null; anything else must be a finite number or numeric string. */
export function optionalDecimalField(fields: Fields, name: string): number | null {
	const value = fields[name];
	if (value === null || value === undefined || value === '') return null;
	const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
	if (!Number.isFinite(number)) throw new AlpacaPayloadError(`${name} is not a number: ${String(value).slice(0, 40)}`);
	return number;
}
