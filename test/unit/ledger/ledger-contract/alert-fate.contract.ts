import type { RecoveryPolicy } from '../../../../core/ledger/alert-fate';
import type { Ledger } from '../../../../core/ledger/ledger';
import type { AdmissionEntry, AdmissionPolicy } from '../../../../core/ledger/signal-ledger';
import type { LedgerBackend, LedgerStore } from './backends';

const T0 = Date.parse('2024-03-01T12:00:00.000Z');
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const WINDOW: AdmissionPolicy = { dedupeWindowMs: 10 * MINUTE, redeliverAfterMs: 0 };
const SCOPE = 'wf-1/trigger-1';

function accepted(alertId: string, atMs: number, scope = SCOPE): AdmissionEntry {
	return {
		receivedAt: new Date(atMs),
		scope,
		sourceIp: null,
		body: `{"action":"buy","symbol":"AAPL","id":"${alertId}"}`,
		alertId,
		item: { alertId, action: 'buy', symbol: 'AAPL', quantity: 1 },
	};
}

function policy(nowMs: number, overrides: Partial<RecoveryPolicy> = {}): RecoveryPolicy {
	return {
		scopePrefix: 'wf-1/',
		now: new Date(nowMs),
		notStartedMs: MINUTE,
		processStoppedMs: 30 * SECOND,
		giveUpMs: 10 * MINUTE,
		maxAttempts: 3,
		process: 'recoverer',
		...overrides,
	};
}

const ids = (alerts: Array<{ alertId: string } | { fate: { alertId: string } }>) =>
	alerts.map((alert) => ('fate' in alert ? alert.fate.alertId : alert.alertId)).sort();

export function alertFateContract(backend: LedgerBackend): void {
	describe('alert fates and recovery', () => {
		let store: LedgerStore;
		let ledger: Ledger;
		beforeEach(async () => {
			store = await backend.newStore();
			ledger = await store.open();
		});

		it('starts a fate with the acceptance and moves it through started to settled', async () => {
			await ledger.signals.admitAlert(accepted('a-1', T0), WINDOW);
			expect(await ledger.fates.fateOf('a-1')).toMatchObject({
				alertId: 'a-1',
				scope: SCOPE,
				acceptedAt: '2024-03-01T12:00:00.000Z',
				stage: 'accepted',
				outcome: null,
				attempts: 0,
			});
			await ledger.signals.markStarted('a-1', new Date(T0 + SECOND), 'Risk Check', 'worker-a');
			expect(await ledger.fates.fateOf('a-1')).toMatchObject({ stage: 'started', process: 'worker-a', stageAt: '2024-03-01T12:00:01.000Z' });
			await ledger.fates.settleAlert('a-1', 'ordered', new Date(T0 + 2 * SECOND));
			expect(await ledger.fates.fateOf('a-1')).toMatchObject({ stage: 'settled', outcome: 'ordered' });
			// A settled alert is not moved back by a late start mark.
			await ledger.signals.markStarted('a-1', new Date(T0 + 3 * SECOND), 'Broker Order', 'worker-b');
			expect(await ledger.fates.fateOf('a-1')).toMatchObject({ stage: 'settled', process: 'worker-a' });
		});

		it('gives a duplicate no fate of its own and an admission without an item none at all', async () => {
			await ledger.signals.admitAlert(accepted('a-1', T0), WINDOW);
			await ledger.signals.markStarted('a-1', new Date(T0 + SECOND), 'Risk Check', 'worker-a');
			expect((await ledger.signals.admitAlert(accepted('a-1', T0 + 2 * SECOND), WINDOW)).outcome).toBe('duplicate');
			expect(await ledger.fates.fateOf('a-1')).toMatchObject({ stage: 'started', acceptedAt: '2024-03-01T12:00:00.000Z' });

			const { item: _item, ...withoutItem } = accepted('a-2', T0);
			await ledger.signals.admitAlert(withoutItem, WINDOW);
			expect(await ledger.fates.fateOf('a-2')).toBeNull();
		});

		it('recovers an alert whose execution never started, once per pass, with the stored item', async () => {
			await ledger.signals.admitAlert(accepted('never', T0), WINDOW);
			await ledger.signals.admitAlert(accepted('young', T0 + 30 * SECOND), WINDOW);
			await ledger.signals.admitAlert(accepted('other-workflow', T0, 'wf-2/trigger-1'), WINDOW);

			expect(ids((await ledger.fates.recoverAlerts(policy(T0 + 59 * SECOND))).recovered)).toEqual([]);
			const pass = await ledger.fates.recoverAlerts(policy(T0 + MINUTE));
			expect(pass.lost).toEqual([]);
			expect(pass.recovered).toEqual([
				{
					reason: 'not_started',
					item: { alertId: 'never', action: 'buy', symbol: 'AAPL', quantity: 1 },
					fate: expect.objectContaining({ alertId: 'never', stage: 'recovering', attempts: 1, process: 'recoverer' }),
				},
			]);
			// Taken: the next pass waits for the re-emitted execution to start.
			expect((await ledger.fates.recoverAlerts(policy(T0 + MINUTE + SECOND))).recovered).toEqual([]);
			await ledger.signals.markStarted('never', new Date(T0 + MINUTE + 2 * SECOND), 'Risk Check', 'worker-a');
			await ledger.fates.heartbeat('worker-a', new Date(T0 + 3 * MINUTE));
			expect(ids((await ledger.fates.recoverAlerts(policy(T0 + 3 * MINUTE))).recovered)).toEqual(['young']);
		});

		it('recovers an alert whose process stopped beating, and leaves one whose process beats', async () => {
			await ledger.signals.admitAlert(accepted('on-dead', T0), WINDOW);
			await ledger.signals.admitAlert(accepted('on-live', T0), WINDOW);
			await ledger.signals.markStarted('on-dead', new Date(T0 + SECOND), 'Risk Check', 'worker-dead');
			await ledger.signals.markStarted('on-live', new Date(T0 + SECOND), 'Risk Check', 'worker-live');
			await ledger.fates.heartbeat('worker-live', new Date(T0 + 5 * MINUTE));

			expect(ids((await ledger.fates.recoverAlerts(policy(T0 + 20 * SECOND))).recovered)).toEqual([]);
			const pass = await ledger.fates.recoverAlerts(policy(T0 + 5 * MINUTE));
			expect(pass.recovered.map((alert) => [alert.fate.alertId, alert.reason])).toEqual([['on-dead', 'process_stopped']]);
			expect(await ledger.fates.fateOf('on-live')).toMatchObject({ stage: 'started', process: 'worker-live' });
		});

		it('gives up an alert past the give-up age or out of attempts: lost, and reported once', async () => {
			await ledger.signals.admitAlert(accepted('too-old', T0), WINDOW);
			await ledger.signals.admitAlert(accepted('retried', T0 + 5 * MINUTE), WINDOW);
			const at = (minutes: number) => T0 + 5 * MINUTE + minutes * MINUTE;
			const first = await ledger.fates.recoverAlerts(policy(at(1), { giveUpMs: 5 * MINUTE + 30 * SECOND, maxAttempts: 2 }));
			expect(ids(first.lost)).toEqual(['too-old']);
			expect(first.recovered.map((a) => [a.fate.alertId, a.fate.attempts])).toEqual([['retried', 1]]);
			expect(await ledger.fates.fateOf('too-old')).toMatchObject({ stage: 'lost', outcome: 'lost' });
			expect((await ledger.fates.recoverAlerts(policy(at(2), { maxAttempts: 2 }))).recovered.map((a) => a.fate.attempts)).toEqual([2]);
			const last = await ledger.fates.recoverAlerts(policy(at(3), { maxAttempts: 2 }));
			expect(last.recovered).toEqual([]);
			expect(last.lost.map((fate) => [fate.alertId, fate.attempts, fate.outcome])).toEqual([['retried', 2, 'lost']]);
			expect(await ledger.fates.recoverAlerts(policy(at(4), { maxAttempts: 2 }))).toEqual({ recovered: [], lost: [] });
		});

		it('hands each due alert to exactly one of two passes running at once', async () => {
			const other = await store.open();
			for (let index = 0; index < 20; index += 1) await ledger.signals.admitAlert(accepted(`burst-${index}`, T0), WINDOW);
			const second = await ledger.fates.recoverAlerts(policy(T0 + 2 * MINUTE, { process: 'p1' }));
			const passes = await Promise.all([
				ledger.fates.recoverAlerts(policy(T0 + 4 * MINUTE, { process: 'p2' })),
				other.fates.recoverAlerts(policy(T0 + 4 * MINUTE, { process: 'p3' })),
			]);
			expect(second.recovered).toHaveLength(20);
			const taken = passes.flatMap((pass) => pass.recovered.map((alert) => alert.fate.alertId));
			expect(taken.sort()).toEqual(second.recovered.map((alert) => alert.fate.alertId).sort());
		});

		it('starts over when the alert id is accepted again after its window', async () => {
			await ledger.signals.admitAlert(accepted('again', T0), WINDOW);
			await ledger.fates.settleAlert('again', 'rejected', new Date(T0 + SECOND));
			await ledger.signals.admitAlert(accepted('again', T0 + 11 * MINUTE), WINDOW);
			expect(await ledger.fates.fateOf('again')).toMatchObject({ stage: 'accepted', outcome: null, attempts: 0 });
			expect(ids(await ledger.fates.listFates({ scopePrefix: 'wf-1/', stage: 'accepted' }))).toEqual(['again']);
		});
	});
}
