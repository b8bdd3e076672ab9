import type { FieldIssue, Parsed } from './field-issue';
import { MAX_NESTING_DEPTH } from './json-structure';
import {
	copyWithoutForbiddenKeys,
	isForbiddenKey,
	isPlainObject,
	ownValue,
	setOwn,
} from './safe-object';

/** `strategy.order.action` → `['strategy', 'order', 'action']`; a key with an empty part stays whole. */
function splitDottedKey(key: string): string[] {
	const parts = key.split('.');
	return parts.every((part) => part !== '') ? parts : [key];
}

function place(
	target: Record<string, unknown>,
	path: readonly string[],
	value: unknown,
	field: string,
	issues: FieldIssue[],
): void {
	let node = target;
	for (const segment of path.slice(0, -1)) {
		const existing = ownValue(node, segment);
		if (existing === undefined) {
			const child: Record<string, unknown> = {};
			setOwn(node, segment, child);
			node = child;
		} else if (isPlainObject(existing)) {
			node = existing;
		} else {
			issues.push({
				field,
				message: `"${field}" cannot go inside "${segment}", which is already given as a value`,
			});
			return;
		}
	}
	const leaf = path[path.length - 1];
	const existing = ownValue(node, leaf);
	if (existing === undefined) {
		setOwn(node, leaf, value);
	} else if (isPlainObject(existing) && isPlainObject(value)) {
		for (const [key, child] of Object.entries(value))
			place(existing, [key], child, `${field}.${key}`, issues);
	} else {
		issues.push({ field, message: `"${field}" is given more than once` });
	}
}

/**
 * Top-level keys such as `strategy.order.action` become nested objects (`{strategy: {order:
 * {action}}}`), merged with objects given under the same names. The result is a fresh copy with
 * no key that could reach a prototype; a key given twice is an issue, not silently overwritten.
 */
export function expandDottedKeys(fields: Record<string, unknown>): Parsed<Record<string, unknown>> {
	const expanded: Record<string, unknown> = {};
	const issues: FieldIssue[] = [];
	for (const [key, value] of Object.entries(fields)) {
		const path = splitDottedKey(key);
		if (path.some(isForbiddenKey)) continue;
		if (path.length > MAX_NESTING_DEPTH) {
			// Not quoted: the key may be long, and may even hold a token.
			issues.push({ field: 'body', message: `a dotted key has more than ${MAX_NESTING_DEPTH} parts` });
			continue;
		}
		place(expanded, path, copyWithoutForbiddenKeys(value), key, issues);
	}
	return issues.length ? { ok: false, failure: issues } : { ok: true, value: expanded };
}
