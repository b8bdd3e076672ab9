import { createHash, timingSafeEqual } from 'node:crypto';

export const TOKEN_HEADER = 'x-webhook-token';
export const TOKEN_QUERY_PARAMETER = 'token';
/** Accepted in the body besides the configured field name (3Commas and others call it that). */
export const ALTERNATIVE_TOKEN_FIELD = 'passphrase';

/** A token presented by the sender, wherever it came from; `value` may be any JSON type. */
export interface PresentedToken {
	source: 'header' | 'query' | 'body';
	value: unknown;
}

function digest(value: string): Buffer {
	return createHash('sha256').update(value, 'utf8').digest();
}

/** Compares digests so neither the content nor the length of a token leaks through timing. */
export function tokenMatches(presented: string, expected: string): boolean {
	return timingSafeEqual(digest(presented), digest(expected));
}

/**
 * Every presented token must be a string equal to one of the accepted tokens, and there must be
 * at least one: a request that carries a right and a wrong token is refused.
 */
export function isAuthorised(presented: PresentedToken[], accepted: readonly string[]): boolean {
	if (presented.length === 0 || accepted.length === 0) return false;
	return presented.every(({ value }) => {
		if (typeof value !== 'string') return false;
		let matched = false;
		for (const token of accepted) matched = tokenMatches(value, token) || matched;
		return matched;
	});
}
