import type { Broker, BrokerOrder } from '../brokers/broker';
import { OrderNotFoundError } from '../brokers/broker-errors';
import { readBackDelayMs, type ReadBackPolicy } from './retry-policy';

/** What the broker said when asked for an order by its client order id. */
export type ReadBack = { kind: 'found'; order: BrokerOrder } | { kind: 'absent' } | { kind: 'unreadable'; error: unknown };

export async function readOnce(broker: Broker, clientOrderId: string): Promise<ReadBack> {
	try {
		const order = await broker.getOrderByClientId(clientOrderId);
		return order ? { kind: 'found', order } : { kind: 'absent' };
	} catch (error) {
		return error instanceof OrderNotFoundError ? { kind: 'absent' } : { kind: 'unreadable', error };
	}
}

/**
 * Asks at once, then again after growing waits, until the order is found, or the broker said
 * "absent" `confirmations` times (then absent), or `confirmations` reads failed (then unreadable,
 * with the last error): an exchange may not show an order it has just taken.
 */
export async function readBackSeries(
	broker: Broker,
	clientOrderId: string,
	policy: ReadBackPolicy,
	sleep: (ms: number) => Promise<void>,
): Promise<ReadBack> {
	let absent = 0;
	let failed = 0;
	for (let read = 1; ; read++) {
		if (read > 1) await sleep(readBackDelayMs(policy, read - 1));
		const answer = await readOnce(broker, clientOrderId);
		if (answer.kind === 'found') return answer;
		if (answer.kind === 'absent' && ++absent >= policy.confirmations) return answer;
		if (answer.kind === 'unreadable' && ++failed >= policy.confirmations) return answer;
	}
}
