import { kindOf } from './coerce';
import { SENDER_ALERT_ID_PATHS } from './field-aliases';
import type { FieldReader } from './field-reader';
import type { IssueList } from './issue-list';

const PRINTABLE_ASCII = /^[\x20-\x7e]{1,128}$/;

/** The sender's own id for the alert (`alertId`, else `id`), used to detect duplicates. */
export function readSenderAlertId(reader: FieldReader, issues: IssueList): string | null {
	const found = reader.find(SENDER_ALERT_ID_PATHS);
	if (!found) return null;
	const { field, value } = found;
	if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
		issues.add(field, `${field} must be text or a number, not ${kindOf(value)}`);
		return null;
	}
	const id = String(value).trim();
	if (!PRINTABLE_ASCII.test(id)) {
		issues.add(field, `${field} must be 1 to 128 printable ASCII characters`);
		return null;
	}
	return id;
}
