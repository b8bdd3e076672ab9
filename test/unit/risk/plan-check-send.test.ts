import { PaperBroker } from '../../../core/brokers/paper/paper-broker';
import type { Ledger } from '../../../core/ledger/ledger';
import { openSqliteLedger } from '../../../core/ledger/open-ledger';
import { orderInputFromItem } from '../../../core/order/alert-item-fields';
import { executeAlert, type AlertExecution } from '../../../core/order/execute-alert';
import type { OrderFailure } from '../../../core/order/order-failure';
import type { OrderSettings } from '../../../core/order/order-input';
import { DEFAULT_RETRY_POLICY } from '../../../core/order/retry-policy';
import { approvedEnvelopeFor } from '../../../core/risk/approval-ref';
import type { RiskDecision } from '../../../core/risk/evaluate-risk';
import type { AccountView } from '../../../core/risk/position-rules';
import type { RiskSettings } from '../../../core/risk/risk-settings';
import { evaluateItem, noRules } from './risk-fixtures';

// The review's "the safety layer judges the alert, Broker Order sends a different order" cases,
// through the real pieces: Risk Check's evaluation on a SQLite ledger, the stored approval, and
// Broker Order's execution on the Paper broker in the same ledger. Each asserts the paper
// position, which must never move past what Risk Check approved.

let ledger: Ledger;
let paper: PaperBroker;
let account: AccountView;
let alertCounter = 0;
const NOW = new Date('2026-11-24T15:00:00Z');

beforeEach(() => {
	ledger = openSqliteLedger(':memory:');
	paper = new PaperBroker(ledger.paper, { account: 'safety', startingCash: 1_000_000, currency: 'USD', now: () => NOW });
	account = { key: 'paper:safety', positions: async () => await paper.listPositions(), account: async () => await paper.getAccount() };
});
afterEach(async () => {
	await ledger.close();
});

const position = async () => (await paper.getPosition('AAPL'))?.quantity ?? 0;

function orderSettings(overrides: Partial<OrderSettings> = {}): OrderSettings {
	return { sizingMode: 'alert', sizingValue: 0, quantityStep: 0, targetPositionMode: false, reverse: false, defaultTimeInForce: 'gtc', maxSizedQuantity: null, ...overrides };
}

/** A strategy alert as the trigger shapes it: side, quantity, and the strategy's position before and after. */
function strategyAlert(side: 'buy' | 'sell', quantity: number, before: number, after: number): Record<string, unknown> {
	const word = (value: number) => (value > 0 ? 'long' : value < 0 ? 'short' : 'flat');
	return {
		action: side,
		side,
		quantity,
		price: 100,
		strategy: { marketPosition: word(after), targetPosition: after, prevTargetPosition: before, prevMarketPosition: word(before) },
	};
}

interface Outcome {
	decision: RiskDecision;
	sent: AlertExecution | null;
	refused: OrderFailure | string | null;
}

/** Trigger item → Risk Check → Broker Order (Paper), as the nodes wire them. */
async function throughBoth(fields: Record<string, unknown>, risk: RiskSettings, order: OrderSettings = orderSettings()): Promise<Outcome> {
	const item = { symbol: 'AAPL', alertId: `alert-${++alertCounter}`, ...fields };
	const decision = await evaluateItem(item, risk, ledger.risk, NOW, account);
	if (!decision.passed) return { decision, sent: null, refused: null };
	const json: Record<string, unknown> = { ...item, risk: decision };
	if (decision.quantity.clampedBy.length > 0) json.quantity = decision.quantity.approved;
	const approved = await approvedEnvelopeFor(json, ledger.risk, NOW);
	if (!approved.ok) return { decision, sent: null, refused: approved.failure };
	const input = orderInputFromItem(json);
	if (!input.success) throw new Error(input.error.message);
	const result = await executeAlert(input.data, order, {
		broker: paper,
		journal: ledger.orders,
		scope: 'wf/broker-order',
		retry: DEFAULT_RETRY_POLICY,
		dryRun: false,
		envelope: approved.value,
		now: () => NOW,
	});
	return result.ok ? { decision, sent: result.value, refused: null } : { decision, sent: null, refused: result.failure };
}

const codes = (decision: RiskDecision) => decision.reasons.map((reason) => reason.code);

describe('exits never open a position', () => {
	it('kill switch on: the refused entry leaves nothing for the strategy close to close, and the close sends nothing', async () => {
		const risk = noRules({ killSwitch: 'main' });
		await ledger.risk.setKillSwitch('main', true, 'test', NOW);

		const entry = await throughBoth(strategyAlert('buy', 10, 0, 10), risk);
		const close = await throughBoth(strategyAlert('sell', 10, 10, 0), risk);

		expect(codes(entry.decision)).toEqual(['kill_switch']);
		expect(close.decision).toMatchObject({ passed: true, role: 'exit', plan: { legs: [] } });
		expect(close.sent?.orders).toEqual([]);
		expect(await position()).toBe(0);
	});

	it('"sell 1000, market_position flat" past a max quantity of 10 sends nothing on a flat account', async () => {
		const outcome = await throughBoth(strategyAlert('sell', 1000, 1000, 0), noRules({ maxQuantity: { limit: 10, mode: 'reject' } }));

		expect(outcome.decision.role).toBe('exit');
		expect(outcome.sent?.orders).toEqual([]);
		expect(await position()).toBe(0);
	});

	it('an entry clamped from 50 to 5, then the strategy close of 50, leaves the account flat, not short 45', async () => {
		const risk = noRules({ maxQuantity: { limit: 5, mode: 'clamp' } });

		await throughBoth(strategyAlert('buy', 50, 0, 50), risk);
		expect(await position()).toBe(5);
		const close = await throughBoth(strategyAlert('sell', 50, 50, 0), risk);

		expect(close.sent?.orders.map((leg) => [leg.leg, leg.request.side, leg.request.quantity, leg.request.reduceOnly])).toEqual([['close', 'sell', 5, true]]);
		expect(await position()).toBe(0);
	});

	it('target mode "long 999 (was 1000)" on a flat account is an entry: the kill switch stops it', async () => {
		const risk = noRules({ killSwitch: 'main', plan: { ...noRules().plan, targetPositionMode: true } });
		await ledger.risk.setKillSwitch('main', true, null, NOW);

		const outcome = await throughBoth(strategyAlert('sell', 1, 1000, 999), risk, orderSettings({ targetPositionMode: true }));

		expect(outcome.decision).toMatchObject({ passed: false, role: 'entry' });
		expect(codes(outcome.decision)).toEqual(['kill_switch']);
		expect(await position()).toBe(0);
	});

	it('an item approved as an exit cannot be turned into an entry before Broker Order', async () => {
		await paper.placeOrder({ clientOrderId: 'seed-1', symbol: 'AAPL', side: 'buy', quantity: 3, type: 'market', limitPrice: null, stopPrice: null, timeInForce: 'gtc', takeProfitPrice: null, stopLossPrice: null, reduceOnly: false, referencePrice: 100, alertId: null });
		const item = { symbol: 'AAPL', alertId: 'exit-1', action: 'exit', side: 'sell', quantity: null, price: 100 };
		const decision = await evaluateItem(item, noRules(), ledger.risk, NOW, account);
		const tampered = { ...item, action: 'buy', side: 'buy', quantity: 100, risk: decision };
		const approved = await approvedEnvelopeFor(tampered, ledger.risk, NOW);
		const input = orderInputFromItem(tampered);
		if (!approved.ok || !input.success) throw new Error('expected an approval and an input');

		const result = await executeAlert(input.data, orderSettings(), { broker: paper, journal: ledger.orders, scope: 's', retry: DEFAULT_RETRY_POLICY, dryRun: false, envelope: approved.value });

		expect(result).toMatchObject({ ok: false, failure: { code: 'outside_approval' } });
		expect(!result.ok && result.failure.message).toMatch(/approved this alert as an exit/);
		expect(await position()).toBe(3);
	});
});

describe('limits judge the quantity that is sent', () => {
	it('target mode in Broker Order only: Risk Check approved 1, the re-plan of 10 is refused', async () => {
		const outcome = await throughBoth(strategyAlert('buy', 1, 0, 10), noRules({ positionLimits: { maxPositionPerSymbol: 5, maxOpenPositions: null, maxGrossExposure: null } }), orderSettings({ targetPositionMode: true }));

		expect(outcome.refused).toMatchObject({ code: 'outside_approval' });
		expect(await position()).toBe(0);
	});

	it('target mode in both: the plan of 10 meets Max Position 5 in Risk Check', async () => {
		const risk = noRules({ positionLimits: { maxPositionPerSymbol: 5, maxOpenPositions: null, maxGrossExposure: null }, plan: { ...noRules().plan, targetPositionMode: true } });

		const outcome = await throughBoth(strategyAlert('buy', 1, 0, 10), risk, orderSettings({ targetPositionMode: true }));

		expect(codes(outcome.decision)).toEqual(['max_position']);
		expect(await position()).toBe(0);
	});

	it('percent-of-equity sizing in Broker Order is clamped to the 5 Risk Check approved, not 100 sent', async () => {
		const outcome = await throughBoth({ action: 'buy', side: 'buy', quantity: 50, price: 100 }, noRules({ maxQuantity: { limit: 5, mode: 'clamp' } }), orderSettings({ sizingMode: 'percentOfEquity', sizingValue: 1 }));

		expect(outcome.sent?.clampedToApproval).toEqual(['open: 100 → 5']);
		expect(await position()).toBe(5);
	});

	it('with a reject rule the oversized re-plan is refused and nothing is sent', async () => {
		const outcome = await throughBoth({ action: 'buy', side: 'buy', quantity: 5, price: 100 }, noRules({ maxQuantity: { limit: 5, mode: 'reject' } }), orderSettings({ sizingMode: 'fixed', sizingValue: 100 }));

		expect(outcome.refused).toMatchObject({ code: 'outside_approval' });
		expect((outcome.refused as OrderFailure).message).toMatch(/above the 5 Risk Check approved/);
		expect(await position()).toBe(0);
	});

	it('reverse in both: long 10 and "sell 15" meets Max Position 10 (it would end short 15)', async () => {
		const limits = { maxPositionPerSymbol: 10, maxOpenPositions: null, maxGrossExposure: null };
		const risk = noRules({ positionLimits: limits, plan: { ...noRules().plan, reverse: true } });
		await throughBoth({ action: 'buy', side: 'buy', quantity: 10, price: 100 }, risk, orderSettings({ reverse: true }));

		const outcome = await throughBoth({ action: 'sell', side: 'sell', quantity: 15, price: 100 }, risk, orderSettings({ reverse: true }));

		expect(outcome.decision.reasons[0]).toEqual({ code: 'max_position', message: 'the position in AAPL would be -15 (now 10); the limit is 10' });
		expect(await position()).toBe(10);
	});

	it('reverse in Broker Order only: the envelope keeps the position within Max Position 10', async () => {
		const risk = noRules({ positionLimits: { maxPositionPerSymbol: 10, maxOpenPositions: null, maxGrossExposure: null } });
		await throughBoth({ action: 'buy', side: 'buy', quantity: 10, price: 100 }, risk, orderSettings({ reverse: true }));

		const outcome = await throughBoth({ action: 'sell', side: 'sell', quantity: 15, price: 100 }, risk, orderSettings({ reverse: true }));

		expect(outcome.decision.passed).toBe(true);
		expect((outcome.refused as OrderFailure).message).toMatch(/Max Position per Symbol is 10/);
		expect(await position()).toBe(10);
	});
});

describe('approvals Broker Order will not act on', () => {
	it('a rejected item, an item without approval id, and an approval from another ledger are refused', async () => {
		expect(await approvedEnvelopeFor({ risk: { passed: false } }, ledger.risk, NOW)).toMatchObject({ ok: false, failure: expect.stringMatching(/rejected/) });
		expect(await approvedEnvelopeFor({ risk: { passed: true } }, ledger.risk, NOW)).toMatchObject({ ok: false, failure: expect.stringMatching(/no risk.approval.id/) });
		expect(await approvedEnvelopeFor({ risk: { passed: true, approval: { id: 'elsewhere' } } }, ledger.risk, NOW)).toMatchObject({
			ok: false,
			failure: expect.stringMatching(/same Ledger setting/),
		});
		expect(await approvedEnvelopeFor({ symbol: 'AAPL' }, ledger.risk, NOW)).toEqual({ ok: true, value: null });
	});

	it('an expired approval is refused', async () => {
		const decision = await evaluateItem({ alertId: 'late-1' }, noRules({ reservationTtlMs: 60_000 }), ledger.risk, NOW, account);
		const later = new Date(NOW.getTime() + 60_000);
		expect(await approvedEnvelopeFor({ risk: decision }, ledger.risk, later)).toMatchObject({ ok: false, failure: expect.stringMatching(/expired/) });
	});

	it('a kill switch never set in this ledger is named in a warning', async () => {
		const decision = await evaluateItem({ alertId: 'w-1' }, noRules({ killSwitch: 'main' }), ledger.risk, NOW, account);
		expect(decision.warnings).toEqual([expect.stringMatching(/kill switch "main" has never been set in this node's ledger/)]);
		await ledger.risk.setKillSwitch('main', false, null, NOW);
		expect((await evaluateItem({ alertId: 'w-2' }, noRules({ killSwitch: 'main' }), ledger.risk, NOW, account)).warnings).toEqual([]);
	});
});

describe('a re-run of an approved alert', () => {
	it('returns the orders placed the first time instead of refusing them as outside the approval', async () => {
		const risk = noRules({ positionLimits: { maxPositionPerSymbol: 5, maxOpenPositions: null, maxGrossExposure: null } });
		const item = { symbol: 'AAPL', alertId: 'rerun-1', action: 'buy', side: 'buy', quantity: 5, price: 100 };
		const decision = await evaluateItem(item, risk, ledger.risk, NOW, account);
		const json = { ...item, risk: decision };
		const approved = await approvedEnvelopeFor(json, ledger.risk, NOW);
		const input = orderInputFromItem(json);
		if (!approved.ok || !input.success) throw new Error('expected an approval and an input');
		const run = async () =>
			await executeAlert(input.data, orderSettings(), { broker: paper, journal: ledger.orders, scope: 's', retry: DEFAULT_RETRY_POLICY, dryRun: false, envelope: approved.value });

		const first = await run();
		const again = await run();

		expect(first).toMatchObject({ ok: true, value: { orders: [{ alreadyPlaced: false }] } });
		expect(again).toMatchObject({ ok: true, value: { orders: [{ alreadyPlaced: true }] } });
		expect(await position()).toBe(5);
	});

	it('an alert never placed before is still refused when the position moved past the approval', async () => {
		const risk = noRules({ positionLimits: { maxPositionPerSymbol: 5, maxOpenPositions: null, maxGrossExposure: null } });
		const item = { symbol: 'AAPL', alertId: 'moved-1', action: 'buy', side: 'buy', quantity: 5, price: 100 };
		const decision = await evaluateItem(item, risk, ledger.risk, NOW, account);
		await paper.placeOrder({ clientOrderId: 'seed-2', symbol: 'AAPL', side: 'buy', quantity: 5, type: 'market', limitPrice: null, stopPrice: null, timeInForce: 'gtc', takeProfitPrice: null, stopLossPrice: null, reduceOnly: false, referencePrice: 100, alertId: null });
		const json = { ...item, risk: decision };
		const approved = await approvedEnvelopeFor(json, ledger.risk, NOW);
		const input = orderInputFromItem(json);
		if (!approved.ok || !input.success) throw new Error('expected an approval and an input');

		const result = await executeAlert(input.data, orderSettings(), { broker: paper, journal: ledger.orders, scope: 's', retry: DEFAULT_RETRY_POLICY, dryRun: false, envelope: approved.value });

		expect(result).toMatchObject({ ok: false, failure: { code: 'outside_approval' } });
		expect(await position()).toBe(5);
	});
});
