import { e2eEnvironment } from './harness/e2e-environment';
import { ledgerQueryOn } from './harness/ledger-query';
import { N8nInstance } from './harness/n8n-instance';
import { readExecutions, type ExecutionRecord } from './harness/n8n-executions';
import { sendAlert } from './harness/send-alert';
import { until } from './fixtures/approval-until';
import {
	alertPath,
	CLAMP,
	KILL_COMMAND_PATH,
	KILL_EXIT,
	MAX_QUANTITY,
	MONEY_SAFETY_WORKFLOW,
	nextAlertId,
	nodesOf,
	plainAlert,
	REVERSE,
	type Scenario,
	SCENARIOS,
	SIZING_CLAMP,
	SIZING_REJECT,
	strategyAlert,
	TARGET,
	TARGET_KILL,
} from './fixtures/money-safety-workflows';
import { CREDENTIAL } from './fixtures/trigger-workflows';

// The money-safety promises of Risk Check → Broker Order, end to end in a real n8n: whatever the
// alert says, no order leaves the Paper broker that Risk Check did not approve, an exit never
// opens or flips a position, and the kill switch and the size and position limits hold. Each
// scenario has its own branch (trigger, Risk Check, Broker Order), paper account and kill switch
// in one workflow; every check reads the paper position back from the ledger.

jest.setTimeout(120_000);

const n8n = new N8nInstance(e2eEnvironment(), 'money-safety');
const ledgerQuery = ledgerQueryOn(n8n);

/** The signed paper position of the scenario's account in `symbol`, from the ledger (0 when none). */
function positionOf(scenario: Scenario, symbol = 'AAPL'): number {
	const [row] = ledgerQuery('SELECT COALESCE(SUM(quantity), 0) AS quantity FROM paper_position WHERE account = ? AND symbol = ?', scenario.account, symbol);
	return Number(row.quantity);
}

/** Every paper order of the scenario's account, oldest first, as "side quantity symbol [reduce-only] status". */
function paperOrdersOf(scenario: Scenario): string[] {
	return ledgerQuery('SELECT side, quantity, symbol, reduce_only, status FROM paper_order WHERE account = ? ORDER BY created_at, rowid', scenario.account).map(
		(order) => `${String(order.side)} ${Number(order.quantity)} ${String(order.symbol)}${Number(order.reduce_only) === 1 ? ' reduce-only' : ''} ${String(order.status)}`,
	);
}

async function send(scenario: Scenario, body: string): Promise<void> {
	const answer = await sendAlert(`${n8n.baseUrl}/webhook/${alertPath(scenario)}`, body);
	expect(answer).toMatchObject({ status: 200, body: { status: 'accepted' } });
}

const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

/** The finished execution the alert `alertId` started in the scenario's branch. */
async function executionOf(scenario: Scenario, alertId: string): Promise<ExecutionRecord> {
	const trigger = nodesOf(scenario).trigger;
	return await until(
		() =>
			readExecutions(n8n.n8nDatabase, MONEY_SAFETY_WORKFLOW.id).find(
				(execution) => FINISHED.has(execution.status) && execution.outputs[trigger]?.[0]?.[0]?.alertId === alertId,
			),
		`the finished execution of alert ${alertId}`,
	);
}

/** Sends an alert and answers with its finished execution. */
async function run(scenario: Scenario, alertId: string, body: string): Promise<Outcome> {
	await send(scenario, body);
	const execution = await executionOf(scenario, alertId);
	const names = nodesOf(scenario);
	return {
		status: execution.status,
		passed: execution.outputs[names.risk]?.[0]?.[0],
		rejected: execution.outputs[names.rejected]?.[0]?.[0],
		broker: execution.outputs[names.order]?.[0]?.[0],
	};
}

type Json = Record<string, unknown>;

/** What became of one alert: the execution's status, and the item on Risk Check's Pass output, on Reject, out of Broker Order. */
interface Outcome {
	status: string;
	passed: Json | undefined;
	rejected: Json | undefined;
	broker: Json | undefined;
}

const reasonCodes = (item: Json | undefined): string[] => ((item?.risk as { reasons?: Array<{ code: string }> } | undefined)?.reasons ?? []).map((reason) => reason.code);

async function setKillSwitch(name: string, state: 'on' | 'off', reason = ''): Promise<void> {
	const response = await fetch(`${n8n.baseUrl}/webhook/${KILL_COMMAND_PATH}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ name, state, reason }),
	});
	expect(response.status).toBe(200);
	expect(await response.json()).toMatchObject({ killSwitch: { name, on: state === 'on' } });
}

beforeAll(async () => {
	await n8n.installPackage();
	await n8n.importCredentials([CREDENTIAL]);
	await n8n.importAndPublish([MONEY_SAFETY_WORKFLOW]);
	await n8n.start();
	await n8n.waitForWebhook(KILL_COMMAND_PATH);
	for (const scenario of SCENARIOS) await n8n.waitForWebhook(alertPath(scenario));
}, 600_000);

afterAll(async () => {
	await n8n.stop();
});

describe('money safety: Risk Check plans and approves, Broker Order sends nothing outside the approval (real n8n, Paper)', () => {
	it('1. kill switch on: the strategy entry is refused; its close passes as an exit and sends nothing (never short)', async () => {
		const scenario = KILL_EXIT;
		await setKillSwitch(scenario.killSwitch, 'on', 'money safety e2e');

		const entryId = nextAlertId('kill-entry');
		const entry = await run(scenario, entryId, strategyAlert(entryId, { action: 'buy', contracts: 10 }, ['long', 10], ['flat', 0]));
		expect(entry.broker).toBeUndefined();
		expect(entry.rejected?.risk).toMatchObject({ passed: false, role: 'entry' });
		expect(reasonCodes(entry.rejected)).toEqual(['kill_switch']);
		expect(positionOf(scenario)).toBe(0);

		// The strategy's close of that (never opened) long: "sell 10, now flat, was long 10".
		const closeId = nextAlertId('kill-close');
		const close = await run(scenario, closeId, strategyAlert(closeId, { action: 'sell', contracts: 10 }, ['flat', 0], ['long', 10]));
		expect(close.status).toBe('success');
		expect(close.rejected).toBeUndefined();
		expect(close.passed?.risk).toMatchObject({ passed: true, role: 'exit', plan: { legs: [] } });
		expect(close.broker).toMatchObject({ role: 'exit', orderId: null, filledQuantity: null, orders: [] });
		expect(positionOf(scenario)).toBe(0);
		expect(paperOrdersOf(scenario)).toEqual([]);
	});

	it('2. Max Quantity 10 (reject): "sell 1000, now flat" on a flat account sends nothing', async () => {
		const scenario = MAX_QUANTITY;
		const alertId = nextAlertId('max-quantity');
		const outcome = await run(scenario, alertId, strategyAlert(alertId, { action: 'sell', contracts: 1000 }, ['flat', 0], ['long', 1000]));
		expect(outcome.status).toBe('success');
		// Nothing to close: either refused, or passed as an exit without legs, which Broker Order turns into no order.
		if (outcome.broker !== undefined) {
			expect(outcome.passed?.risk).toMatchObject({ passed: true, role: 'exit', plan: { legs: [] } });
			expect(outcome.broker).toMatchObject({ orderId: null, filledQuantity: null, orders: [] });
		} else {
			expect(outcome.rejected?.risk).toMatchObject({ passed: false });
		}
		expect(positionOf(scenario)).toBe(0);
		expect(paperOrdersOf(scenario)).toEqual([]);
	});

	it('3. Max Quantity 5 (clamp), as examples/paper-trading.json: the strategy entry of 50 opens 5; its close of 50 closes 5 (never short 45)', async () => {
		const scenario = CLAMP;
		const entryId = nextAlertId('clamp-entry');
		const entry = await run(scenario, entryId, strategyAlert(entryId, { action: 'buy', contracts: 50 }, ['long', 50], ['flat', 0]));
		expect(entry.passed).toMatchObject({ quantity: 5, risk: { passed: true, role: 'entry', quantity: { requested: 50, approved: 5, clampedBy: ['max_quantity'] } } });
		expect(entry.broker).toMatchObject({ status: 'filled', filledQuantity: 5 });
		expect(positionOf(scenario)).toBe(5);

		const closeId = nextAlertId('clamp-close');
		const close = await run(scenario, closeId, strategyAlert(closeId, { action: 'sell', contracts: 50 }, ['flat', 0], ['long', 50]));
		expect(close.passed?.risk).toMatchObject({ passed: true, role: 'exit' });
		expect(close.broker).toMatchObject({ role: 'exit', status: 'filled', filledQuantity: 5 });
		expect(positionOf(scenario)).toBe(0);
		expect(paperOrdersOf(scenario)).toEqual(['buy 5 AAPL filled', 'sell 5 AAPL reduce-only filled']);
	});

	it('4. target-position mode in both nodes, Max Position per Symbol 5: "long 10 (was flat)" never takes the position above 5', async () => {
		const scenario = TARGET;
		const alertId = nextAlertId('target-long');
		const outcome = await run(scenario, alertId, strategyAlert(alertId, { action: 'buy', contracts: 10 }, ['long', 10], ['flat', 0]));
		expect(outcome.status).toBe('success');
		if (outcome.rejected !== undefined) expect(reasonCodes(outcome.rejected)).toContain('max_position');
		expect(positionOf(scenario)).toBeGreaterThanOrEqual(0);
		expect(positionOf(scenario)).toBeLessThanOrEqual(5);
		for (const order of paperOrdersOf(scenario)) expect(Number(order.split(' ')[1])).toBeLessThanOrEqual(5);
	});

	it('4. target-position mode: "long 999 (was 1000)" on a flat account is an entry of 999, refused while the kill switch is on', async () => {
		// Without the position rule: only the kill switch can stop it.
		await setKillSwitch(TARGET_KILL.killSwitch, 'on', 'money safety e2e');
		const alertId = nextAlertId('target-kill');
		const outcome = await run(TARGET_KILL, alertId, strategyAlert(alertId, { action: 'sell', contracts: 1 }, ['long', 999], ['long', 1000]));
		expect(outcome.broker).toBeUndefined();
		expect(outcome.rejected?.risk).toMatchObject({ passed: false, role: 'entry' });
		expect(reasonCodes(outcome.rejected)).toEqual(['kill_switch']);
		expect(positionOf(TARGET_KILL)).toBe(0);
		expect(paperOrdersOf(TARGET_KILL)).toEqual([]);

		// With Max Position per Symbol 5 as well: refused as an entry all the same, the position unchanged.
		await setKillSwitch(TARGET.killSwitch, 'on', 'money safety e2e');
		const before = positionOf(TARGET);
		const limitedId = nextAlertId('target-kill-limited');
		const limited = await run(TARGET, limitedId, strategyAlert(limitedId, { action: 'sell', contracts: 1 }, ['long', 999], ['long', 1000]));
		expect(limited.broker).toBeUndefined();
		expect(limited.rejected?.risk).toMatchObject({ passed: false, role: 'entry' });
		expect(reasonCodes(limited.rejected)).not.toEqual([]);
		expect(positionOf(TARGET)).toBe(before);
	});

	it('5. Broker Order sizes 100 where Risk Check approved the alert quantity 1 (Max Quantity 5, clamp): clamped, never 100', async () => {
		const scenario = SIZING_CLAMP;
		const alertId = nextAlertId('sizing-clamp');
		const outcome = await run(scenario, alertId, plainAlert(alertId, { action: 'buy', qty: 1 }));
		expect(outcome.passed?.risk).toMatchObject({ passed: true, role: 'entry', quantity: { requested: 1, approved: 1 } });
		expect(outcome.broker).toMatchObject({ status: 'filled', clampedToApproval: [expect.stringContaining('100')] });
		expect(Number(outcome.broker?.filledQuantity)).toBeLessThanOrEqual(5);
		expect(positionOf(scenario)).toBeGreaterThan(0);
		expect(positionOf(scenario)).toBeLessThanOrEqual(5);
		for (const order of paperOrdersOf(scenario)) expect(Number(order.split(' ')[1])).toBeLessThanOrEqual(5);
	});

	it('5. the same with Max Quantity in reject mode: Broker Order refuses with an error item and sends nothing', async () => {
		const scenario = SIZING_REJECT;
		const alertId = nextAlertId('sizing-reject');
		const outcome = await run(scenario, alertId, plainAlert(alertId, { action: 'buy', qty: 1 }));
		expect(outcome.status).toBe('success');
		expect(outcome.passed?.risk).toMatchObject({ passed: true, role: 'entry' });
		expect(outcome.broker).toMatchObject({ error: expect.any(String) });
		expect(`${String(outcome.broker?.error)} ${String(outcome.broker?.details)}`).toMatch(/outside_approval|Risk Check approved/);
		expect(positionOf(scenario)).toBe(0);
		expect(paperOrdersOf(scenario)).toEqual([]);
	});

	it('6. Reverse on in both nodes, Max Position per Symbol 10: long 10, then "sell 15" is refused (never short 15)', async () => {
		const scenario = REVERSE;
		const longId = nextAlertId('reverse-long');
		const long = await run(scenario, longId, plainAlert(longId, { action: 'buy', qty: 10 }));
		expect(long.broker).toMatchObject({ status: 'filled', filledQuantity: 10 });
		expect(positionOf(scenario)).toBe(10);

		const sellId = nextAlertId('reverse-sell');
		const sell = await run(scenario, sellId, plainAlert(sellId, { action: 'sell', qty: 15 }));
		expect(sell.broker).toBeUndefined();
		expect(sell.rejected?.risk).toMatchObject({ passed: false, role: 'entry' });
		expect(reasonCodes(sell.rejected)).toContain('max_position');
		expect(positionOf(scenario)).toBe(10);
		expect(paperOrdersOf(scenario)).toEqual(['buy 10 AAPL filled']);
	});
});
