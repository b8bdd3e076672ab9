import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every depth, so equal bodies hash equally. */
function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const members = Object.keys(value)
			.sort()
			.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
		return `{${members.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/** The sender's own id when it sent one, else a hash of the token-free body. */
export function deriveAlertId(senderAlertId: string | null, tokenFreeBody: unknown): string {
	if (senderAlertId) return senderAlertId;
	const text = typeof tokenFreeBody === 'string' ? tokenFreeBody.trim() : canonicalJson(tokenFreeBody);
	return `h-${createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 32)}`;
}
