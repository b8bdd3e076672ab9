import type { OrderEvent } from '../../../../core/ledger/order-journal';
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
	});
}
