import { e2eEnvironment } from './harness/e2e-environment';
import { exampleWebhookPath, exampleWebhookUrl, loadExample } from './harness/example-workflow';
import { ledgerQueryOn } from './harness/ledger-query';
import { N8nInstance } from './harness/n8n-instance';
import { waitForExecutions } from './harness/n8n-executions';
import { sendAlert } from './harness/send-alert';
import { CREDENTIAL, TOKEN } from './fixtures/trigger-workflows';

// The "Paper trading" example (the demo's flow) and the "Kill switch by message" example, as a
// user imports them: only credentials attached.

jest.setTimeout(240_000);

const n8n = new N8nInstance(e2eEnvironment(), 'examples-paper');
const tradingView = { tradingViewWebhookApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } };
const COMMAND_SECRET = 'e2e-kill-switch-secret-not-real';
const headerCredential = {
	id: 'tvE2eHeaderAuth1',
	name: 'Kill switch command token',
	type: 'httpHeaderAuth',
	data: { name: 'X-Kill-Switch-Token', value: COMMAND_SECRET },
};
const paper = loadExample('paper-trading.json', { id: 'tvE2eExamplePapr', credentials: { 'TradingView Trigger': tradingView } });
const killSwitch = loadExample('kill-switch-by-webhook.json', {
	id: 'tvE2eExampleKill',
	credentials: { 'Kill Switch Command': { httpHeaderAuth: { id: headerCredential.id, name: headerCredential.name } } },
});
let sequence = 0;

function alert(extra: Record<string, unknown> = {}): string {
	sequence += 1;
	return JSON.stringify({ token: TOKEN, id: `example-${Date.now()}-${sequence}`, action: 'buy', symbol: 'NASDAQ:AAPL', qty: 10, price: 189.5, ...extra });
}

const ledgerQuery = ledgerQueryOn(n8n);
const paperOrders = () => ledgerQuery("SELECT symbol, side, quantity, status FROM paper_order WHERE account = 'demo' ORDER BY created_at");

async function command(body: Record<string, unknown>, secret: string | null): Promise<{ status: number; body: Record<string, unknown> }> {
	const response = await fetch(`${n8n.baseUrl}/webhook/trading-kill-switch`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...(secret === null ? {} : { 'x-kill-switch-token': secret }) },
		body: JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : { text } };
}

beforeAll(async () => {
	await n8n.installPackage();
	await n8n.importCredentials([CREDENTIAL, headerCredential]);
	await n8n.importAndPublish([paper, killSwitch]);
	await n8n.start();
	await n8n.waitForWebhook(exampleWebhookPath(paper, 'TradingView Trigger'));
	await n8n.waitForWebhook('trading-kill-switch');
});

afterAll(async () => {
	await n8n.stop();
});

describe('the Paper trading example', () => {
	it('takes an alert through Risk Check to a paper fill', async () => {
		const answer = await sendAlert(exampleWebhookUrl(n8n.baseUrl, paper, 'TradingView Trigger'), alert());
		expect(answer.body.status).toBe('accepted');
		const [execution] = await waitForExecutions(n8n.n8nDatabase, paper.id, 1);
		expect(execution.outputs['Risk Check'][0][0].risk).toMatchObject({ passed: true, role: 'entry' });
		expect(execution.outputs['Broker Order'][0][0]).toMatchObject({ broker: 'paper', symbol: 'AAPL', status: 'filled', filledQuantity: 10 });
		expect(paperOrders()).toEqual([{ symbol: 'AAPL', side: 'buy', quantity: 10, status: 'filled' }]);
	});

	it('routes an order above its notional limit to "Rejected by Risk Check"', async () => {
		await sendAlert(exampleWebhookUrl(n8n.baseUrl, paper, 'TradingView Trigger'), alert({ symbol: 'NASDAQ:MSFT', qty: 100, price: 400 }));
		const executions = await waitForExecutions(n8n.n8nDatabase, paper.id, 2);
		expect(executions[1].outputs['Rejected by Risk Check'][0][0].risk).toMatchObject({
			passed: false,
			reasons: [{ code: 'max_notional', message: 'notional 40000 (100 × 400) is above the limit of 25000 per order' }],
		});
		expect(paperOrders()).toHaveLength(1);
	});
});

describe('the Kill switch by message example', () => {
	it('refuses a command without the header token', async () => {
		expect((await command({ command: 'stop' }, null)).status).toBe(403);
		expect((await command({ command: 'stop' }, 'wrong')).status).toBe(403);
	});

	it('"stop" halts the Paper trading example\'s entries, "start" resumes them', async () => {
		const stopped = await command({ command: 'stop', reason: 'news at 14:00' }, COMMAND_SECRET);
		expect(stopped).toMatchObject({ status: 200, body: { killSwitch: { name: 'main', on: true, reason: 'news at 14:00' } } });

		await sendAlert(exampleWebhookUrl(n8n.baseUrl, paper, 'TradingView Trigger'), alert({ symbol: 'NASDAQ:NVDA', qty: 1, price: 100 }));
		let executions = await waitForExecutions(n8n.n8nDatabase, paper.id, 3);
		expect(executions[2].outputs['Rejected by Risk Check'][0][0].risk).toMatchObject({
			reasons: [{ code: 'kill_switch', message: 'kill switch "main" is on: news at 14:00' }],
		});

		const started = await command({ command: 'start' }, COMMAND_SECRET);
		expect(started).toMatchObject({ status: 200, body: { killSwitch: { name: 'main', on: false } } });
		await sendAlert(exampleWebhookUrl(n8n.baseUrl, paper, 'TradingView Trigger'), alert({ symbol: 'NASDAQ:NVDA', qty: 1, price: 100 }));
		executions = await waitForExecutions(n8n.n8nDatabase, paper.id, 4);
		expect(executions[3].outputs['Broker Order'][0][0]).toMatchObject({ status: 'filled', symbol: 'NVDA' });
		expect(paperOrders()).toHaveLength(2);
	});
});
