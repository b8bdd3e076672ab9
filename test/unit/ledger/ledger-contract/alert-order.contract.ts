import type { Ledger } from '../../../../core/ledger/ledger';
import type { AdmissionEntry, AdmissionPolicy } from '../../../../core/ledger/signal-ledger';
import type { LedgerBackend, LedgerStore } from './backends';

const T0 = Date.parse('2024-03-01T12:00:00.000Z');
const SECOND = 1_000;
const WINDOW: AdmissionPolicy = { dedupeWindowMs: 600 * SECOND, redeliverAfterMs: 0 };

function accepted(alertId: string, atMs: number, symbol: string | null = 'AAPL', scope = 'wf-1/trigger-1'): AdmissionEntry {
	return {
		receivedAt: new Date(atMs),
		scope,
		sourceIp: null,
		body: '{}',
		alertId,
		item: { alertId, action: 'buy', symbol, quantity: 1 },
	};
}

export function alertOrderContract(backend: LedgerBackend): void {
	describe('the order of accepted alerts per workflow and symbol', () => {
		let store: LedgerStore;
		let ledger: Ledger;
		beforeEach(async () => {
			store = await backend.newStore();
			ledger = await store.open();
		});

		/** The three order queries in one view, as awaitTurn reads them. */
		const orderView = async (alertId: string, heldSince: Date, node: string | null = null) => ({
			sequenced: await ledger.fates.isSequenced(alertId),
			ahead: await ledger.fates.alertsAhead(alertId, heldSince, node),
			laterOrdered: await ledger.fates.laterOrdered(alertId, node),
		});

		const admit = async (...entries: AdmissionEntry[]) => {
			for (const entry of entries) expect((await ledger.signals.admitAlert(entry, WINDOW)).outcome).toBe('accepted');
		};

		it('lists the unfinished alerts accepted before, for the same workflow and symbol only, in acceptance order', async () => {
			await admit(
				accepted('a-1', T0),
				accepted('other-symbol', T0 + 1, 'MSFT'),
				accepted('other-workflow', T0 + 2, 'AAPL', 'wf-2/trigger-1'),
				// Same millisecond as a-4: the acceptance order decides, not the clock.
				accepted('a-3', T0 + 3),
				accepted('a-4', T0 + 3),
				accepted('later', T0 + 5),
			);
			expect(await orderView('a-4', new Date(T0 - 60 * SECOND))).toEqual({
				sequenced: true,
				ahead: [
					{ alertId: 'a-1', acceptedAt: '2024-03-01T12:00:00.000Z' },
					{ alertId: 'a-3', acceptedAt: '2024-03-01T12:00:00.003Z' },
				],
				laterOrdered: [],
			});
			expect(await orderView('a-1', new Date(T0 - 60 * SECOND))).toEqual({ sequenced: true, ahead: [], laterOrdered: [] });
		});

		it('drops finished alerts and those accepted before the cut-off, and names later alerts already ordered', async () => {
			await admit(accepted('old', T0), accepted('settled', T0 + SECOND), accepted('started', T0 + 2 * SECOND), accepted('me', T0 + 3 * SECOND));
			await admit(accepted('later-ordered', T0 + 4 * SECOND), accepted('later-rejected', T0 + 5 * SECOND), accepted('later-open', T0 + 6 * SECOND));
			await ledger.fates.settleAlert('settled', 'ordered', new Date(T0 + 10 * SECOND));
			await ledger.signals.markStarted('started', new Date(T0 + 10 * SECOND), 'Risk Check', 'worker-a');
			await ledger.fates.settleAlert('later-ordered', 'ordered', new Date(T0 + 10 * SECOND));
			await ledger.fates.settleAlert('later-rejected', 'rejected', new Date(T0 + 10 * SECOND));

			expect(await orderView('me', new Date(T0 + 500))).toEqual({
				sequenced: true,
				ahead: [{ alertId: 'started', acceptedAt: '2024-03-01T12:00:02.000Z' }],
				laterOrdered: ['later-ordered'],
			});
		});

		it('gives no place to an alert without a symbol, an unknown alert id or one admitted without an item', async () => {
			await admit(accepted('no-symbol', T0, null));
			const { item: _item, ...withoutItem } = accepted('no-item', T0 + 1);
			await admit(withoutItem);
			for (const alertId of ['no-symbol', 'no-item', 'unknown']) {
				expect(await orderView(alertId, new Date(T0 - 60 * SECOND))).toEqual({ sequenced: false, ahead: [], laterOrdered: [] });
			}
		});

		it('puts a redelivered alert at its new place in the order', async () => {
			const redeliver: AdmissionPolicy = { dedupeWindowMs: 600 * SECOND, redeliverAfterMs: SECOND };
			await ledger.signals.admitAlert(accepted('first', T0), redeliver);
			await ledger.signals.admitAlert(accepted('second', T0 + 10), redeliver);
			// 'first' was never started: its resend two seconds later is accepted again, behind 'second'.
			expect((await ledger.signals.admitAlert(accepted('first', T0 + 2 * SECOND), redeliver)).outcome).toBe('accepted');
			expect((await orderView('first', new Date(T0 - 60 * SECOND))).ahead.map((ahead: { alertId: string }) => ahead.alertId)).toEqual(['second']);
			expect((await orderView('second', new Date(T0 - 60 * SECOND))).ahead).toEqual([]);
		});
	
		it('per Broker Order node: an earlier alert stops holding a node once it passed it, and the fate settles when every expected node passed', async () => {
			await admit(accepted('one', T0), accepted('two', T0 + 10));
			const group = ['Account A', 'Account B'];
			await ledger.signals.markStarted('one', new Date(T0 + 20), 'Broker Order', 'worker-a');

			expect(await ledger.fates.passAlert('one', { node: 'Account A', outcome: 'ordered' }, group, new Date(T0 + 30))).toBeNull();
			// 'one' is done at A, not at B: it holds B for 'two', not A; and it is ordered at A.
			expect(await orderView('two', new Date(T0 - 60 * SECOND), 'Account A')).toEqual({ sequenced: true, ahead: [], laterOrdered: [] });
			expect((await orderView('two', new Date(T0 - 60 * SECOND), 'Account B')).ahead.map((ahead: { alertId: string }) => ahead.alertId)).toEqual(['one']);
			expect((await ledger.fates.fateOf('one'))?.stage).toBe('started');

			expect(await ledger.fates.passAlert('one', { node: 'Account B', outcome: 'failed' }, group, new Date(T0 + 40))).toBe('failed');
			expect(await ledger.fates.fateOf('one')).toMatchObject({ stage: 'settled', outcome: 'failed' });
			expect((await orderView('two', new Date(T0 - 60 * SECOND), 'Account B')).ahead).toEqual([]);
			expect(await orderView('one', new Date(T0 - 60 * SECOND), 'Account A')).toEqual({ sequenced: true, ahead: [], laterOrdered: [] });

			// 'two' ordered at A only: named as a later alert already ordered there, not at B.
			await ledger.fates.passAlert('two', { node: 'Account A', outcome: 'ordered' }, group, new Date(T0 + 50));
			expect((await orderView('one', new Date(T0 - 60 * SECOND), 'Account A')).laterOrdered).toEqual(['two']);
			expect((await orderView('one', new Date(T0 - 60 * SECOND), 'Account B')).laterOrdered).toEqual([]);
		});

		it('settles at once with a single expected node, and a passage repeated by a re-run counts once', async () => {
			await admit(accepted('solo', T0));
			expect(await ledger.fates.passAlert('solo', { node: 'Broker Order', outcome: 'no_order' }, ['Broker Order'], new Date(T0 + 10))).toBe('no_order');
			await admit(accepted('pair', T0 + 1));
			expect(await ledger.fates.passAlert('pair', { node: 'A', outcome: 'ordered' }, ['A', 'B'], new Date(T0 + 10))).toBeNull();
			expect(await ledger.fates.passAlert('pair', { node: 'A', outcome: 'ordered' }, ['A', 'B'], new Date(T0 + 20))).toBeNull();
			expect(await ledger.fates.passAlert('pair', { node: 'B', outcome: 'rejected' }, ['A', 'B'], new Date(T0 + 30))).toBe('ordered');
			expect(await ledger.fates.passAlert('unknown', { node: 'A', outcome: 'ordered' }, ['A'], new Date(T0 + 30))).toBeNull();
		});

		it('starts the passages over when an alert is accepted again', async () => {
			const redeliver: AdmissionPolicy = { dedupeWindowMs: 600 * SECOND, redeliverAfterMs: SECOND };
			await ledger.signals.admitAlert(accepted('again', T0), redeliver);
			expect(await ledger.fates.passAlert('again', { node: 'A', outcome: 'ordered' }, ['A', 'B'], new Date(T0 + 10))).toBeNull();
			// Never finished at B: accepted again 2 s later, its earlier passage at A no longer counts.
			expect((await ledger.signals.admitAlert(accepted('again', T0 + 2 * SECOND), redeliver)).outcome).toBe('accepted');
			expect(await ledger.fates.passAlert('again', { node: 'B', outcome: 'ordered' }, ['A', 'B'], new Date(T0 + 3 * SECOND))).toBeNull();
			expect(await ledger.fates.passAlert('again', { node: 'A', outcome: 'ordered' }, ['A', 'B'], new Date(T0 + 4 * SECOND))).toBe('ordered');
		});
	});
}
