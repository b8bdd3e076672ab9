import type { RecoveredAlert } from './alert-fate';
import { type AlertFateRow, toAlertFate } from './alert-fate-sql';

export function toRecoveredAlert(row: AlertFateRow): RecoveredAlert {
	return {
		fate: toAlertFate(row),
		reason: row.recovery_reason === 'process_stopped' ? 'process_stopped' : 'not_started',
		item: JSON.parse(row.item) as Record<string, unknown>,
	};
}
