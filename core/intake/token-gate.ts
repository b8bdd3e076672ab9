import type { ParsedBody } from '../signal/parse-body';
import { isAuthorised, type PresentedToken, TOKEN_HEADER, TOKEN_QUERY_PARAMETER } from '../signal/token-check';
import type { IntakeConfig } from './intake-settings';

// Where a request presents tokens, and the checks on them, in the order the intake makes them.

type TokenCarrier = { headers: Record<string, string | string[] | undefined>; query: Record<string, unknown> };

/** The header and query tokens: checked before the body is read, so a stranger's body costs nothing. */
function tokensBesideBody(request: TokenCarrier): PresentedToken[] {
	const presented: PresentedToken[] = [];
	const header = request.headers[TOKEN_HEADER];
	if (header !== undefined) presented.push({ source: 'header', value: header });
	const query = request.query[TOKEN_QUERY_PARAMETER];
	if (query !== undefined) presented.push({ source: 'query', value: query });
	return presented;
}

/** Every token the body carries; a token field given twice counts with both its values. */
function tokensInBody(parsed: ParsedBody | null, tokenFields: readonly string[]): PresentedToken[] {
	if (!parsed) return [];
	const presented: PresentedToken[] = [];
	for (const field of tokenFields) {
		if (Object.prototype.hasOwnProperty.call(parsed.fields, field)) {
			presented.push({ source: 'body', value: parsed.fields[field] });
		}
	}
	for (const conflict of parsed.conflicts) {
		if (conflict.field === conflict.otherField && tokenFields.includes(conflict.field)) {
			presented.push({ source: 'body', value: conflict.value }, { source: 'body', value: conflict.otherValue });
		}
	}
	return presented;
}

/**
 * The header and query tokens checked before the body is read: `refused` when one is wrong,
 * `authorised` when there are some and all are right (enough to be told what is wrong with the
 * body), `unchecked` when the request presents none there.
 */
export function checkTokensBesideBody(request: TokenCarrier, config: IntakeConfig): {
	verdict: 'refused' | 'authorised' | 'unchecked';
	presented: PresentedToken[];
} {
	const presented = tokensBesideBody(request);
	if (presented.length === 0) return { verdict: 'unchecked', presented };
	return { verdict: isAuthorised(presented, config.tokens) ? 'authorised' : 'refused', presented };
}

/** Every token the request presents, beside and in the body, is right, and there is at least one. */
export function authorisedWithBody(besideBody: PresentedToken[], parsed: ParsedBody | null, config: IntakeConfig): boolean {
	return isAuthorised([...besideBody, ...tokensInBody(parsed, config.tokenFields)], config.tokens);
}
