import { type FieldConflict, valuesAgree } from './conflicts';
import { expandDottedKeys } from './dotted-keys';
import type { FieldIssue, Parsed } from './field-issue';
import { SENTENCE_FIELD_PATHS } from './field-aliases';
import { splitPairsAndWords } from './key-value-pairs';
import { ownValue, setOwn } from './safe-object';
import { looksLikeSentence, readSentence } from './sentence';
import { ACTION_WORDS, meaningOf } from './value-words';
import type { WorkMeter } from './work-meter';

export interface TextBody {
	format: 'key_value' | 'sentence';
	fields: Record<string, unknown>;
	/** A pair given twice, or a pair and a sentence word for one field, with values that disagree. */
	conflicts: FieldConflict[];
}

export const UNREADABLE_MESSAGE =
	'unreadable alert: expected JSON, key=value pairs or a sentence such as "buy 10 AAPL"';

/** `long` and `buy` are one action; other words agree as any two values do. */
function sentenceWordAgrees(field: string, pairValue: string, word: string): boolean {
	if (field === 'action') {
		const meaning = meaningOf(ACTION_WORDS, word);
		if (meaning !== null && meaning === meaningOf(ACTION_WORDS, pairValue)) return true;
	}
	return valuesAgree(pairValue, word);
}

/**
 * Reads a text body: `key=value` pairs (on lines, or separated by spaces, commas or semicolons)
 * and the words of a sentence such as `buy 10 AAPL`. A pair and a sentence word, or two pairs,
 * that give one field different values are a conflict: `buy 10 AAPL qty=1000` is not guessed at.
 */
export function parseTextBody(text: string, meter?: WorkMeter): Parsed<TextBody> {
	const { pairs, words } = splitPairsAndWords(text, meter);
	if (pairs.length === 0 && !looksLikeSentence(words)) {
		return { ok: false, failure: [{ field: 'body', message: UNREADABLE_MESSAGE }] };
	}

	const issues: FieldIssue[] = [];
	const conflicts: FieldConflict[] = [];
	const flat: Record<string, unknown> = {};
	const conflicted = new Set<string>();
	for (const { key, value } of pairs) {
		const earlier = ownValue(flat, key);
		if (earlier === undefined) setOwn(flat, key, value);
		else if (!conflicted.has(key) && !valuesAgree(value, earlier)) {
			conflicted.add(key);
			conflicts.push({ field: key, value, otherField: key, otherValue: earlier });
		}
	}

	if (words.length) {
		const sentence = readSentence(words);
		if (!sentence.ok) issues.push(...sentence.failure);
		else {
			for (const [field, word] of Object.entries(sentence.value)) {
				if (word === undefined) continue;
				const aliases = SENTENCE_FIELD_PATHS[field as keyof typeof SENTENCE_FIELD_PATHS];
				const given = aliases.map((path) => path.join('.')).filter((name) => ownValue(flat, name) !== undefined);
				if (given.length === 0) setOwn(flat, field, word);
				for (const name of given) {
					const pairValue = String(ownValue(flat, name));
					if (!sentenceWordAgrees(field, pairValue, word)) {
						conflicts.push({ field: name, value: pairValue, otherField: `the sentence's ${field}`, otherValue: word });
					}
				}
			}
		}
	}
	if (issues.length) return { ok: false, failure: issues };

	const expanded = expandDottedKeys(flat);
	if (!expanded.ok) return expanded;
	return {
		ok: true,
		value: { format: words.length ? 'sentence' : 'key_value', fields: expanded.value, conflicts },
	};
}
