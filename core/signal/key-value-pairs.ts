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
const QUOTED = `"[^"]*"|'[^']*'`;
// `key=value`, `key = value`, `key="a value"`. A value right after `=` may hold `=` (base64);
// after a space it may not, so `note= action=buy` leaves `note` empty instead of eating `action`.
const PAIR = new RegExp(
	`([^\\s,;&=]+)[ \\t]*=(?:(${QUOTED}|[^\\s,;&]+)|[ \\t]*(${QUOTED}|[^\\s,;&=]*(?=[\\s,;&]|$)))`,
	'g',
);

function unquote(text: string): string {
	const quoted =
		text.length >= 2 && (text[0] === '"' || text[0] === "'") && text[text.length - 1] === text[0];
	return quoted ? text.slice(1, -1) : text;
}

/** Splits a text body into its `key=value` pairs and the remaining words. */
export function splitPairsAndWords(text: string): PairsAndWords {
	const pairs: KeyValuePair[] = [];
	const rest = text.replace(PAIR, (_match, key: string, value?: string, spacedValue?: string) => {
		pairs.push({ key: unquote(key), value: unquote(value ?? spacedValue ?? '') });
		return ' ';
	});
	return { pairs, words: rest.split(SEPARATORS).filter(Boolean) };
}
