import type { FieldIssue } from './field-issue';

/**
 * Every issue found in one alert. Only the first issue about a field is kept: a field that holds
 * a placeholder, or is read for two purposes, is reported once, with the first reason found.
 */
export class IssueList {
	private readonly issues: FieldIssue[] = [];
	private readonly fields = new Set<string>();

	add(field: string, message: string): void {
		if (this.fields.has(field)) return;
		this.fields.add(field);
		this.issues.push({ field, message });
	}

	get isEmpty(): boolean {
		return this.issues.length === 0;
	}

	list(): FieldIssue[] {
		return [...this.issues];
	}
}
