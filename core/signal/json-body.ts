import { kindOf } from './coerce';
import { expandDottedKeys } from './dotted-keys';
import type { Parsed } from './field-issue';
import { isPlainObject } from './safe-object';

const LOCATED_ERROR = /^(.*) in JSON at position (\d+)/;

/**
 * Why the JSON did not parse, with its line and column. V8's messages may quote a stretch of the
 * body, which can hold a token, so only its located form (which quotes nothing) is passed on.
 */
function describeJsonError(error: unknown, text: string, offset: number): string {
	const located = LOCATED_ERROR.exec(error instanceof Error ? error.message : '');
	if (!located || located[1].includes('"')) return 'the alert body is not valid JSON';
	const position = offset + Number(located[2]);
	const before = text.slice(0, position);
	const line = before.split('\n').length;
	const column = position - before.lastIndexOf('\n');
	const problem = located[1].charAt(0).toLowerCase() + located[1].slice(1);
	return `the alert body is not valid JSON: ${problem} at line ${line}, column ${column}`;
}

/**
 * Parses a JSON body, which must be an object. `body` is the text to parse; `text` and `offset`
 * place it in the body as received, for the error position.
 */
export function parseJsonBody(
	body: string,
	text = body,
	offset = 0,
): Parsed<Record<string, unknown>> {
	let value: unknown;
	try {
		value = JSON.parse(body);
	} catch (error) {
		return {
			ok: false,
			issues: [{ field: 'body', message: describeJsonError(error, text, offset) }],
		};
	}
	if (!isPlainObject(value)) {
		return {
			ok: false,
			issues: [
				{ field: 'body', message: `the alert body must be a JSON object, not ${kindOf(value)}` },
			],
		};
	}
	return expandDottedKeys(value);
}
