import type { WorkMeter } from './work-meter';

export interface KeyValuePair {
	key: string;
	value: string;
}

export interface PairsAndWords {
	pairs: KeyValuePair[];
	/** What is left once the pairs are taken out, split into words. */
	words: string[];
}

// Separators as the redaction of text bodies knows them, so a token value ends where it does there.
const SEPARATORS = /[\s,;&]+/;
const isSeparator = (char: string): boolean =>
	char === ',' || char === ';' || char === '&' || /\s/.test(char);
const isBlank = (char: string): boolean => char === ' ' || char === '\t';
const isQuote = (char: string): boolean => char === '"' || char === "'";

function unquote(text: string): string {
	const quoted =
		text.length >= 2 && isQuote(text[0]) && text[text.length - 1] === text[0];
	return quoted ? text.slice(1, -1) : text;
}

/**
 * One left-to-right pass over a text body. Every character is visited a bounded number of times,
 * so a hostile body costs time in proportion to its length: the regular expression this replaces
 * retried its key pattern at every position of a long word.
 */
class PairScanner {
	readonly pairs: KeyValuePair[] = [];
	private rest = '';
	private index = 0;
	// A quote after these positions has no closing partner, so it is never searched for.
	private readonly lastDouble: number;
	private readonly lastSingle: number;

	constructor(
		private readonly text: string,
		private readonly meter: WorkMeter,
	) {
		this.lastDouble = text.lastIndexOf('"');
		this.lastSingle = text.lastIndexOf("'");
	}

	scan(): string {
		const { text } = this;
		while (this.index < text.length) {
			this.meter.steps++;
			const char = text[this.index];
			if (isSeparator(char) || char === '=') {
				this.rest += char;
				this.index++;
				continue;
			}
			this.readWordOrPair();
		}
		return this.rest;
	}

	/** `key=value`, `key = value`, `key="a value"`; any other word is kept as it is. */
	private readWordOrPair(): void {
		const start = this.index;
		const keyEnd = this.runEnd(start, true);
		const equals = this.skipBlanks(keyEnd);
		if (this.text[equals] !== '=') {
			this.rest += this.text.slice(start, keyEnd);
			this.index = keyEnd;
			return;
		}
		const key = unquote(this.text.slice(start, keyEnd));
		const { value, end } = this.readValue(equals + 1);
		this.pairs.push({ key, value });
		this.rest += ' ';
		this.index = end;
	}

	/**
	 * A value right after `=` may hold `=` (base64). After a space it may not, so `note= action=buy`
	 * leaves `note` empty instead of eating `action`.
	 */
	private readValue(start: number): { value: string; end: number } {
		const { text } = this;
		if (start < text.length && !isSeparator(text[start])) {
			const quoted = this.quotedEnd(start);
			if (quoted !== -1) return { value: unquote(text.slice(start, quoted)), end: quoted };
			const end = this.runEnd(start, false);
			return { value: unquote(text.slice(start, end)), end };
		}
		const spaced = this.skipBlanks(start);
		const quoted = this.quotedEnd(spaced);
		if (quoted !== -1) return { value: unquote(text.slice(spaced, quoted)), end: quoted };
		const end = this.runEnd(spaced, true);
		if (end === text.length || isSeparator(text[end])) {
			return { value: unquote(text.slice(spaced, end)), end };
		}
		// The word after the blanks is a pair of its own: this value is empty.
		return { value: '', end: start };
	}

	/** The end of a run of word characters from `start`; `stopAtEquals` ends it at `=` too. */
	private runEnd(start: number, stopAtEquals: boolean): number {
		let end = start;
		while (end < this.text.length) {
			this.meter.steps++;
			const char = this.text[end];
			if (isSeparator(char) || (stopAtEquals && char === '=')) break;
			end++;
		}
		return end;
	}

	private skipBlanks(start: number): number {
		let end = start;
		while (end < this.text.length && isBlank(this.text[end])) {
			this.meter.steps++;
			end++;
		}
		return end;
	}

	/** The index just after the quoted string that opens at `start`, or -1. */
	private quotedEnd(start: number): number {
		const quote = this.text[start];
		if (!isQuote(quote)) return -1;
		if (start >= (quote === '"' ? this.lastDouble : this.lastSingle)) return -1;
		const close = this.text.indexOf(quote, start + 1);
		this.meter.steps += close - start;
		return close + 1;
	}
}

/** Splits a text body into its `key=value` pairs and the remaining words. */
export function splitPairsAndWords(text: string, meter: WorkMeter = { steps: 0 }): PairsAndWords {
	const scanner = new PairScanner(text, meter);
	const rest = scanner.scan();
	return { pairs: scanner.pairs, words: rest.split(SEPARATORS).filter(Boolean) };
}
