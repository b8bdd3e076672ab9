import type { Admission, AdmissionPolicy, SignalEntry } from '../../../../core/ledger/signal-ledger';
import type { LedgerBackend } from './backends';

const T0 = Date.parse('2024-03-01T12:00:00.000Z');
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const WINDOW = 10 * MINUTE;
const SCOPE = 'wf-1/node-1';
const REDELIVER: AdmissionPolicy = { dedupeWindowMs: WINDOW, redeliverAfterMs: 30 * SECOND };
const iso = (atMs: number) => new Date(atMs).toISOString();

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

const notStarted = (acceptedAtMs: number) => ({ acceptedAt: iso(acceptedAtMs), started: false, startedAt: null, startedBy: null });

export function signalStartContract(backend: LedgerBackend): void {
	describe('start marks and redelivery', () => {
		it('marks an alert started once: the first mark wins and startOf reads it', async () => {
			const { signals } = await (await backend.newStore()).open();
			await signals.admitSignal(entry('a-1', T0), WINDOW);

			expect(await signals.startOf('a-1')).toBeNull();
			expect(await signals.markStarted('a-1', new Date(T0 + SECOND), 'Risk Check wf-1/rc execution 7')).toBe(true);
			expect(await signals.markStarted('a-1', new Date(T0 + 2 * SECOND), 'Broker Order wf-1/bo execution 7')).toBe(false);

			expect(await signals.startOf('a-1')).toEqual({
				alertId: 'a-1',
				startedAt: '2024-03-01T12:00:01.000Z',
				startedBy: 'Risk Check wf-1/rc execution 7',
			});
			expect(await signals.startOf('a-2')).toBeNull();
		});

		it('marks an alert id no trigger claimed (a window of 0, or a flow fed otherwise)', async () => {
			const { signals } = await (await backend.newStore()).open();

			expect(await signals.markStarted('unclaimed', new Date(T0), 'Broker Order')).toBe(true);
			expect(await signals.markStarted('unclaimed', new Date(T0 + 1), 'Broker Order')).toBe(false);
			expect((await signals.startOf('unclaimed'))?.startedAt).toBe(iso(T0));
		});

		it('replaces a mark older than the alert id\'s latest acceptance, then keeps the new one', async () => {
			const { signals } = await (await backend.newStore()).open();
			await signals.admitSignal(entry('a-1', T0), WINDOW);
			await signals.markStarted('a-1', new Date(T0 + SECOND), 'execution 1');
			expect(await signals.admitSignal(entry('a-1', T0 + WINDOW + MINUTE), WINDOW)).toBe('accepted');

			expect(await signals.markStarted('a-1', new Date(T0 + WINDOW + MINUTE + SECOND), 'execution 2')).toBe(true);
			expect(await signals.markStarted('a-1', new Date(T0 + WINDOW + MINUTE + 2 * SECOND), 'execution 3')).toBe(false);

			expect(await signals.startOf('a-1')).toEqual({
				alertId: 'a-1',
				startedAt: iso(T0 + WINDOW + MINUTE + SECOND),
				startedBy: 'execution 2',
			});
		});

		it('tells a duplicate whether its original started, counting only marks made since the claim', async () => {
			const { signals } = await (await backend.newStore()).open();
			await signals.admitAlert(entry('a-1', T0), REDELIVER);
			const before = await signals.admitAlert(entry('a-1', T0 + SECOND), REDELIVER);
			// Made before the claim (another host's clock behind): it does not count for this claim.
			await signals.markStarted('a-1', new Date(T0 - 1), 'early');
			const stale = await signals.admitAlert(entry('a-1', T0 + 2 * SECOND), REDELIVER);
			await signals.admitAlert(entry('a-2', T0), REDELIVER);
			await signals.markStarted('a-2', new Date(T0), 'Risk Check');
			const started = await signals.admitAlert(entry('a-2', T0 + MINUTE), REDELIVER);

			expect(before).toEqual<Admission>({ outcome: 'duplicate', original: notStarted(T0) });
			expect(stale).toEqual<Admission>({ outcome: 'duplicate', original: notStarted(T0) });
			expect(started).toEqual<Admission>({
				outcome: 'duplicate',
				original: { acceptedAt: iso(T0), started: true, startedAt: iso(T0), startedBy: 'Risk Check' },
			});
			expect((await signals.listSignals({ alertId: 'a-2', outcome: 'duplicate' }))[0].details).toEqual({
				originalAcceptedAt: iso(T0),
				originalStarted: true,
				originalStartedAt: iso(T0),
				originalStartedBy: 'Risk Check',
			});
		});

		it('redelivers an unstarted alert once its claim is old enough, renewing the claim', async () => {
			const { signals } = await (await backend.newStore()).open();
			expect(await signals.admitAlert(entry('a-1', T0), REDELIVER)).toEqual({ outcome: 'accepted', redeliveryOf: null });

			const early = await signals.admitAlert(entry('a-1', T0 + 30 * SECOND - 1), REDELIVER);
			const due = await signals.admitAlert(entry('a-1', T0 + 30 * SECOND), REDELIVER);
			const after = await signals.admitAlert(entry('a-1', T0 + 31 * SECOND), REDELIVER);
			// The original window has ended; the renewed one runs until T0 + 30 s + WINDOW.
			const renewed = await signals.admitSignal(entry('a-1', T0 + WINDOW + SECOND), WINDOW);

			expect(early.outcome).toBe('duplicate');
			expect(due).toEqual<Admission>({ outcome: 'accepted', redeliveryOf: notStarted(T0) });
			expect(after).toEqual<Admission>({ outcome: 'duplicate', original: notStarted(T0 + 30 * SECOND) });
			expect(renewed).toBe('duplicate');
			const rows = await signals.listSignals({ alertId: 'a-1' });
			expect(rows.map((row) => [row.outcome, row.details])).toEqual([
				['accepted', null],
				['duplicate', expect.objectContaining({ originalStarted: false })],
				['accepted', { redelivered: true, redeliveryOf: { acceptedAt: iso(T0) } }],
				['duplicate', expect.objectContaining({ originalAcceptedAt: iso(T0 + 30 * SECOND) })],
				['duplicate', expect.objectContaining({ originalAcceptedAt: iso(T0 + 30 * SECOND) })],
			]);
		});

		it('never redelivers a started alert, nor any alert with redelivery off', async () => {
			const { signals } = await (await backend.newStore()).open();
			await signals.admitAlert(entry('started', T0), REDELIVER);
			await signals.markStarted('started', new Date(T0 + SECOND), 'Broker Order');
			await signals.admitAlert(entry('off', T0), { dedupeWindowMs: WINDOW, redeliverAfterMs: 0 });

			expect((await signals.admitAlert(entry('started', T0 + 5 * MINUTE), REDELIVER)).outcome).toBe('duplicate');
			expect((await signals.admitAlert(entry('off', T0 + WINDOW - 1), { dedupeWindowMs: WINDOW, redeliverAfterMs: 0 })).outcome).toBe(
				'duplicate',
			);
		});

		it('redelivers exactly one of 60 concurrent late resends, over two connections', async () => {
			const store = await backend.newStore();
			const [first, second] = [await store.open(), await store.open()];
			await first.signals.admitAlert(entry('burst', T0), REDELIVER);

			const admissions = await Promise.all(
				Array.from({ length: 60 }, (_, index) =>
					(index % 2 === 0 ? first : second).signals.admitAlert(entry('burst', T0 + MINUTE + index), REDELIVER),
				),
			);

			const redelivered = admissions.filter((admission) => admission.outcome === 'accepted');
			expect(redelivered).toEqual([{ outcome: 'accepted', redeliveryOf: notStarted(T0) }]);
			expect(admissions.filter((admission) => admission.outcome === 'duplicate')).toHaveLength(59);
			expect((await first.signals.listSignals({ alertId: 'burst', outcome: 'accepted' })).length).toBe(2);
		}, 120_000);

		it('purges marks made before the cutoff and counts them', async () => {
			const { signals } = await (await backend.newStore()).open();
			await signals.markStarted('old', new Date(T0), 'Risk Check');
			await signals.markStarted('new', new Date(T0 + WINDOW), 'Risk Check');

			expect(await signals.purgeSignalsBefore(new Date(T0 + 1))).toBe(1);
			expect(await signals.startOf('old')).toBeNull();
			expect((await signals.startOf('new'))?.startedBy).toBe('Risk Check');
		});

		it('keeps start marks across a restart', async () => {
			const store = await backend.newStore();
			const before = await store.open();
			await before.signals.admitAlert(entry('a-1', T0), REDELIVER);
			await before.signals.markStarted('a-1', new Date(T0 + SECOND), 'Risk Check');

			await store.restart();

			const after = await store.open();
			expect((await after.signals.admitAlert(entry('a-1', T0 + MINUTE), REDELIVER)).outcome).toBe('duplicate');
			expect((await after.signals.startOf('a-1'))?.startedAt).toBe(iso(T0 + SECOND));
		}, 120_000);
	});
}
