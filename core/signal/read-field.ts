import { type Coerced, type NumberRule, toLabel, toNumber, toWord } from './coerce';
import type { FieldPath } from './field-aliases';
import type { FieldReader } from './field-reader';
import type { IssueList } from './issue-list';
import type { Vocabulary } from './value-words';

/** A field read by its aliases: `field` is where it was found (null: absent), `value` null when absent or invalid. */
export interface ReadField<T> {
	field: string | null;
	value: T | null;
}

function read<T>(
	reader: FieldReader,
	issues: IssueList,
	paths: readonly FieldPath[],
	coerce: (value: unknown, field: string) => Coerced<T | null>,
): ReadField<T> {
	const found = reader.find(paths);
	if (!found) return { field: null, value: null };
	const coerced = coerce(found.value, found.field);
	if (coerced.ok) return { field: found.field, value: coerced.value };
	issues.add(found.field, coerced.failure);
	return { field: found.field, value: null };
}

export function readNumber(
	reader: FieldReader,
	issues: IssueList,
	paths: readonly FieldPath[],
	rule: NumberRule,
): ReadField<number> {
	return read(reader, issues, paths, (value, field) => toNumber(value, field, rule));
}

export function readWord<T extends string>(
	reader: FieldReader,
	issues: IssueList,
	paths: readonly FieldPath[],
	words: Vocabulary<T>,
): ReadField<T> {
	return read(reader, issues, paths, (value, field) => toWord(value, field, words));
}

export function readLabel(
	reader: FieldReader,
	issues: IssueList,
	paths: readonly FieldPath[],
): ReadField<string> {
	return read(reader, issues, paths, toLabel);
}

/** Free text that may be left empty (TradingView renders an unset order comment as ""): empty is null. */
export function readOptionalText(
	reader: FieldReader,
	issues: IssueList,
	paths: readonly FieldPath[],
): ReadField<string> {
	return read<string>(reader, issues, paths, (value, field): Coerced<string | null> => {
		if (typeof value === 'string')
			return { ok: true, value: value.trim() === '' ? null : value.trim() };
		return toLabel(value, field);
	});
}
