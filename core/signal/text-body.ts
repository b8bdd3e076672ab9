import { expandDottedKeys } from './dotted-keys';
import type { FieldIssue, Parsed } from './field-issue';
import { SENTENCE_FIELD_PATHS } from './field-aliases';
import { splitPairsAndWords } from './key-value-pairs';
import { setOwn } from './safe-object';
import { looksLikeSentence, readSentence } from './sentence';

export interface TextBody {
	format: 'key_value' | 'sentence';
	fields: Record<string, unknown>;
}

export const UNREADABLE_MESSAGE =
	'unreadable alert: expected JSON, key=value pairs or a sentence such as "buy 10 AAPL"';

/**
 * Reads a text body: `key=value` pairs (on lines, or separated by spaces, commas or semicolons)
 * and the words of a sentence such as `buy 10 AAPL`. A pair wins over a sentence word that gives
 * the same field under any of its names.
 */
export function parseTextBody(text: string): Parsed<TextBody> {
	const { pairs, words } = splitPairsAndWords(text);
	if (pairs.length === 0 && !looksLikeSentence(words)) {
		return { ok: false, issues: [{ field: 'body', message: UNREADABLE_MESSAGE }] };
	}

	const issues: FieldIssue[] = [];
	const flat: Record<string, unknown> = {};
	const given = new Set<string>();
	for (const { key, value } of pairs) {
		if (given.has(key)) issues.push({ field: key, message: `"${key}" is given more than once` });
		given.add(key);
		setOwn(flat, key, value);
	}

	if (words.length) {
		const sentence = readSentence(words);
		if (!sentence.ok) issues.push(...sentence.issues);
		else {
			for (const [field, value] of Object.entries(sentence.value)) {
				const aliases = SENTENCE_FIELD_PATHS[field as keyof typeof SENTENCE_FIELD_PATHS];
				if (value !== undefined && !aliases.some((path) => given.has(path.join('.'))))
					setOwn(flat, field, value);
			}
		}
	}
	if (issues.length) return { ok: false, issues };

	const expanded = expandDottedKeys(flat);
	if (!expanded.ok) return expanded;
	return {
		ok: true,
		value: { format: words.length ? 'sentence' : 'key_value', fields: expanded.value },
	};
}
