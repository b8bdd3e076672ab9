import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** `{ value: label }` of an options parameter, for a subtitle expression. */
export function labelsOf(property: INodeProperties, label: (option: INodePropertyOptions) => string = (option) => option.name): Record<string, string> {
	const labels: Record<string, string> = {};
	for (const option of (property.options ?? []) as INodePropertyOptions[]) labels[String(option.value)] = label(option);
	return labels;
}

/**
 * An n8n expression that looks `key` (an expression over $parameter) up in `labels`, falling back
 * to `fallback` (also an expression), so the canvas never shows a raw value or "undefined".
 */
export function lookUp(labels: Record<string, string>, key: string, fallback = '""'): string {
	// A flat object literal has no "}}" in it, which would end n8n's expression early.
	return `((${JSON.stringify(labels)})[${key}] || ${fallback})`;
}
