import { PaperBroker } from '../../../core/brokers/paper/paper-broker';
import type { Ledger } from '../../../core/ledger/ledger';
import { openSqliteLedger } from '../../../core/ledger/open-ledger';
import { DEFAULT_RETRY_POLICY } from '../../../core/order/retry-policy';
import { ALERT_ORDER_FIELDS, placeAlert, type PlaceAlertContext, type PlaceAlertParameters, readPlaceAlert } from '../../../core/order/place-alert';
import { checkAlert } from '../../../core/risk/check-alert';

// Broker Order's use case: the sizing rule, the approval, the reservation's settlement and the
// alert's marks, which the node's shell did before and no unit test reached.

const NOW = new Date('2026-11-24T15:00:00Z');
let ledger: Ledger;
let paper: PaperBroker;
let marks: string[];

beforeEach(() => {
	ledger = openSqliteLedger(':memory:');
	paper = new PaperBroker(ledger.paper, { account: 'main', startingCash: 100_000, currency: 'USD', now: () => NOW });
	marks = [];
});
afterEach(async () => {
	await ledger.close();
});

function parameters(alert: Record<string, unknown>, overrides: Partial<PlaceAlertParameters> = {}): PlaceAlertParameters {
	const fields: Record<string, unknown> = {};
	for (const field of ALERT_ORDER_FIELDS) fields[field] = alert[field] ?? null;
	return { alert: fields, sizingMode: 'alert', options: {}, ...overrides };
}

function context(): PlaceAlertContext {
	return {
		broker: paper,
		journal: ledger.orders,
		scope: 'wf/broker-order',
		retry: DEFAULT_RETRY_POLICY,
		now: () => NOW,
		risk: ledger.risk,
		alertOrder: ledger.fates,
		node: 'Broker Order',
		marks: {
			started: async (alertId) => void marks.push(`started ${String(alertId)}`),
			settled: async (alertId, outcome) => void marks.push(`${outcome} ${String(alertId)}`),
		},
	};
}

const BUY = { alertId: 'a1', symbol: 'AAPL', action: 'buy', quantity: 2, price: 100 };

async function place(alert: Record<string, unknown>, item: unknown = {}, overrides: Partial<PlaceAlertParameters> = {}) {
	const read = readPlaceAlert(parameters(alert, overrides));
	if (!read.ok) throw new Error(read.failure.message);
	return await placeAlert(read.value, item, context());
}

describe('readPlaceAlert', () => {
	it('refuses an alert field that does not parse, naming it', () => {
		expect(readPlaceAlert(parameters({ ...BUY, quantity: -1 }))).toEqual({
			ok: false,
			failure: { code: 'invalid_input', field: 'alert', message: 'Invalid order input: quantity: must be greater than 0' },
		});
	});

	it('needs a Sizing Value above 0 for every sizing but the alert quantity, which has none', () => {
		expect(readPlaceAlert(parameters(BUY, { sizingMode: 'fixed', sizingValue: 0 }))).toEqual({
			ok: false,
			failure: { code: 'invalid_input', field: 'sizingValue', message: 'Sizing Value must be greater than 0 for this sizing' },
		});
		const alertSized = readPlaceAlert(parameters(BUY, { sizingMode: 'alert', sizingValue: 7 }));
		expect(alertSized.ok && alertSized.value.settings.sizingValue).toBe(0);
	});

	it('reads the options with their defaults: 30 s alert order wait, 15 s exit fill wait, no cap for a Max Sized Quantity of 0', () => {
		const read = readPlaceAlert(parameters(BUY, { options: { maxSizedQuantity: 0, dryRun: true } }));

		expect(read.ok && read.value).toMatchObject({
			dryRun: true,
			alertOrderWaitMs: 30_000,
			exitFillTimeoutMs: 15_000,
			maxAttempts: undefined,
			settings: { sizingMode: 'alert', maxSizedQuantity: null, defaultTimeInForce: 'gtc' },
		});
	});
});

describe('placeAlert', () => {
	it('without a Risk Check upstream: places the order and marks the alert ordered', async () => {
		const placed = await place(BUY);

		expect(placed.ok && placed.value.riskReservation).toBeNull();
		expect(placed.ok && placed.value.execution.orders.map((leg) => leg.order?.status)).toEqual(['filled']);
		expect((await paper.getPosition('AAPL'))?.quantity).toBe(2);
		expect(marks).toEqual(['started a1', 'ordered a1']);
	});

	it('never sends an item Risk Check rejected, and says why', async () => {
		const placed = await place(BUY, { ...BUY, risk: { passed: false } });

		expect(placed).toEqual({
			ok: false,
			failure: { code: 'outside_approval', field: 'risk', message: 'Not sent: Risk Check rejected this item (risk.passed is not true)' },
		});
		expect(await paper.getPosition('AAPL')).toBeNull();
		expect(marks).toEqual(['started a1', 'refused a1']);
	});

	it("confirms the Risk Check reservation of a placed order", async () => {
		const item = await passedThroughRiskCheck(BUY);

		const placed = await place(BUY, item);

		expect(placed.ok && placed.value.riskReservation).toEqual({ id: reservationOf(item), status: 'confirmed' });
	});

	it('releases the reservation when nothing was sent: a plan failure (written "field: message") or a dry run', async () => {
		const noQuantity = { ...BUY, quantity: null };
		const refusedItem = await passedThroughRiskCheck({ ...BUY, alertId: 'a2' });
		const refused = await place({ ...noQuantity, alertId: 'a2' }, refusedItem);
		const dryItem = await passedThroughRiskCheck({ ...BUY, alertId: 'a3' });
		const dry = await place({ ...BUY, alertId: 'a3' }, dryItem, { options: { dryRun: true } });

		expect(refused).toEqual({ ok: false, failure: { code: 'quantity_missing', field: 'quantity', message: expect.stringMatching(/^quantity: /) } });
		expect(await ledger.risk.getReservation(reservationOf(refusedItem))).toMatchObject({ status: 'released' });
		expect(dry.ok && dry.value.riskReservation).toEqual({ id: reservationOf(dryItem), status: 'released' });
		expect(marks).toEqual(['started a2', 'refused a2', 'started a3', 'no_order a3']);
	});
});

async function passedThroughRiskCheck(alert: Record<string, unknown>): Promise<Record<string, unknown>> {
	const checked = await checkAlert(
		{ side: alert.action, ...alert },
		{
			risk: ledger.risk,
			parameters: () => ({ book: 'wf/risk', killSwitch: '', rules: { maxOrdersPerDay: 5 }, session: null, rateLimits: [], reservationTtlMinutes: 10 }),
			account: () => ({ key: 'paper:main', positions: async () => await paper.listPositions(), account: async () => await paper.getAccount() }),
			marks: { started: async () => undefined, settled: async () => undefined },
			brokerOrderFollows: () => true,
		},
	);
	if (!checked.ok || !checked.value.decision.passed) throw new Error(`Risk Check did not pass the alert: ${JSON.stringify(checked)}`);
	return { ...alert, risk: checked.value.decision };
}

function reservationOf(item: Record<string, unknown>): string {
	return (item.risk as { reservation: { id: string } }).reservation.id;
}
