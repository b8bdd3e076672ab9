import type { Result } from '../util/result';
import { isPlainDecimal } from './decimal-text';
import { isPlainObject } from './safe-object';
import { meaningOf, type Vocabulary } from './value-words';

/** A value converted to what a signal field holds, or why it could not be; the message names the field. */
export type Coerced<T> = Result<T, string>;

export type NumberRule = 'positive' | 'non_negative' | 'signed';

const NAN_TEXT = /^nan$/i;
const MAX_QUOTED_LENGTH = 40;

const ok = <T>(value: T): Coerced<T> => ({ ok: true, value });
const fail = <T>(message: string): Coerced<T> => ({ ok: false, failure: message });

/** A value as it appears in an issue, cut short so a long one cannot flood the answer. */
export function quote(text: string): string {
	return JSON.stringify(
		text.length > MAX_QUOTED_LENGTH ? `${text.slice(0, MAX_QUOTED_LENGTH)}…` : text,
	);
}

export function kindOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (isPlainObject(value)) return 'an object';
	if (typeof value === 'string') return 'text';
	if (typeof value === 'boolean') return 'true/false';
	return `a ${typeof value}`;
}

function toFiniteNumber(value: unknown, field: string): Coerced<number> {
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return fail(`${field} must be a finite number`);
		return ok(value === 0 ? 0 : value);
	}
	if (typeof value !== 'string') return fail(`${field} must be a number, not ${kindOf(value)}`);
	const text = value.trim();
	if (NAN_TEXT.test(text)) {
		return fail(`${field} is NaN: TradingView renders a value that is not available (na) as NaN`);
	}
	if (text === '') return fail(`${field} is empty; a number is expected`);
	// Plain decimal only: no exponent, no thousands separator, no Infinity.
	if (!isPlainDecimal(text))
		return fail(`${field} ${quote(value)} is not a plain decimal number`);
	const number = Number(text);
	if (!Number.isFinite(number)) return fail(`${field} is too large`);
	return ok(number === 0 ? 0 : number);
}

/** A JSON number, or a decimal number written as text ("10", " 0.5 "). */
export function toNumber(value: unknown, field: string, rule: NumberRule): Coerced<number> {
	const number = toFiniteNumber(value, field);
	if (!number.ok) return number;
	if (rule === 'positive' && number.value <= 0) return fail(`${field} must be greater than 0`);
	if (rule === 'non_negative' && number.value < 0) return fail(`${field} must not be negative`);
	return number;
}

/** Text, trimmed; empty text is an issue. */
export function toText(value: unknown, field: string): Coerced<string> {
	if (typeof value !== 'string') return fail(`${field} must be text, not ${kindOf(value)}`);
	const text = value.trim();
	return text === '' ? fail(`${field} is empty`) : ok(text);
}

/** Text or a number written as text (TradingView's `{{interval}}` may arrive as either). */
export function toLabel(value: unknown, field: string): Coerced<string> {
	if (typeof value === 'number' && Number.isFinite(value)) return ok(String(value));
	return toText(value, field);
}

/** One of the vocabulary's words, case-insensitive, as the value it stands for. */
export function toWord<T extends string>(
	value: unknown,
	field: string,
	words: Vocabulary<T>,
): Coerced<T> {
	const text = toText(value, field);
	if (!text.ok) return text;
	const meaning = meaningOf(words, text.value);
	if (meaning === null)
		return fail(`${field} ${quote(text.value)} is not recognised; expected ${words.expected}`);
	return ok(meaning);
}
