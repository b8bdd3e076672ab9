import type { AlertOrderStore } from '../ledger/alert-order';
import { type PollSettings, pollClock } from '../util/polling';

// Broker Order's turn for an alert: its orders go out only after the alerts its workflow accepted
// before it for the same symbol have finished, so a "close long" and the "open short" fired a
// millisecond later reach the broker in that order (docs/design/alert-order.md).

/** Unfinished alerts older than this are not reported as gone ahead of (stuck or lost long ago). */
export const IN_FLIGHT_HORIZON_MS = 10 * 60_000;

export interface TurnSettings extends PollSettings {
	/** The longest an unfinished earlier alert holds the symbol after it was accepted; 0: no waiting. */
	maxWaitMs: number;
	/**
	 * The Broker Order node asking (its name): an earlier alert that passed it no longer holds it,
	 * so each account of an account group keeps its own order. Null: the alert's fate decides.
	 */
	node?: string | null;
}

export interface AlertTurn {
	waitedMs: number;
	/** Earlier alerts for the symbol that finished while this one waited. */
	waitedFor: string[];
	/** Earlier alerts still unfinished when this one went ahead (they held the symbol too long). */
	wentAheadOf: string[];
	/** Later alerts for the symbol whose orders were sent before this one's (it came too late). */
	laterAlreadyOrdered: string[];
}

/**
 * Waits until no earlier alert for the same symbol holds it: each unfinished one holds it until
 * `maxWaitMs` after its acceptance. Null when the alert has no place in the order (no symbol, or
 * the trigger that accepted it keeps another ledger) or waiting is off.
 */
export async function awaitTurn(store: AlertOrderStore, alertId: string, settings: TurnSettings): Promise<AlertTurn | null> {
	if (!(settings.maxWaitMs > 0)) return null;
	if (!(await store.isSequenced(alertId))) return null;
	const node = settings.node ?? null;
	const pollMs = settings.pollMs ?? 100;
	const clock = pollClock(settings);
	const started = clock.started;
	const waitedFor = new Set<string>();
	for (;;) {
		const at = clock.at();
		const ahead = await store.alertsAhead(alertId, new Date(at - Math.max(settings.maxWaitMs, IN_FLIGHT_HORIZON_MS)), node);
		const holding = ahead.filter((alert) => Date.parse(alert.acceptedAt) > at - settings.maxWaitMs);
		const unfinished = new Set(ahead.map((alert) => alert.alertId));
		if (holding.length === 0 || at - started >= settings.maxWaitMs) {
			return {
				waitedMs: at - started,
				waitedFor: [...waitedFor].filter((id) => !unfinished.has(id)),
				wentAheadOf: [...unfinished],
				laterAlreadyOrdered: await store.laterOrdered(alertId, node),
			};
		}
		for (const alert of holding) waitedFor.add(alert.alertId);
		await clock.pause(Math.min(pollMs, Math.max(1, started + settings.maxWaitMs - at)));
	}
}

/** One sentence for the node's output, or null when the alert neither waited nor jumped the order. */
export function describeTurn(symbol: string | null, turn: AlertTurn | null): string | null {
	if (!turn) return null;
	const parts: string[] = [];
	if (turn.waitedFor.length > 0) parts.push(`waited ${(turn.waitedMs / 1000).toFixed(1)} s for ${turn.waitedFor.join(', ')} to finish`);
	if (turn.wentAheadOf.length > 0) parts.push(`went ahead of ${turn.wentAheadOf.join(', ')}, accepted earlier and not finished`);
	if (turn.laterAlreadyOrdered.length > 0) parts.push(`sent after ${turn.laterAlreadyOrdered.join(', ')}, accepted later`);
	return parts.length > 0 ? `Alert order for ${symbol ?? 'the symbol'}: ${parts.join('; ')}` : null;
}
