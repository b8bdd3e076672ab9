import { describeConflict, valuesAgree } from './conflicts';
import { areSynonyms, type FieldPath } from './field-aliases';
import type { IssueList } from './issue-list';
import { isPlainObject, ownValue } from './safe-object';

export interface FoundField {
	/** The dotted path the value was found at, as the sender named it. */
	field: string;
	value: unknown;
}

function valueAt(fields: Record<string, unknown>, path: FieldPath): unknown {
	let node: unknown = fields;
	for (const segment of path) {
		if (!isPlainObject(node)) return undefined;
		node = ownValue(node, segment);
	}
	return node;
}

/**
 * Looks fields up by their aliases and remembers which top-level keys were used. The fields are
 * already token-free, so a conflict may show both values.
 */
export class FieldReader {
	private readonly usedKeys = new Set<string>();

	constructor(
		private readonly fields: Record<string, unknown>,
		private readonly issues: IssueList,
	) {}

	/**
	 * The first alias with a value; `null` counts as absent (the key is still known, not extra).
	 * A later alias stays in extra, but a synonym holding a different value is reported as a conflict.
	 */
	find(paths: readonly FieldPath[]): FoundField | null {
		let found: FoundField | null = null;
		for (const path of paths) {
			const value = valueAt(this.fields, path);
			if (value === undefined) continue;
			const field = path.join('.');
			if (found === null) {
				this.usedKeys.add(path[0]);
				if (value !== null) found = { field, value };
			} else if (value !== null && areSynonyms(field, found.field) && !valuesAgree(value, found.value)) {
				this.issues.push(
					describeConflict(
						{ field, value, otherField: found.field, otherValue: found.value },
						{ tokenFields: [], tokens: [] },
					),
				);
			}
		}
		return found;
	}

	/** The value at a top-level key, marking it used. */
	take(key: string): unknown {
		const value = ownValue(this.fields, key);
		if (value !== undefined) this.usedKeys.add(key);
		return value;
	}

	unusedEntries(): Array<[string, unknown]> {
		return Object.entries(this.fields).filter(([key]) => !this.usedKeys.has(key));
	}
}
