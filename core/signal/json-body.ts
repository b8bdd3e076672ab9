import { kindOf } from './coerce';
import { type FieldConflict, valuesAgree } from './conflicts';
import { expandDottedKeys } from './dotted-keys';
import type { FieldIssue, Parsed } from './field-issue';
import {
	type BarePlaceholder,
	type JsonStructure,
	MAX_NESTING_DEPTH,
	scanJsonStructure,
	type TextSpan,
} from './json-structure';
import { findPlaceholder, placeholderMessage } from './placeholders';
import { isPlainObject } from './safe-object';
import type { WorkMeter } from './work-meter';

export interface JsonBody {
	fields: Record<string, unknown>;
	/** Keys given twice in one object with values that disagree (JSON.parse keeps only the last). */
	conflicts: FieldConflict[];
	/**
	 * Placeholders TradingView left where a value belongs. They were read as text so the token
	 * could still be found; the alert itself must be refused.
	 */
	placeholders: FieldIssue[];
}

const LOCATED_ERROR = /^(.*) in JSON at position (\d+)/;

function locate(text: string, position: number): string {
	const before = text.slice(0, position);
	const line = before.split('\n').length;
	const column = position - before.lastIndexOf('\n');
	return `line ${line}, column ${column}`;
}

/**
 * Why the JSON did not parse, with its line and column. V8's messages may quote a stretch of the
 * body, which can hold a token, so only its located form (which quotes nothing) is passed on.
 */
function describeJsonError(error: unknown, text: string, offset: number): string {
	const located = LOCATED_ERROR.exec(error instanceof Error ? error.message : '');
	if (!located || located[1].includes('"')) return 'the alert body is not valid JSON';
	const problem = located[1].charAt(0).toLowerCase() + located[1].slice(1);
	return `the alert body is not valid JSON: ${problem} at ${locate(text, offset + Number(located[2]))}`;
}

function placeholderIssue({ field, span }: BarePlaceholder, body: string): FieldIssue {
	const text = body.slice(span.start, span.end);
	return { field, message: placeholderMessage(findPlaceholder(text) ?? text) };
}

/** The body with every bare placeholder written as a JSON string. */
function quotePlaceholders(body: string, placeholders: readonly BarePlaceholder[]): string {
	let quoted = '';
	let from = 0;
	for (const { span } of placeholders) {
		quoted += body.slice(from, span.start) + JSON.stringify(body.slice(span.start, span.end));
		from = span.end;
	}
	return quoted + body.slice(from);
}

function valueOf(body: string, span: TextSpan): unknown {
	const raw = body.slice(span.start, span.end);
	try {
		return JSON.parse(raw) as unknown;
	} catch {
		return raw;
	}
}

function conflictsOf(body: string, structure: JsonStructure): FieldConflict[] {
	const conflicts: FieldConflict[] = [];
	for (const { field, first, second } of structure.duplicates) {
		const value = valueOf(body, second);
		const otherValue = valueOf(body, first);
		if (!valuesAgree(value, otherValue)) conflicts.push({ field, value, otherField: field, otherValue });
	}
	return conflicts;
}

const refuse = (message: string): Parsed<JsonBody> => ({ ok: false, failure: [{ field: 'body', message }] });

/**
 * Parses a JSON body, which must be an object. `body` is the text to parse; `text` and `offset`
 * place it in the body as received, for the error position. Nesting is checked before JSON.parse
 * runs, so nothing downstream recurses deeper than MAX_NESTING_DEPTH.
 */
export function parseJsonBody(
	body: string,
	text = body,
	offset = 0,
	meter?: WorkMeter,
): Parsed<JsonBody> {
	const structure = scanJsonStructure(body, meter);
	if (structure.tooDeepAt !== null) {
		return refuse(
			`the alert body nests objects or lists more than ${MAX_NESTING_DEPTH} levels deep (at ${locate(text, offset + structure.tooDeepAt)})`,
		);
	}
	const placeholders = structure.placeholders.map((found) => placeholderIssue(found, body));
	let value: unknown;
	try {
		value = JSON.parse(placeholders.length ? quotePlaceholders(body, structure.placeholders) : body);
	} catch (error) {
		if (placeholders.length) return { ok: false, failure: placeholders };
		return refuse(describeJsonError(error, text, offset));
	}
	if (!isPlainObject(value)) return refuse(`the alert body must be a JSON object, not ${kindOf(value)}`);
	const expanded = expandDottedKeys(value);
	if (!expanded.ok) return expanded;
	return { ok: true, value: { fields: expanded.value, conflicts: conflictsOf(body, structure), placeholders } };
}
