import { listUnorderedAlerts, unorderedAlertSettingsSchema } from '../../../core/reconcile/unordered-alerts';
import { useTempSqliteLedger } from '../ledger/temp-ledger-dir';

const NOW = new Date('2026-01-02T12:00:00.000Z');
const MINUTE = 60_000;

describe('List Unordered Alerts', () => {
	const temp = useTempSqliteLedger();

	async function accept(alertId: string, minutesAgo: number, scope = 'wf-trade/trigger-1') {
		await temp.ledger().signals.admitAlert(
			{
				receivedAt: new Date(NOW.getTime() - minutesAgo * MINUTE),
				scope,
				sourceIp: null,
				body: '{}',
				alertId,
				item: { alertId, action: 'buy', symbol: 'BTCUSD', quantity: 0.5 },
			},
			{ dedupeWindowMs: 60 * MINUTE, redeliverAfterMs: 0 },
		);
	}

	it('lists accepted alerts older than the wait that no Broker Order journaled or settled, with the alert', async () => {
		await accept('lost-1', 45);
		await accept('ordered', 40);
		await temp.ledger().orders.record({ at: NOW, scope: 'wf-trade/broker-1', broker: 'paper', alertId: 'ordered', clientOrderId: 'tv-1', kind: 'attempt', detail: null });
		await accept('rejected', 35);
		await temp.ledger().fates.settleAlert('rejected', 'rejected', NOW);
		await accept('in-flight', 2);
		await accept('last-week', 8 * 24 * 60);
		await accept('other-workflow', 30, 'wf-other/trigger-1');

		const settings = unorderedAlertSettingsSchema.parse({});
		expect(settings).toEqual({ acceptedWithinHours: 168, olderThanMinutes: 10, workflowId: '', limit: 1000 });
		const listed = await listUnorderedAlerts(settings, temp.ledger().orders, NOW);
		expect(listed.map((alert) => alert.alertId)).toEqual(['lost-1', 'other-workflow']);
		expect(listed[0]).toEqual({
			alertId: 'lost-1',
			scope: 'wf-trade/trigger-1',
			workflowId: 'wf-trade',
			acceptedAt: '2026-01-02T11:15:00.000Z',
			minutesSinceAccepted: 45,
			stage: 'accepted',
			stageAt: '2026-01-02T11:15:00.000Z',
			recoveryAttempts: 0,
			symbol: 'BTCUSD',
			action: 'buy',
			quantity: 0.5,
			alert: { alertId: 'lost-1', action: 'buy', symbol: 'BTCUSD', quantity: 0.5 },
		});

		const oneWorkflow = await listUnorderedAlerts(unorderedAlertSettingsSchema.parse({ workflowId: 'wf-trade', olderThanMinutes: 1 }), temp.ledger().orders, NOW);
		expect(oneWorkflow.map((alert) => alert.alertId)).toEqual(['lost-1', 'in-flight']);
	});

	it('refuses a look-back of 0 hours', () => {
		expect(unorderedAlertSettingsSchema.safeParse({ acceptedWithinHours: 0 }).success).toBe(false);
	});
});
