import type { SignalEntry, SignalOutcome } from '../../../../core/ledger/signal-ledger';
import type { LedgerBackend } from './backends';

const T0 = Date.parse('2024-03-01T12:00:00.000Z');
const MINUTE = 60_000;
const WINDOW = 10 * MINUTE;
const SCOPE = 'wf-1/node-1';

function entry(alertId: string, atMs: number, overrides: Partial<SignalEntry> = {}): SignalEntry & { alertId: string } {
	return {
		receivedAt: new Date(atMs),
		scope: SCOPE,
		sourceIp: '52.89.214.238',
		body: '{"action":"buy","symbol":"AAPL"}',
		...overrides,
		alertId,
	};
}

function count(outcomes: SignalOutcome[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const outcome of outcomes) counts[outcome] = (counts[outcome] ?? 0) + 1;
	return counts;
}

export function signalLedgerContract(backend: LedgerBackend): void {
	describe('signal ledger', () => {
		it('accepts an alert, calls it a duplicate within the window, and accepts it again after', async () => {
			const { signals } = await (await backend.newStore()).open();

			expect(await signals.admitSignal(entry('a-1', T0), WINDOW)).toBe('accepted');
			expect(await signals.admitSignal(entry('a-1', T0 + WINDOW - 1), WINDOW)).toBe('duplicate');
			expect(await signals.admitSignal(entry('a-1', T0 + WINDOW), WINDOW)).toBe('accepted');
			// The window restarts at the second acceptance.
			expect(await signals.admitSignal(entry('a-1', T0 + WINDOW + 1), WINDOW)).toBe('duplicate');

			const rows = await signals.listSignals();
			expect(rows.map((row) => [row.outcome, row.receivedAt])).toEqual([
				['accepted', new Date(T0).toISOString()],
				['duplicate', new Date(T0 + WINDOW - 1).toISOString()],
				['accepted', new Date(T0 + WINDOW).toISOString()],
				['duplicate', new Date(T0 + WINDOW + 1).toISOString()],
			]);
			expect(rows[0]).toEqual({
				id: rows[0].id,
				receivedAt: '2024-03-01T12:00:00.000Z',
				scope: SCOPE,
				sourceIp: '52.89.214.238',
				outcome: 'accepted',
				httpStatus: 200,
				reason: null,
				alertId: 'a-1',
				body: '{"action":"buy","symbol":"AAPL"}',
				details: null,
			});
			expect(typeof rows[0].id).toBe('number');
			expect(rows.map((row) => row.id)).toEqual([...rows.map((row) => row.id)].sort((a, b) => a - b));
		});

		it('keeps duplicate detection per scope and turns it off with a window of 0', async () => {
			const { signals } = await (await backend.newStore()).open();

			expect(await signals.admitSignal(entry('a-1', T0), WINDOW)).toBe('accepted');
			expect(await signals.admitSignal(entry('a-1', T0, { scope: 'wf-2/node-1' }), WINDOW)).toBe('accepted');
			expect(await signals.admitSignal(entry('a-2', T0), 0)).toBe('accepted');
			expect(await signals.admitSignal(entry('a-2', T0), 0)).toBe('accepted');
		});

		it('ends a fractional window at the same instant on every backend', async () => {
			const { signals } = await (await backend.newStore()).open();

			expect(await signals.admitSignal(entry('f-1', T0), 1500.5)).toBe('accepted');
			expect(await signals.admitSignal(entry('f-1', T0 + 1500), 1500.5)).toBe('duplicate');
			expect(await signals.admitSignal(entry('f-1', T0 + 1501), 1500.5)).toBe('accepted');
		});

		it('logs rejected signals with their status, reason and details', async () => {
			const { signals } = await (await backend.newStore()).open();

			await signals.recordRejectedSignal({
				...entry('a-9', T0),
				alertId: null,
				httpStatus: 422,
				reason: 'invalid_alert',
				details: [{ path: 'symbol', message: 'required' }],
			});
			await signals.admitSignal(entry('a-1', T0 + 1), WINDOW);

			expect(await signals.listSignals({ outcome: 'rejected' })).toEqual([
				{
					id: expect.any(Number),
					receivedAt: '2024-03-01T12:00:00.000Z',
					scope: SCOPE,
					sourceIp: '52.89.214.238',
					outcome: 'rejected',
					httpStatus: 422,
					reason: 'invalid_alert',
					alertId: null,
					body: '{"action":"buy","symbol":"AAPL"}',
					details: [{ path: 'symbol', message: 'required' }],
				},
			]);
		});

		it('lists by scope, alert id and outcome, oldest first, up to a limit', async () => {
			const { signals } = await (await backend.newStore()).open();
			await signals.admitSignal(entry('a-1', T0), WINDOW);
			await signals.admitSignal(entry('a-1', T0 + 1), WINDOW);
			await signals.admitSignal(entry('a-2', T0 + 2), WINDOW);
			await signals.admitSignal(entry('a-1', T0 + 3, { scope: 'other/node' }), WINDOW);

			expect((await signals.listSignals({ alertId: 'a-1' })).map((row) => [row.scope, row.outcome])).toEqual([
				[SCOPE, 'accepted'],
				[SCOPE, 'duplicate'],
				['other/node', 'accepted'],
			]);
			expect((await signals.listSignals({ scope: SCOPE, outcome: 'accepted' })).map((row) => row.alertId)).toEqual(['a-1', 'a-2']);
			expect((await signals.listSignals({ limit: 2 })).map((row) => row.receivedAt)).toEqual([
				new Date(T0).toISOString(),
				new Date(T0 + 1).toISOString(),
			]);
			expect(await signals.listSignals({ scope: 'nobody' })).toEqual([]);
		});

		it('purges signals received before the cutoff and expired claims, and counts what it removed', async () => {
			const { signals } = await (await backend.newStore()).open();
			await signals.admitSignal(entry('old', T0), WINDOW);
			await signals.admitSignal(entry('new', T0 + 2 * WINDOW), WINDOW);

			// One signal and one claim (old's window ended at T0 + WINDOW) are gone.
			expect(await signals.purgeSignalsBefore(new Date(T0 + WINDOW))).toBe(2);
			expect((await signals.listSignals()).map((row) => row.alertId)).toEqual(['new']);
			expect(await signals.admitSignal(entry('new', T0 + 2 * WINDOW + 1), WINDOW)).toBe('duplicate');
			expect(await signals.purgeSignalsBefore(new Date(T0))).toBe(0);
		});

		it('accepts exactly one of 100 concurrent deliveries of one alert, over two connections', async () => {
			const store = await backend.newStore();
			const [first, second] = [await store.open(), await store.open()];

			const outcomes = await Promise.all(
				Array.from({ length: 100 }, (_, index) =>
					(index % 2 === 0 ? first : second).signals.admitSignal(entry('burst', T0 + index), WINDOW),
				),
			);

			expect(count(outcomes)).toEqual({ accepted: 1, duplicate: 99 });
			const rows = await first.signals.listSignals({ alertId: 'burst' });
			expect(rows).toHaveLength(100);
			expect(rows.filter((row) => row.outcome === 'accepted')).toHaveLength(1);
		}, 120_000);

		it('still knows an accepted alert after a restart', async () => {
			const store = await backend.newStore();
			expect(await (await store.open()).signals.admitSignal(entry('a-1', T0), WINDOW)).toBe('accepted');

			await store.restart();

			const after = await store.open();
			expect(await after.signals.admitSignal(entry('a-1', T0 + 1), WINDOW)).toBe('duplicate');
			expect(await after.signals.listSignals()).toHaveLength(2);
		}, 120_000);
	});
}
