import { e2eEnvironment } from './harness/e2e-environment';
import { ledgerQueryOn } from './harness/ledger-query';
import { N8nInstance } from './harness/n8n-instance';
import { waitForExecutions } from './harness/n8n-executions';
import { sendAlert } from './harness/send-alert';
import { alertBodies } from './fixtures/alert-bodies';
import { DAILY_LIMIT_WORKFLOW, KILL_SWITCH, KILL_SWITCH_COMMAND, KILL_SWITCH_FLOW, POSITION_LIMIT_FLOW } from './fixtures/risk-workflows';
import { CREDENTIAL, webhookPath, webhookUrl } from './fixtures/trigger-workflows';

jest.setTimeout(300_000);

const n8n = new N8nInstance(e2eEnvironment(), 'risk');
const alert = alertBodies('risk', { symbol: 'AAPL', qty: 1, price: 100 });
const ledgerQuery = ledgerQueryOn(n8n);

const paperOrders = (account: string) => ledgerQuery('SELECT * FROM paper_order WHERE account = ?', account);

async function flipKillSwitch(state: 'on' | 'off', reason = ''): Promise<Record<string, unknown>> {
	const response = await fetch(`${n8n.baseUrl}/webhook/e2e-kill-switch`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ state, reason }),
	});
	expect(response.status).toBe(200);
	return (await response.json()) as Record<string, unknown>;
}

beforeAll(async () => {
	await n8n.installPackage();
	await n8n.importCredentials([CREDENTIAL]);
	await n8n.importAndPublish([DAILY_LIMIT_WORKFLOW, KILL_SWITCH_FLOW, KILL_SWITCH_COMMAND, POSITION_LIMIT_FLOW]);
	await n8n.start();
	await n8n.waitForWebhook(webhookPath(DAILY_LIMIT_WORKFLOW));
	await n8n.waitForWebhook(webhookPath(KILL_SWITCH_FLOW));
	await n8n.waitForWebhook('e2e-kill-switch');
	await n8n.waitForWebhook(webhookPath(POSITION_LIMIT_FLOW));
});

afterAll(async () => {
	await n8n.stop();
});

describe('TradingView Trigger → Risk Check → Broker Order (Paper) in a real n8n', () => {
	it('a burst of 50 alerts against "max 5 per day" places exactly 5 paper orders and routes 45 to Reject', async () => {
		const url = webhookUrl(n8n.baseUrl, DAILY_LIMIT_WORKFLOW);
		const answers = await Promise.all(Array.from({ length: 50 }, (_, index) => sendAlert(url, alert({ symbol: `SYM${index % 7}` }))));
		expect(answers.map((answer) => answer.body.status)).toEqual(Array(50).fill('accepted'));

		const executions = await waitForExecutions(n8n.n8nDatabase, DAILY_LIMIT_WORKFLOW.id, 50, 240_000);
		expect(executions.filter((execution) => execution.status !== 'success')).toEqual([]);
		const ordered = executions.filter((execution) => execution.outputs.Ordered);
		const rejected = executions.filter((execution) => execution.outputs['Rejected by risk']);
		expect(ordered).toHaveLength(5);
		expect(rejected).toHaveLength(45);
		for (const execution of rejected) {
			expect(execution.outputs['Rejected by risk'][0][0].risk).toMatchObject({
				passed: false,
				reasons: [{ code: 'max_orders_per_day', message: '5 orders today (UTC); the limit is 5 per day' }],
			});
		}
		for (const execution of ordered) {
			expect(execution.outputs.Ordered[0][0]).toMatchObject({
				broker: 'paper',
				status: 'filled',
				filledQuantity: 1,
				riskReservation: { id: expect.any(String), status: 'confirmed' },
			});
		}
		expect(paperOrders(DAILY_LIMIT_WORKFLOW.id)).toHaveLength(5);
		const reservations = ledgerQuery('SELECT status FROM risk_reservation WHERE book = ?', `${DAILY_LIMIT_WORKFLOW.id}/${DAILY_LIMIT_WORKFLOW.id}-risk`);
		expect(reservations.map((row) => row.status)).toEqual(Array(5).fill('confirmed'));
	});

	it('the kill switch stops every entry until it is turned off; exits still pass', async () => {
		const url = webhookUrl(n8n.baseUrl, KILL_SWITCH_FLOW);
		const on = await flipKillSwitch('on', 'e2e says stop');
		expect(on).toMatchObject({ killSwitch: { name: KILL_SWITCH, on: true, reason: 'e2e says stop' } });

		await sendAlert(url, alert({ qty: 2 }));
		await sendAlert(url, alert({ qty: 1, symbol: 'MSFT' }));
		let executions = await waitForExecutions(n8n.n8nDatabase, KILL_SWITCH_FLOW.id, 2);
		for (const execution of executions) {
			expect(execution.outputs.Ordered).toBeUndefined();
			expect(execution.outputs['Rejected by risk'][0][0].risk).toMatchObject({
				reasons: [{ code: 'kill_switch', message: `kill switch "${KILL_SWITCH}" is on: e2e says stop` }],
			});
		}
		expect(paperOrders(KILL_SWITCH_FLOW.id)).toHaveLength(0);

		// An exit is never stopped (nothing to close here: Broker Order says so and places nothing).
		await sendAlert(url, alert({ action: 'exit' }));
		executions = await waitForExecutions(n8n.n8nDatabase, KILL_SWITCH_FLOW.id, 3);
		expect(executions[2].outputs['Risk Check'][0][0].risk).toMatchObject({ passed: true, role: 'exit' });

		expect(await flipKillSwitch('off')).toMatchObject({ killSwitch: { name: KILL_SWITCH, on: false } });
		await sendAlert(url, alert({ qty: 5 }));
		executions = await waitForExecutions(n8n.n8nDatabase, KILL_SWITCH_FLOW.id, 4);
		const last = executions[3];
		expect(last.outputs['Risk Check'][0][0]).toMatchObject({ quantity: 3, risk: { passed: true, quantity: { requested: 5, approved: 3, clampedBy: ['max_quantity'] } } });
		expect(last.outputs.Ordered[0][0]).toMatchObject({ status: 'filled', filledQuantity: 3 });
		expect(paperOrders(KILL_SWITCH_FLOW.id)).toHaveLength(1);
	});

	it('position and daily loss limits read the Paper account that Broker Order trades', async () => {
		const url = webhookUrl(n8n.baseUrl, POSITION_LIMIT_FLOW);
		const reasonsOf = async (count: number) => {
			const executions = await waitForExecutions(n8n.n8nDatabase, POSITION_LIMIT_FLOW.id, count);
			const last = executions[count - 1];
			return (last.outputs['Rejected by risk']?.[0][0].risk as { reasons: Array<{ code: string }> } | undefined)?.reasons.map((reason) => reason.code) ?? [];
		};
		await sendAlert(url, alert({ symbol: 'XYZ', qty: 2, price: 10 }));
		expect(await reasonsOf(1)).toEqual([]);
		await sendAlert(url, alert({ symbol: 'XYZ', qty: 1, price: 10 }));
		expect(await reasonsOf(2)).toEqual(['max_position']);
		// Closing at 7 loses 6 (2 × 3): above the daily loss limit of 5, so the next entry is refused.
		// An exit without a quantity closes the whole position (with one, it closes that much).
		await sendAlert(url, alert({ symbol: 'XYZ', action: 'exit', qty: undefined, price: 7 }));
		expect(await reasonsOf(3)).toEqual([]);
		await sendAlert(url, alert({ symbol: 'ABC', qty: 1, price: 10 }));
		expect(await reasonsOf(4)).toEqual(['daily_loss_limit']);
		expect(paperOrders(POSITION_LIMIT_FLOW.id).map((order) => `${order.side} ${order.quantity} ${order.symbol}`)).toEqual(['buy 2 XYZ', 'sell 2 XYZ']);
	});
});
