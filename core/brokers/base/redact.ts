/** Cleans a text before it goes into an error message or a log. */
export type Redactor = (text: string) => string;

export const REDACTED = '[redacted]';

/** Messages are cut here: a broker's HTML error page is no use in full. */
export const MESSAGE_LIMIT = 300;

/**
 * Replaces every occurrence of the credential's values (longest first, so a secret containing
 * another is replaced whole) and drops the query string of every URL: a signed GET carries its
 * signature and timestamp there, and some brokers put the API key in it. Values shorter than four
 * characters are not secrets worth the damage of replacing them everywhere.
 */
export function redactorFor(secrets: readonly (string | undefined | null)[]): Redactor {
	const values = secrets.filter((secret): secret is string => typeof secret === 'string' && secret.trim().length >= 4);
	values.sort((a, b) => b.length - a.length);
	return (text) => {
		const withoutSecrets = values.reduce((result, secret) => result.split(secret).join(REDACTED), String(text));
		return withoutSecrets.replace(/(\bhttps?:\/\/[^\s?#"']*)\?[^\s#"']*/gi, '$1');
	};
}

/** A message no longer than MESSAGE_LIMIT characters, trimmed. */
export function clipped(text: string): string {
	const trimmed = text.trim();
	return trimmed.length > MESSAGE_LIMIT ? `${trimmed.slice(0, MESSAGE_LIMIT - 1)}…` : trimmed;
}
