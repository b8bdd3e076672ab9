import type { FieldIssue } from './field-issue';

export const MIN_TOKEN_LENGTH = 12;

/** What a usable webhook credential needs: a long enough token, and a long enough second one if set. */
export function checkTokenPolicy(token: unknown, secondaryToken: unknown): FieldIssue[] {
	const issues: FieldIssue[] = [];
	const check = (field: string, value: unknown, required: boolean) => {
		if (value === undefined || value === null || value === '') {
			if (required) issues.push({ field, message: 'is required' });
			return;
		}
		if (typeof value !== 'string') issues.push({ field, message: 'must be text' });
		else if (value.length < MIN_TOKEN_LENGTH) {
			issues.push({ field, message: `must have at least ${MIN_TOKEN_LENGTH} characters` });
		}
	};
	check('token', token, true);
	check('secondaryToken', secondaryToken, false);
	return issues;
}
