import type { Result } from '../util/result';

/** One reason an alert was refused, naming the field it concerns (`body` for the whole body). */
export interface FieldIssue {
	field: string;
	message: string;
	/** Two values given for one field disagree: answered as `conflicting_fields`, never shown. */
	conflict?: true;
}

/** What the alert parser and the trigger's settings give: the value, or every issue found. */
export type Parsed<T> = Result<T, FieldIssue[]>;
