/** One reason an alert was refused, naming the field it concerns (`body` for the whole body). */
export interface FieldIssue {
	field: string;
	message: string;
	/** Two values given for one field disagree: answered as `conflicting_fields`, never shown. */
	conflict?: true;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };
