// One shape for what a use case returns: the value, or why not. `message` is the sentence a user
// reads; `code` is for routing and the "Reason code" line; `field` names what to fix.

export interface Problem {
	code: string;
	field: string;
	message: string;
	/** What to do about it, where the code alone does not say (shown under the message). */
	hint?: string;
}

export type Result<T, F = Problem> = { ok: true; value: T } | { ok: false; failure: F };

export const succeed = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

export const failWith = <F>(failure: F): { ok: false; failure: F } => ({ ok: false, failure });

/** Problems with the item or the node's parameters: the message says it all, no reason code is shown. */
export const INVALID_INPUT = 'invalid_input';

/** "field: message; field: message", the one way a list of field problems is written out. */
export function describeIssues(issues: ReadonlyArray<{ field: string; message: string }>): string {
	return issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
}

/** Zod's issues as field problems, a path such as `plan.sizingValue` as the field. */
export function zodFieldIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): Array<{ field: string; message: string }> {
	return issues.map((issue) => ({ field: issue.path.map(String).join('.') || 'value', message: issue.message }));
}
