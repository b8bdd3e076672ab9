import type { Ledger } from '../../../core/ledger/ledger';
import { openSqliteLedger } from '../../../core/ledger/open-ledger';
import type { RawRiskParameters } from '../../../core/risk/build-risk-settings';
import { checkAlert, type CheckAlertContext } from '../../../core/risk/check-alert';
import { accountHolding } from './risk-fixtures';

// Risk Check's use case: what the node did in its shell before (item checks, settings, the
// clamped quantity the item must carry, the alert's marks), now reachable without n8n.

let ledger: Ledger;
let marks: string[];

beforeEach(() => {
	ledger = openSqliteLedger(':memory:');
	marks = [];
});
afterEach(async () => {
	await ledger.close();
});

function parameters(overrides: Partial<RawRiskParameters> = {}): RawRiskParameters {
	return { book: 'wf/risk', killSwitch: '', rules: {}, session: null, rateLimits: [], reservationTtlMinutes: 10, ...overrides };
}

function context(overrides: Partial<CheckAlertContext> = {}): CheckAlertContext {
	return {
		risk: ledger.risk,
		parameters: () => parameters(),
		account: () => accountHolding(),
		marks: {
			started: async (alertId) => void marks.push(`started ${String(alertId)}`),
			settled: async (alertId, outcome) => void marks.push(`${outcome} ${String(alertId)}`),
		},
		brokerOrderFollows: () => true,
		...overrides,
	};
}

const alert = (overrides: Record<string, unknown> = {}) => ({ alertId: 'a1', symbol: 'AAPL', action: 'buy', side: 'buy', quantity: 10, price: 100, ...overrides });

describe('checkAlert', () => {
	it('an item that is not an alert is refused with what to do, after the start mark', async () => {
		const result = await checkAlert({ alertId: 'a1', symbol: 'AAPL', quantity: 'ten' }, context());

		expect(result).toEqual({
			ok: false,
			failure: {
				code: 'invalid_input',
				field: 'item',
				message: 'The item is not an alert Risk Check can read: action: Required; quantity: Expected number, received string',
				hint: "Risk Check reads the TradingView Trigger's fields (symbol, action, quantity, price, alertId). Shape other items with an Edit Fields node.",
			},
		});
		expect(marks).toEqual(['started a1']);
	});

	it('settings that do not work name the parameter, and no rule is read before the item is known to be an alert', async () => {
		const read: string[] = [];
		const broken = context({
			parameters: () => {
				read.push('parameters');
				return parameters({ plan: { sizingMode: 'fixed', sizingValue: 0 } });
			},
		});

		expect(await checkAlert({ symbol: '' }, broken)).toMatchObject({ ok: false, failure: { field: 'item' } });
		expect(read).toEqual([]);
		expect(await checkAlert(alert(), broken)).toEqual({
			ok: false,
			failure: { code: 'invalid_input', field: 'parameters', message: 'Risk Check is misconfigured: Order Plan › Sizing Value: must be greater than 0 for this sizing', hint: undefined },
		});
	});

	it('a clamp reaches the quantity the item carries, in the alert\'s units for a multiplied sizing', async () => {
		const clamp = { rules: { maxQuantity: 5, maxQuantityMode: 'clamp' } };
		const plain = await checkAlert(alert(), context({ parameters: () => parameters(clamp) }));
		const halved = await checkAlert(
			alert({ alertId: 'a2', quantity: 20 }),
			context({ parameters: () => parameters({ ...clamp, plan: { sizingMode: 'alertMultiple', sizingValue: 0.5 } }) }),
		);

		const unclamped = await checkAlert(alert({ alertId: 'a3', quantity: 4 }), context({ parameters: () => parameters(clamp) }));

		expect(plain.ok && [plain.value.decision.passed, plain.value.clampedQuantity]).toEqual([true, 5]);
		expect(unclamped.ok && [unclamped.value.decision.passed, 'clampedQuantity' in unclamped.value]).toEqual([true, false]);
		// 20 × 0.5 = 10 ordered, clamped to 5: the item says 10, which Broker Order's × 0.5 makes 5.
		expect(halved.ok && [halved.value.decision.passed, halved.value.clampedQuantity]).toEqual([true, 10]);
	});

	it('rejects with the reasons and settles the alert as rejected', async () => {
		const result = await checkAlert(alert(), context({ parameters: () => parameters({ rules: { symbolBlocklist: 'AAPL' } }) }));

		expect(result.ok && result.value.decision).toMatchObject({ passed: false, reasons: [{ code: 'symbol_blocked' }] });
		expect(marks).toEqual(['started a1', 'rejected a1']);
	});

	it('a passed alert is settled here only when no Broker Order follows', async () => {
		await checkAlert(alert(), context());
		await checkAlert(alert({ alertId: 'a2' }), context({ brokerOrderFollows: () => false }));

		expect(marks).toEqual(['started a1', 'started a2', 'passed a2']);
	});
});
