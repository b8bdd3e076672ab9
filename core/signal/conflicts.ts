import { quote } from './coerce';
import { isPlainDecimal } from './decimal-text';
import type { FieldIssue } from './field-issue';
import { REDACTED, redactFields } from './redact';

/** One field given twice with values that disagree: the alert is refused rather than guessed. */
export interface FieldConflict {
	/** Where the later value was given, as a dotted path. */
	field: string;
	value: unknown;
	/** Where the earlier value was given: the same path, another alias, or "the sentence's …". */
	otherField: string;
	otherValue: unknown;
}

/** What must never be repeated in a description: token fields' values and the tokens themselves. */
export interface Secrets {
	tokenFields: readonly string[];
	tokens: readonly string[];
}

const MAX_SHOWN_JSON = 40;

/** Equal text ignoring case and surrounding space, equal decimal numbers, or equal JSON. */
export function valuesAgree(one: unknown, other: unknown): boolean {
	const isScalar = (value: unknown) => typeof value === 'string' || typeof value === 'number';
	if (isScalar(one) && isScalar(other)) {
		const a = String(one).trim();
		const b = String(other).trim();
		if (a.toLowerCase() === b.toLowerCase()) return true;
		return isPlainDecimal(a) && isPlainDecimal(b) && Number(a) === Number(b);
	}
	return JSON.stringify(one) === JSON.stringify(other);
}

function show(value: unknown): string {
	if (typeof value === 'string') return quote(value);
	const json = JSON.stringify(value) ?? String(value);
	return json.length > MAX_SHOWN_JSON ? `${json.slice(0, MAX_SHOWN_JSON)}…` : json;
}

const lastSegment = (field: string): string => field.slice(field.lastIndexOf('.') + 1).toLowerCase();

/**
 * The issue that names a conflict and both values. Values are redacted before they are cut short,
 * so no part of a token can show; a token field's values are not shown at all.
 */
export function describeConflict(conflict: FieldConflict, secrets: Secrets): FieldIssue {
	const { field, otherField } = conflict;
	const tokenFields = new Set(secrets.tokenFields.map((name) => name.toLowerCase()));
	const hidden = tokenFields.has(lastSegment(field)) || tokenFields.has(lastSegment(otherField));
	const shown = (value: unknown) =>
		hidden ? REDACTED : show(redactFields(value, secrets.tokenFields, secrets.tokens));
	const message =
		field === otherField
			? hidden
				? `${field} is given twice with different values`
				: `${field} is given twice with different values: ${shown(conflict.otherValue)} and ${shown(conflict.value)}`
			: `${field} ${shown(conflict.value)} contradicts ${otherField} ${shown(conflict.otherValue)}`;
	return { field, message, conflict: true };
}
