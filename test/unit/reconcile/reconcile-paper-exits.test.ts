import { executeAlert, type ExecuteAlertContext } from '../../../core/order/execute-alert';
import type { AlertOrderInput } from '../../../core/order/order-input';
import { reconcilePositions } from '../../../core/reconcile/reconcile-positions';
import { reconcileSettingsSchema } from '../../../core/reconcile/reconcile-settings';
import { PaperFixture } from '../paper/paper-fixture';
import { alertInput, orderHarness, orderSettings } from '../order/order-fixture';

// A take profit the Paper broker fills on a later price is an order of its own: journaled with
// its entry, Reconcile reads it back and counts its fill instead of reporting drift.

const ACCOUNT = 'paper:exits';

describe('Reconcile after bracket exits filled on Paper', () => {
	let fixture: PaperFixture;
	let harness: ReturnType<typeof orderHarness>;
	let context: ExecuteAlertContext;

	beforeEach(() => {
		fixture = new PaperFixture();
		harness = orderHarness();
		context = { ...harness.context, broker: fixture.broker(), account: ACCOUNT, dryRun: false };
	});

	afterEach(() => fixture.remove());

	async function alert(alertId: string, fields: Partial<AlertOrderInput>) {
		const result = await executeAlert(alertInput({ alertId, symbol: 'AAPL', ...fields }), orderSettings(), context);
		if (!result.ok) throw new Error(JSON.stringify(result.failure));
		return result.value;
	}

	const paperPosition = async () => await context.broker.getPosition('AAPL');

	const reconcile = async () =>
		await reconcilePositions(reconcileSettingsSchema.parse({ account: ACCOUNT }), {
			broker: context.broker,
			journal: harness.journal,
			scope: 'wf-rec/reconcile-1',
			now: () => new Date(),
		});

	it('journals the exits with the entry and finds no drift once the take profit filled', async () => {
		const entry = await alert('a1', { action: 'buy', quantity: 10, price: 200, takeProfitPrice: 210, stopLossPrice: 190 });
		const entryId = entry.orders[0].clientOrderId;
		expect(entry.orders[0].exits?.map((exit) => [exit.clientOrderId, exit.side, exit.quantity])).toEqual([
			[`${entryId}/tp`, 'sell', 10],
			[`${entryId}/sl`, 'sell', 10],
		]);
		const journaled = (await harness.journal.list()).filter((event) => event.kind === 'attempt' && event.alertId === 'a1').map((event) => event.clientOrderId);
		expect(journaled).toEqual([entryId, `${entryId}/tp`, `${entryId}/sl`]);

		expect(await reconcile()).toEqual([expect.objectContaining({ symbol: 'AAPL', expected: 10, actual: 10, status: 'match' })]);

		await alert('a2', { action: 'price', price: 211 });

		// Flat at the broker and, with the take profit's fill read back, in the journal: nothing to report.
		expect(await paperPosition()).toBeNull();
		expect(await reconcile()).toEqual([]);
	});
});
