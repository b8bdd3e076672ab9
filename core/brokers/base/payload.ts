// Readers for the fields of a broker's JSON answer. A body that is not shaped as the broker
// documents it throws PayloadError, which the REST client turns into a retryable
// BrokerUnavailableError (for an order: read back before anything is sent again).

import type { z, ZodTypeAny } from 'zod';

export class PayloadError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'PayloadError';
	}
}

export type Fields = Record<string, unknown>;

export function isRecord(value: unknown): value is Fields {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asFields(value: unknown, what: string): Fields {
	if (!isRecord(value)) throw new PayloadError(`${what} is not a JSON object`);
	return value;
}

export function asList(value: unknown, what: string): unknown[] {
	if (!Array.isArray(value)) throw new PayloadError(`${what} is not a JSON array`);
	return value;
}

export function textField(fields: Fields, name: string): string {
	const value = fields[name];
	if (typeof value !== 'string' || value.trim() === '') throw new PayloadError(`${name} is missing`);
	return value;
}

/** A non-empty text, or null when absent or empty. */
export function optionalTextField(fields: Fields, name: string): string | null {
	const value = fields[name];
	return typeof value === 'string' && value.trim() !== '' ? value : null;
}

export function decimalField(fields: Fields, name: string): number {
	const value = optionalDecimalField(fields, name);
	if (value === null) throw new PayloadError(`${name} is missing`);
	return value;
}

/** null, undefined and '' are null; anything else must be a finite number or numeric string. */
export function optionalDecimalField(fields: Fields, name: string): number | null {
	const value = fields[name];
	if (value === null || value === undefined || value === '') return null;
	const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
	if (!Number.isFinite(number)) throw new PayloadError(`${name} is not a number: ${String(value).slice(0, 40)}`);
	return number;
}

/** A positive decimal, or null for a missing or zero one (some brokers write "0.00000000" for "none"). */
export function positiveOrNull(fields: Fields, name: string): number | null {
	const value = optionalDecimalField(fields, name);
	return value === null || value <= 0 ? null : value;
}

/** What a parser found, or PayloadError naming what was missing (for parsers that answer null). */
export function required<T>(value: T | null | undefined, problem: string): T {
	if (value === null || value === undefined) throw new PayloadError(problem);
	return value;
}

/** A parser by zod schema: a body the schema does not match is PayloadError(problem). */
export function parsedBy<S extends ZodTypeAny>(schema: S, problem: string): (body: unknown) => z.infer<S> {
	return (body) => {
		const parsed = schema.safeParse(body);
		if (!parsed.success) throw new PayloadError(problem);
		return parsed.data as z.infer<S>;
	};
}
