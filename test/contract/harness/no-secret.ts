import type { BrokerError } from '../../../core/brokers/broker-errors';

/** None of `secrets` may appear in the error's message, its text, stack, JSON or details. */
export function expectNoSecret(error: Error, secrets: readonly string[]): void {
	for (const text of [error.message, String(error), error.stack ?? '', JSON.stringify(error), JSON.stringify((error as BrokerError).details ?? {})]) {
		for (const secret of secrets) expect(text).not.toContain(secret);
	}
}
