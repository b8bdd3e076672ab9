import { isPlainDecimal } from './decimal-text';
import type { FieldIssue, Parsed } from './field-issue';
import { findPlaceholder, placeholderMessage } from './placeholders';
import { MIN_TOKEN_LENGTH } from './token-policy';
import { ACTION_WORDS, meaningOf } from './value-words';

/** The fields a sentence gives, as written; the normaliser checks and converts them. */
export interface SentenceFields {
	action: string;
	quantity?: string;
	symbol?: string;
	price?: string;
}

// `NaN` counts as a number so the normaliser can say "quantity is NaN" rather than "two symbols".
const isNumberWord = (word: string): boolean => isPlainDecimal(word) || word.toLowerCase() === 'nan';
const PRICE_MARKERS = new Set(['@', 'at']);
const GRAMMAR =
	'expected <action> [quantity] <symbol> [@ price], e.g. "buy 10 AAPL" or "sell 0.5 BTCUSDT @ 42000"';

function startsWithAction(words: readonly string[]): boolean {
	return words.length > 0 && meaningOf(ACTION_WORDS, words[0]) !== null;
}

/** Words read as a sentence: they start with an action, or hold a placeholder worth naming. */
export function looksLikeSentence(words: readonly string[]): boolean {
	return startsWithAction(words) || words.some((word) => findPlaceholder(word) !== null);
}

/** A word as an issue shows it; one as long as a token could be one, so it is not repeated. */
function describeWord(word: string, index: number): string {
	if (word.length >= MIN_TOKEN_LENGTH)
		return `word ${index + 1} (${word.length} characters, not shown)`;
	return `"${word}"`;
}

/**
 * Reads `buy 10 AAPL`, `sell BTCUSDT 0.5 @ 42000`, `exit AAPL`: the first word is the action, the
 * first number before `@`/`at` the quantity, the first other word the symbol, the number after
 * `@`/`at` (or `@42000`) the price. A word that fits nowhere is an issue, never skipped.
 */
export function readSentence(words: readonly string[]): Parsed<SentenceFields> {
	const placeholders = words
		.map(findPlaceholder)
		.filter((found): found is string => found !== null);
	if (placeholders.length) {
		return {
			ok: false,
			failure: placeholders.map((found) => ({ field: 'body', message: placeholderMessage(found) })),
		};
	}
	const issues: FieldIssue[] = [];
	const [actionWord, ...rest] = words;
	if (!startsWithAction(words)) {
		issues.push({
			field: 'body',
			message: `the sentence must start with an action, not ${describeWord(actionWord, 0)}; ${GRAMMAR}`,
		});
	}
	const fields: SentenceFields = { action: actionWord };
	const unplaced: string[] = [];
	let expectingPrice = false;
	let sawPriceMarker = false;
	rest.forEach((word, restIndex) => {
		const index = restIndex + 1;
		if (expectingPrice) {
			expectingPrice = false;
			if (isNumberWord(word)) fields.price = word;
			else
				issues.push({
					field: 'body',
					message: `expected a price after "@" or "at", not ${describeWord(word, index)}`,
				});
			return;
		}
		const isMarker = PRICE_MARKERS.has(word.toLowerCase());
		const attachedPrice = word.length > 1 && word.startsWith('@') ? word.slice(1) : null;
		if (fields.price !== undefined || ((isMarker || attachedPrice !== null) && sawPriceMarker)) {
			unplaced.push(describeWord(word, index));
		} else if (isMarker) {
			sawPriceMarker = true;
			expectingPrice = true;
		} else if (attachedPrice !== null) {
			sawPriceMarker = true;
			if (isNumberWord(attachedPrice)) fields.price = attachedPrice;
			else
				issues.push({
					field: 'body',
					message: `expected a price after "@", not ${describeWord(word, index)}`,
				});
		} else if (isNumberWord(word)) {
			if (fields.quantity === undefined) fields.quantity = word;
			else unplaced.push(describeWord(word, index));
		} else if (fields.symbol === undefined) {
			fields.symbol = word;
		} else {
			unplaced.push(describeWord(word, index));
		}
	});
	if (expectingPrice)
		issues.push({
			field: 'body',
			message: 'expected a price after "@" or "at", but the sentence ends there',
		});
	if (unplaced.length) {
		issues.push({
			field: 'body',
			message: `could not understand ${unplaced.join(', ')} in the sentence; ${GRAMMAR}`,
		});
	}
	return issues.length ? { ok: false, failure: issues } : { ok: true, value: fields };
}
