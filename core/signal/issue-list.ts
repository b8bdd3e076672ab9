import type { FieldIssue } from './field-issue';

/**
 * Every issue found in one alert. Only the first issue about a field is kept: a field that holds
 * a placeholder, or is read for two purposes, is reported once, with the first reason found.
 */
export class IssueList {
	private readonly issues: FieldIssue[] = [];
	private readonly fields = new Set<string>();

	add(field: string, message: string): void {
		this.push({ field, message });
	}

	/** An issue as built elsewhere, such as a conflict, with its marks kept. */
	push(issue: FieldIssue): void {
		if (this.fields.has(issue.field)) return;
		this.fields.add(issue.field);
		this.issues.push(issue);
	}

	get isEmpty(): boolean {
		return this.issues.length === 0;
	}

	list(): FieldIssue[] {
		return [...this.issues];
	}
}
