import type { Broker, BrokerOrder } from '../brokers/broker';

// A reversal closes the position, then opens the other way. The opening order goes out only once
// the closing one is known filled, from the order or from the position read back at its target:
// sent together, a slow exit and a fast entry can leave a doubled position.

export interface ExitConfirmationSettings {
	timeoutMs: number;
	pollMs?: number;
	now?: () => Date;
	sleep?: (ms: number) => Promise<void>;
}

export type ExitConfirmation = { confirmed: true; by: 'order' | 'position' } | { confirmed: false; reason: string };

const TERMINAL_UNFILLED = new Set(['canceled', 'rejected', 'expired']);
const defaultSleep = async (ms: number): Promise<void> => await new Promise((resolve) => setTimeout(resolve, ms));

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
	if (filled(exit)) return { confirmed: true, by: 'order' };
	const now = settings.now ?? (() => new Date());
	const sleep = settings.sleep ?? defaultSleep;
	const started = now().getTime();
	const pollMs = settings.pollMs ?? 250;
	// Time passes by the clock or by the sleeps, whichever says more (a stopped test clock too).
	let slept = 0;
	let last: BrokerOrder | null = exit;
	for (;;) {
		if (last && TERMINAL_UNFILLED.has(last.status) && !filled(last)) {
			return { confirmed: false, reason: `the exit order ${exit.clientOrderId} ended ${last.status} with ${last.filledQuantity} of ${last.quantity} filled` };
		}
		const position = positionAfterExit === null ? null : ((await broker.getPosition(exit.symbol))?.quantity ?? 0);
		if (position !== null && positionAfterExit !== null && Math.abs(position - positionAfterExit) < 1e-9) return { confirmed: true, by: 'position' };
		if (Math.max(now().getTime() - started, slept) >= settings.timeoutMs) {
			return {
				confirmed: false,
				reason: `the exit order ${exit.clientOrderId} was not confirmed filled within ${settings.timeoutMs / 1000} s (status ${last?.status ?? 'unknown'}${position === null ? '' : `, position ${position}`})`,
			};
		}
		await sleep(pollMs);
		slept += pollMs;
		last = (await broker.getOrderByClientId(exit.clientOrderId)) ?? last;
		if (filled(last)) return { confirmed: true, by: 'order' };
	}
}
