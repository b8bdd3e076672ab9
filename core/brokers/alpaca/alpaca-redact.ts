/** Replaces every occurrence of the credential's values in a text, so no message carries a key. */
export type Redactor = (text: string) => string;

export const REDACTED = '[redacted]';

export function redactorFor(secrets: readonly string[]): Redactor {
	const values = secrets.filter((secret) => typeof secret === 'string' && secret !== '');
	// Longest first, so a secret containing another is replaced whole.
	values.sort((a, b) => b.length - a.length);
	return (text) => values.reduce((result, secret) => result.split(secret).join(REDACTED), String(text));
}
