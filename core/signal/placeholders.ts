import type { FieldIssue } from './field-issue';
import { isPlainObject } from './safe-object';

const PLACEHOLDER = /\{\{[^{}]*\}\}/;
const MAX_SHOWN_LENGTH = 60;

/** The `{{…}}` TradingView left in the text because nothing filled it, or null. */
export function findPlaceholder(text: string): string | null {
	if (!text.includes('{{') || !text.includes('}}')) return null;
	const shown = PLACEHOLDER.exec(text)?.[0] ?? text;
	return shown.length > MAX_SHOWN_LENGTH ? `${shown.slice(0, MAX_SHOWN_LENGTH)}…` : shown;
}

export function placeholderMessage(placeholder: string): string {
	return `un-rendered TradingView placeholder ${JSON.stringify(placeholder)}: the alert was not created from a strategy/indicator that fills it`;
}

/** One issue per string, at any depth, that still holds a placeholder; `field` is its dotted path. */
export function findPlaceholderIssues(value: unknown, path = ''): FieldIssue[] {
	if (typeof value === 'string') {
		const placeholder = findPlaceholder(value);
		return placeholder === null
			? []
			: [{ field: path || 'body', message: placeholderMessage(placeholder) }];
	}
	const childPath = (key: string | number) => (path ? `${path}.${key}` : String(key));
	if (Array.isArray(value))
		return value.flatMap((child, index) => findPlaceholderIssues(child, childPath(index)));
	if (isPlainObject(value)) {
		return Object.entries(value).flatMap(([key, child]) =>
			findPlaceholderIssues(child, childPath(key)),
		);
	}
	return [];
}
