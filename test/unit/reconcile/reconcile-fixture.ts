import { executeAlert } from '../../../core/order/execute-alert';
import type { AlertOrderInput } from '../../../core/order/order-input';
import { type ReconcileSettings, reconcileSettingsSchema } from '../../../core/reconcile/reconcile-settings';
import { reconcilePositions } from '../../../core/reconcile/reconcile-positions';
import { alertInput, orderHarness, orderSettings, type OrderHarness } from '../order/order-fixture';

export const ACCOUNT = 'fake:credential-1';

/** A fake broker and journal, with Broker Order's path (executeAlert) writing the account on each order. */
export function reconcileHarness(): OrderHarness & {
	trade: (fields: Partial<AlertOrderInput>, account?: string) => Promise<void>;
	reconcile: (settings?: Partial<ReconcileSettings>) => ReturnType<typeof reconcilePositions>;
} {
	const harness = orderHarness();
	return {
		...harness,
		async trade(fields, account = ACCOUNT) {
			const result = await executeAlert(alertInput(fields), orderSettings(), { ...harness.context, account, dryRun: false });
			if (!result.ok) throw new Error(result.failure.message);
		},
		async reconcile(settings = {}) {
			return await reconcilePositions(reconcileSettingsSchema.parse({ account: ACCOUNT, ...settings }), {
				broker: harness.broker,
				journal: harness.journal,
				scope: 'wf-rec/reconcile-1',
				now: () => new Date('2026-01-02T04:00:00.000Z'),
			});
		},
	};
}
