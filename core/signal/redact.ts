export const REDACTED = '[redacted]';

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function replaceSecrets(text: string, secrets: readonly string[]): string {
	let result = text;
	for (const secret of secrets) if (secret) result = result.split(secret).join(REDACTED);
	return result;
}

/**
 * A parsed body with the value of every token field (any depth) replaced, and every known
 * secret replaced wherever it appears inside a string.
 */
export function redactFields(value: unknown, tokenFields: readonly string[], secrets: readonly string[]): unknown {
	const fieldNames = new Set(tokenFields.map((field) => field.toLowerCase()));
	const visit = (node: unknown): unknown => {
		if (typeof node === 'string') return replaceSecrets(node, secrets);
		if (Array.isArray(node)) return node.map(visit);
		if (node !== null && typeof node === 'object') {
			const copy: Record<string, unknown> = {};
			for (const [key, child] of Object.entries(node)) {
				Object.defineProperty(copy, replaceSecrets(key, secrets), {
					value: fieldNames.has(key.toLowerCase()) ? REDACTED : visit(child),
					enumerable: true,
					writable: true,
					configurable: true,
				});
			}
			return copy;
		}
		return node;
	};
	return visit(value);
}

/**
 * The raw text of a body with token values replaced: `token=...` pairs, `"token": "..."` JSON
 * members (also in JSON that does not parse) and every known secret anywhere.
 */
export function redactText(text: string, tokenFields: readonly string[], secrets: readonly string[]): string {
	let result = replaceSecrets(text, secrets);
	for (const field of tokenFields) {
		const name = escapeRegExp(field);
		result = result
			.replace(new RegExp(`("${name}"\\s*:\\s*)("(?:[^"\\\\]|\\\\.)*"|[^,}\\s]+)`, 'gi'), `$1"${REDACTED}"`)
			.replace(
				// The key may be quoted ("token"=...), as the key=value parser allows.
				new RegExp(`((?:^|[\\s,;&])(["']?)${name}\\2\\s*=\\s*)("[^"]*"|'[^']*'|[^\\s,;&]*)`, 'gi'),
				`$1${REDACTED}`,
			);
	}
	return result;
}
