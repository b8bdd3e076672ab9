import { describeIssues, zodFieldIssues } from '../../core/util/result';

/** "field: message; field: message" from zod issues, for error messages that name the field. */
export function issuesToMessage(issues: Array<{ path: Array<string | number>; message: string }>): string {
	return describeIssues(zodFieldIssues(issues));
}
