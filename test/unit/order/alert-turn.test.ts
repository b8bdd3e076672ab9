import { awaitTurn, describeTurn, IN_FLIGHT_HORIZON_MS } from '../../../core/order/alert-turn';
import { type OrderView, viewStore } from '../../support/alert-order-views';

const T0 = Date.parse('2026-03-02T15:30:00.000Z');

/** A virtual clock and a store whose answers are scripted by the time they are asked at. */
function harness(view: (nowMs: number, heldSinceMs: number) => OrderView | null) {
	let nowMs = T0;
	const asked: Array<{ alertId: string; at: number; heldSince: number }> = [];
	const scripted = viewStore((alertId, heldSince) => view(nowMs, heldSince.getTime()));
	const store = {
		...scripted.store,
		async alertsAhead(alertId: string, heldSince: Date, node: string | null) {
			asked.push({ alertId, at: nowMs, heldSince: heldSince.getTime() });
			return await scripted.store.alertsAhead(alertId, heldSince, node);
		},
	};
	const settings = (maxWaitMs: number) => ({
		maxWaitMs,
		pollMs: 100,
		now: () => new Date(nowMs),
		sleep: async (ms: number) => {
			nowMs += ms;
		},
	});
	return { store, settings, asked, elapsed: () => nowMs - T0 };
}

const at = (offsetMs: number) => new Date(T0 + offsetMs).toISOString();

describe('awaitTurn', () => {
	it('goes at once when no earlier alert for the symbol is unfinished, and asks with the in-flight horizon', async () => {
		const { store, settings, asked } = harness(() => ({ ahead: [], laterOrdered: [] }));
		expect(await awaitTurn(store, 'b', settings(30_000))).toEqual({ waitedMs: 0, waitedFor: [], wentAheadOf: [], laterAlreadyOrdered: [] });
		expect(asked).toEqual([{ alertId: 'b', at: T0, heldSince: T0 - IN_FLIGHT_HORIZON_MS }]);
	});

	it('waits, polling, until the earlier alert finishes', async () => {
		const { store, settings, asked, elapsed } = harness((nowMs) =>
			nowMs < T0 + 350 ? { ahead: [{ alertId: 'a', acceptedAt: at(-50) }], laterOrdered: [] } : { ahead: [], laterOrdered: [] },
		);
		expect(await awaitTurn(store, 'b', settings(30_000))).toEqual({ waitedMs: 400, waitedFor: ['a'], wentAheadOf: [], laterAlreadyOrdered: [] });
		expect(asked).toHaveLength(5);
		expect(elapsed()).toBe(400);
	});

	it('goes ahead of an earlier alert that holds the symbol past the longest wait, and says so', async () => {
		const { store, settings, elapsed } = harness(() => ({ ahead: [{ alertId: 'stuck', acceptedAt: at(-1_000) }], laterOrdered: [] }));
		// 'stuck' was accepted 1 s before: it holds the symbol until 5 s after that.
		expect(await awaitTurn(store, 'b', settings(5_000))).toEqual({ waitedMs: 4_000, waitedFor: [], wentAheadOf: ['stuck'], laterAlreadyOrdered: [] });
		expect(elapsed()).toBe(4_000);
	});

	it('does not wait for an unfinished alert accepted longer ago than the longest wait, but names it', async () => {
		const { store, settings, elapsed } = harness(() => ({ ahead: [{ alertId: 'approval-pending', acceptedAt: at(-120_000) }], laterOrdered: ['c'] }));
		expect(await awaitTurn(store, 'b', settings(30_000))).toEqual({
			waitedMs: 0,
			waitedFor: [],
			wentAheadOf: ['approval-pending'],
			laterAlreadyOrdered: ['c'],
		});
		expect(elapsed()).toBe(0);
	});

	it('never waits longer than the longest wait after it started, even behind a fresh alert', async () => {
		// Each look shows an earlier alert accepted just now (a stream of them): the wait still ends.
		const { store, settings, elapsed } = harness((nowMs) => ({ ahead: [{ alertId: `a-${nowMs}`, acceptedAt: new Date(nowMs).toISOString() }], laterOrdered: [] }));
		const turn = await awaitTurn(store, 'b', settings(1_000));
		expect(elapsed()).toBe(1_000);
		expect(turn?.waitedMs).toBe(1_000);
		expect(turn?.wentAheadOf).toEqual([`a-${T0 + 1_000}`]);
	});

	it('is off with a longest wait of 0, and has nothing to say for an alert without a place in the order', async () => {
		const off = harness(() => ({ ahead: [{ alertId: 'a', acceptedAt: at(0) }], laterOrdered: [] }));
		expect(await awaitTurn(off.store, 'b', off.settings(0))).toBeNull();
		expect(off.asked).toEqual([]);
		const unsequenced = harness(() => null);
		expect(await awaitTurn(unsequenced.store, 'b', unsequenced.settings(30_000))).toBeNull();
	});
});

describe('describeTurn', () => {
	it('says what the alert waited for, went ahead of and came after', () => {
		expect(describeTurn('AAPL', { waitedMs: 1_250, waitedFor: ['a'], wentAheadOf: ['s'], laterAlreadyOrdered: ['c'] })).toBe(
			'Alert order for AAPL: waited 1.3 s for a to finish; went ahead of s, accepted earlier and not finished; sent after c, accepted later',
		);
		expect(describeTurn('AAPL', { waitedMs: 0, waitedFor: [], wentAheadOf: [], laterAlreadyOrdered: [] })).toBeNull();
		expect(describeTurn('AAPL', null)).toBeNull();
	});
});
