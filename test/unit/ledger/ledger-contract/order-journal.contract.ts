import type { OrderEvent } from '../../../../core/ledger/order-journal';
import type { AdmissionEntry } from '../../../../core/ledger/signal-ledger';
import type { LedgerBackend } from './backends';

const AT = new Date('2024-03-01T12:00:00.000Z');

function event(overrides: Partial<OrderEvent>): OrderEvent {
	return {
		at: AT,
		scope: 'wf-1/broker-1',
		broker: 'paper',
		alertId: 'a-1',
		clientOrderId: 'tv-1',
		kind: 'attempt',
		detail: { side: 'buy', quantity: 10 },
		...overrides,
	};
}

export function orderJournalContract(backend: LedgerBackend): void {
	describe('order journal', () => {
		it('records events and lists them in order, all or by alert id or client order id', async () => {
			const { orders } = await (await backend.newStore()).open();
			await orders.record(event({}));
			await orders.record(event({ kind: 'placed', at: new Date(AT.getTime() + 5), detail: { brokerOrderId: 'b-1' } }));
			await orders.record(event({ alertId: 'a-2', clientOrderId: 'tv-2', kind: 'failed', detail: null }));
			await orders.record(event({ alertId: null, clientOrderId: null, kind: 'canceled', broker: 'alpaca', detail: undefined }));

			const all = await orders.list();
			expect(all.map((row) => row.kind)).toEqual(['attempt', 'placed', 'failed', 'canceled']);
			expect(all.every((row) => typeof row.id === 'number')).toBe(true);
			expect(all.map((row) => row.id)).toEqual([...all.map((row) => row.id)].sort((a, b) => a - b));
			expect(all[1]).toEqual({
				id: all[1].id,
				at: '2024-03-01T12:00:00.005Z',
				scope: 'wf-1/broker-1',
				broker: 'paper',
				alertId: 'a-1',
				clientOrderId: 'tv-1',
				kind: 'placed',
				detail: { brokerOrderId: 'b-1' },
			});
			expect(all[2].detail).toBeNull();
			expect(all[3]).toMatchObject({ alertId: null, clientOrderId: null, broker: 'alpaca', detail: null });

			expect((await orders.list({ alertId: 'a-1' })).map((row) => row.kind)).toEqual(['attempt', 'placed']);
			expect((await orders.list({ clientOrderId: 'tv-2' })).map((row) => row.kind)).toEqual(['failed']);
			expect(await orders.list({ alertId: 'a-1', clientOrderId: 'tv-2' })).toEqual([]);
		});

		it('lists the events of one broker, of some kinds only', async () => {
			const { orders } = await (await backend.newStore()).open();
			await orders.record(event({}));
			await orders.record(event({ kind: 'placed' }));
			await orders.record(event({ kind: 'dry_run', clientOrderId: 'tv-9' }));
			await orders.record(event({ broker: 'alpaca', kind: 'placed', clientOrderId: 'tv-3' }));
			await orders.record(event({ kind: 'read_back', detail: { order: { status: 'filled' } } }));

			expect((await orders.list({ broker: 'paper' })).map((row) => row.kind)).toEqual(['attempt', 'placed', 'dry_run', 'read_back']);
			expect((await orders.list({ broker: 'paper', kinds: ['placed', 'read_back'] })).map((row) => row.kind)).toEqual(['placed', 'read_back']);
			expect((await orders.list({ kinds: ['placed'] })).map((row) => row.clientOrderId)).toEqual(['tv-1', 'tv-3']);
			expect(await orders.list({ broker: 'paper', kinds: [] })).toEqual([]);
			expect(await orders.list({ broker: 'oanda' })).toEqual([]);
		});

		it('lists accepted alerts that no Broker Order journaled or settled, in the window and scope asked for', async () => {
			const ledger = await (await backend.newStore()).open();
			const T0 = Date.parse('2024-03-01T12:00:00.000Z');
			const accept = async (alertId: string, atMs: number, scope = 'wf-1/trigger-1') => {
				const entry: AdmissionEntry = {
					receivedAt: new Date(atMs),
					scope,
					sourceIp: null,
					body: '{}',
					alertId,
					item: { alertId, action: 'buy', symbol: 'AAPL', quantity: 2 },
				};
				expect((await ledger.signals.admitAlert(entry, { dedupeWindowMs: 60_000, redeliverAfterMs: 0 })).outcome).toBe('accepted');
			};
			await accept('ordered', T0);
			await ledger.orders.record(event({ alertId: 'ordered', kind: 'attempt' }));
			await accept('never-started', T0 + 1_000);
			await accept('started-then-lost', T0 + 2_000);
			await ledger.signals.markStarted('started-then-lost', new Date(T0 + 2_500), 'Risk Check', 'worker-a');
			await accept('rejected', T0 + 3_000);
			await ledger.fates.settleAlert('rejected', 'rejected', new Date(T0 + 3_500));
			await accept('no-order', T0 + 4_000);
			await ledger.fates.settleAlert('no-order', 'no_order', new Date(T0 + 4_500));
			await accept('other-workflow', T0 + 5_000, 'wf-2/trigger-1');
			await accept('too-recent', T0 + 60_000);

			const listed = await ledger.orders.listUnorderedAlerts({ acceptedFrom: new Date(T0), acceptedUntil: new Date(T0 + 10_000) });
			expect(listed.map((alert) => alert.alertId)).toEqual(['never-started', 'started-then-lost', 'other-workflow']);
			expect(Object.keys(listed[0]).sort()).toEqual(['acceptedAt', 'alertId', 'attempts', 'item', 'outcome', 'process', 'scope', 'stage', 'stageAt']);
			expect(listed[0]).toMatchObject({
				alertId: 'never-started',
				scope: 'wf-1/trigger-1',
				acceptedAt: '2024-03-01T12:00:01.000Z',
				stage: 'accepted',
				stageAt: '2024-03-01T12:00:01.000Z',
				outcome: null,
				attempts: 0,
				item: { alertId: 'never-started', action: 'buy', symbol: 'AAPL', quantity: 2 },
			});
			expect(listed[1]).toMatchObject({ stage: 'started', process: 'worker-a' });

			const inScope = await ledger.orders.listUnorderedAlerts({ acceptedFrom: new Date(T0), acceptedUntil: new Date(T0 + 10_000), scopePrefix: 'wf-1/' });
			expect(inScope.map((alert) => alert.alertId)).toEqual(['never-started', 'started-then-lost']);
			const limited = await ledger.orders.listUnorderedAlerts({ acceptedFrom: new Date(T0 + 1_500), acceptedUntil: new Date(T0 + 120_000), limit: 2 });
			expect(limited.map((alert) => alert.alertId)).toEqual(['started-then-lost', 'other-workflow']);
		});
	});
}
