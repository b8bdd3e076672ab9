import type { FieldConflict } from './conflicts';
import type { FieldIssue, Parsed } from './field-issue';
import { parseJsonBody } from './json-body';
import { parseTextBody } from './text-body';
import type { WorkMeter } from './work-meter';

export interface ParsedBody {
	format: 'json' | 'key_value' | 'sentence';
	/** The alert's fields; dotted keys expanded, keys that could reach a prototype dropped. */
	fields: Record<string, unknown>;
	/** Fields given twice with values that disagree; the alert must be refused. */
	conflicts: FieldConflict[];
	/**
	 * Placeholders left unquoted in JSON, read as text only so the token could be found; the
	 * alert must be refused, and the body is not the JSON it now seems to be.
	 */
	placeholders: FieldIssue[];
}

const BYTE_ORDER_MARK = /^\uFEFF/;

function isJsonValue(text: string): boolean {
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
}

/**
 * Reads the body TradingView posted: a JSON object, `key=value` pairs, or a sentence such as
 * `buy 10 AAPL`. TradingView sends JSON as application/json and anything else as text/plain,
 * but only the text is relied on. Every step is linear in the body's length.
 */
export function parseAlertBody(text: string, meter?: WorkMeter): Parsed<ParsedBody> {
	const withoutMark = text.replace(BYTE_ORDER_MARK, '');
	const body = withoutMark.trim();
	if (body === '')
		return { ok: false, failure: [{ field: 'body', message: 'the alert body is empty' }] };

	// `[1, 2]`, `"buy"` or `42` is JSON too, but not an alert: refused rather than read as words.
	// `{{` is never JSON: it opens a sentence whose first placeholder was not rendered.
	const looksLikeJson = (body.startsWith('{') && !body.startsWith('{{')) || body.startsWith('[');
	if (looksLikeJson || isJsonValue(body)) {
		const leading = withoutMark.length - withoutMark.trimStart().length;
		const parsed = parseJsonBody(body, withoutMark, leading, meter);
		return parsed.ok ? { ok: true, value: { format: 'json', ...parsed.value } } : parsed;
	}
	const parsed = parseTextBody(body, meter);
	return parsed.ok ? { ok: true, value: { ...parsed.value, placeholders: [] } } : parsed;
}
