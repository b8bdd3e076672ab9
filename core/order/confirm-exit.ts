import type { Broker, BrokerOrder } from '../brokers/broker';
import { type PollSettings, pollClock } from '../util/polling';

// A reversal closes the position, then opens the other way. The opening order goes out only once
// the closing one is known filled, from the order or from the position read back at its target:
// sent together, a slow exit and a fast entry can leave a doubled position.

export interface ExitConfirmationSettings extends PollSettings {
	timeoutMs: number;
}

/** Confirmed: how, and the order as last read (filled when confirmed by the order). */
export type ExitConfirmation = { confirmed: true; by: 'order' | 'position'; order: BrokerOrder } | { confirmed: false; reason: string };

const TERMINAL_UNFILLED = new Set(['canceled', 'rejected', 'expired']);

const filled = (order: BrokerOrder | null): boolean =>
	order !== null && (order.status === 'filled' || order.filledQuantity >= order.quantity - 1e-9);

/**
 * Waits until the order is filled (or the position is at `positionAfterExit`, when given), at
 * most `timeoutMs`.
 */
export async function confirmExitFilled(
	broker: Broker,
	exit: BrokerOrder,
	positionAfterExit: number | null,
	settings: ExitConfirmationSettings,
): Promise<ExitConfirmation> {
	if (filled(exit)) return { confirmed: true, by: 'order', order: exit };
	const clock = pollClock(settings);
	let last: BrokerOrder = exit;
	for (;;) {
		if (TERMINAL_UNFILLED.has(last.status) && !filled(last)) {
			return { confirmed: false, reason: `the exit order ${exit.clientOrderId} ended ${last.status} with ${last.filledQuantity} of ${last.quantity} filled` };
		}
		const position = positionAfterExit === null ? null : ((await broker.getPosition(exit.symbol))?.quantity ?? 0);
		if (position !== null && positionAfterExit !== null && Math.abs(position - positionAfterExit) < 1e-9) return { confirmed: true, by: 'position', order: last };
		if (clock.elapsed() >= settings.timeoutMs) {
			return {
				confirmed: false,
				reason: `the exit order ${exit.clientOrderId} was not confirmed filled within ${settings.timeoutMs / 1000} s (status ${last.status}${position === null ? '' : `, position ${position}`})`,
			};
		}
		await clock.pause(settings.pollMs ?? 250);
		last = (await broker.getOrderByClientId(exit.clientOrderId)) ?? last;
		if (filled(last)) return { confirmed: true, by: 'order', order: last };
	}
}
