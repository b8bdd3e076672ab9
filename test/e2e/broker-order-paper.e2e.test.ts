import { e2eEnvironment } from './harness/e2e-environment';
import { ledgerQueryOn } from './harness/ledger-query';
import { N8nInstance } from './harness/n8n-instance';
import { readExecutions, waitForExecutions } from './harness/n8n-executions';
import { sendAlert } from './harness/send-alert';
import { alertBodies } from './fixtures/alert-bodies';
import { PAPER_CONTINUE_WORKFLOW, PAPER_NO_DEDUPE_WORKFLOW, PAPER_WORKFLOW } from './fixtures/broker-workflows';
import { CREDENTIAL, TOKEN, webhookPath, webhookUrl } from './fixtures/trigger-workflows';

jest.setTimeout(180_000);

const n8n = new N8nInstance(e2eEnvironment(), 'paper');
const alert = alertBodies('paper', { symbol: 'AAPL', qty: 10, price: 100 });
const ledgerQuery = ledgerQueryOn(n8n);

const paperOrders = (account: string) => ledgerQuery('SELECT * FROM paper_order WHERE account = ? ORDER BY created_at', account);

beforeAll(async () => {
	await n8n.installPackage();
	await n8n.importCredentials([CREDENTIAL]);
	await n8n.importAndPublish([PAPER_WORKFLOW, PAPER_NO_DEDUPE_WORKFLOW, PAPER_CONTINUE_WORKFLOW]);
	await n8n.start();
	await n8n.waitForWebhook(webhookPath(PAPER_WORKFLOW));
	await n8n.waitForWebhook(webhookPath(PAPER_NO_DEDUPE_WORKFLOW));
	await n8n.waitForWebhook(webhookPath(PAPER_CONTINUE_WORKFLOW));
});

afterAll(async () => {
	await n8n.stop();
});

describe('TradingView Trigger → Broker Order (Paper) in a real n8n', () => {
	const url = () => webhookUrl(n8n.baseUrl, PAPER_WORKFLOW);

	it('fills one paper order per alert with the default parameters, and none for a resend', async () => {
		const body = alert({ action: 'buy', qty: 10, price: 100 });
		expect((await sendAlert(url(), body)).body.status).toBe('accepted');
		expect((await sendAlert(url(), body)).body.status).toBe('duplicate');
		const [execution] = await waitForExecutions(n8n.n8nDatabase, PAPER_WORKFLOW.id, 1);
		expect(execution.status).toBe('success');
		expect(execution.outputs['Broker Order'][0][0]).toMatchObject({
			broker: 'paper',
			action: 'buy',
			symbol: 'AAPL',
			status: 'filled',
			filledQuantity: 10,
			averagePrice: 100,
			alreadyPlaced: false,
			clientOrderId: expect.stringMatching(/^tv-[0-9a-f]{28}$/),
		});
		expect(JSON.stringify(execution.outputs)).not.toContain(TOKEN);
		const orders = paperOrders(PAPER_WORKFLOW.id);
		expect(orders).toHaveLength(1);
		expect(orders[0]).toMatchObject({ symbol: 'AAPL', side: 'buy', quantity: 10, status: 'filled', average_fill_price: 100 });
	});

	it('closes the position on an exit alert and books the realised P&L', async () => {
		expect((await sendAlert(url(), alert({ action: 'exit', price: 110 }))).body.status).toBe('accepted');
		await waitForExecutions(n8n.n8nDatabase, PAPER_WORKFLOW.id, 2);
		const positions = ledgerQuery('SELECT * FROM paper_position WHERE account = ?', PAPER_WORKFLOW.id);
		expect(positions).toHaveLength(0);
		const [account] = ledgerQuery('SELECT * FROM paper_account WHERE account = ?', PAPER_WORKFLOW.id);
		expect(account).toMatchObject({ cash: 100100, realised_pnl: 100 });
	});

	it('places exactly one order for 10 concurrent distinct alerts each', async () => {
		const bodies = Array.from({ length: 10 }, (_, index) => alert({ symbol: `SYM${index}`, qty: 1, price: 50 }));
		const answers = await Promise.all(bodies.map(async (body) => await sendAlert(url(), body)));
		expect(answers.map((answer) => answer.body.status)).toEqual(Array(10).fill('accepted'));
		const executions = await waitForExecutions(n8n.n8nDatabase, PAPER_WORKFLOW.id, 12);
		expect(executions.filter((execution) => execution.status === 'success')).toHaveLength(12);
		const orders = paperOrders(PAPER_WORKFLOW.id).filter((order) => String(order.symbol).startsWith('SYM'));
		expect(orders.map((order) => order.symbol).sort()).toEqual(Array.from({ length: 10 }, (_, index) => `SYM${index}`).sort());
	});

	it('never orders twice when the same alert reaches Broker Order again', async () => {
		const noDedupeUrl = webhookUrl(n8n.baseUrl, PAPER_NO_DEDUPE_WORKFLOW);
		const body = alert({ action: 'buy', qty: 3, price: 20 });
		expect((await sendAlert(noDedupeUrl, body)).body.status).toBe('accepted');
		await waitForExecutions(n8n.n8nDatabase, PAPER_NO_DEDUPE_WORKFLOW.id, 1);
		expect((await sendAlert(noDedupeUrl, body)).body.status).toBe('accepted');
		const executions = await waitForExecutions(n8n.n8nDatabase, PAPER_NO_DEDUPE_WORKFLOW.id, 2);
		const outputs = executions.map((execution) => execution.outputs['Broker Order'][0][0]);
		expect(outputs.map((output) => output.alreadyPlaced)).toEqual([false, true]);
		expect(outputs[0].clientOrderId).toBe(outputs[1].clientOrderId);
		expect(paperOrders(PAPER_NO_DEDUPE_WORKFLOW.id)).toHaveLength(1);
		const events = ledgerQuery('SELECT kind FROM order_event WHERE client_order_id = ? ORDER BY id', String(outputs[0].clientOrderId));
		expect(events.map((event) => event.kind)).toEqual(['attempt', 'placed', 'attempt', 'duplicate_resolved']);
	});

	it('fails the item with the reason when the alert cannot become an order', async () => {
		const before = readExecutions(n8n.n8nDatabase, PAPER_WORKFLOW.id).length;
		expect((await sendAlert(url(), alert({ action: 'buy', qty: undefined, price: 10 }))).body.status).toBe('accepted');
		const executions = await waitForExecutions(n8n.n8nDatabase, PAPER_WORKFLOW.id, before + 1);
		const last = executions[executions.length - 1];
		expect(last.status).toBe('error');
		expect(last.errors['Broker Order']).toContain('quantity');
	});

	it('with Continue On Fail, puts the reason on the item and lets the flow go on', async () => {
		const continueUrl = webhookUrl(n8n.baseUrl, PAPER_CONTINUE_WORKFLOW);
		expect((await sendAlert(continueUrl, alert({ action: 'buy', qty: undefined, price: 10 }))).body.status).toBe('accepted');
		const [execution] = await waitForExecutions(n8n.n8nDatabase, PAPER_CONTINUE_WORKFLOW.id, 1);
		expect(execution.status).toBe('success');
		const [item] = execution.outputs.Ordered[0];
		expect(String(item.error)).toContain('quantity');
		expect(paperOrders(PAPER_CONTINUE_WORKFLOW.id)).toHaveLength(0);
	});
});
