import type { Ledger } from './ledger';
import { HEARTBEAT_INTERVAL_MS, PROCESS_ID } from './process-identity';

/**
 * Keeps this process's heartbeat in `ledger` while it is open, so recovery can tell an execution
 * that is still running from one whose process died. A failed beat is skipped: the next one, or
 * the next start mark, writes it again.
 */
export function beatWhileOpen(ledger: Ledger): Ledger {
	const beat = (): void => {
		ledger.fates.heartbeat(PROCESS_ID, new Date()).catch(() => undefined);
	};
	beat();
	const timer = setInterval(beat, HEARTBEAT_INTERVAL_MS);
	timer.unref();
	return {
		...ledger,
		close: async () => {
			clearInterval(timer);
			await ledger.close();
		},
	};
}
