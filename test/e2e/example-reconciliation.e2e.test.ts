import { e2eEnvironment } from './harness/e2e-environment';
import { exampleWebhookPath, exampleWebhookUrl, type ExampleWorkflow, loadExample } from './harness/example-workflow';
import { N8nInstance } from './harness/n8n-instance';
import { type ExecutionRecord, waitForExecutions } from './harness/n8n-executions';
import { sendAlert } from './harness/send-alert';
import { type OandaStub, startOandaStub } from '../contract/oanda/oanda-stub';
import { ChatStub } from './fixtures/approval-chat-stub';
import { CREDENTIAL } from './fixtures/trigger-workflows';
import { exampleAlert } from './fixtures/example-alerts';
import { credentialRef, OANDA_KEY, oandaPracticeCredential, TRADINGVIEW_REF } from './fixtures/example-broker-credentials';
import { nextRun, quietPoint } from './fixtures/example-scheduled-runs';

// The reconciliation example next to the OANDA example, as a user sets them up: the OANDA flow
// books each approved alert on OANDA (a local stub) and on the Paper shadow account "expected";
// the reconciliation's "Broker positions" is switched to OANDA, as its notes say, and its
// notification URL points at a local Slack-style stub. Only its schedule is shortened (every
// 5 seconds instead of 15 minutes), so the published workflow fires on its own during the test.

jest.setTimeout(180_000);

const n8n = new N8nInstance(e2eEnvironment(), 'example-reconciliation');
const chat = new ChatStub();
const CHANNEL = 'drift';
let oanda: OandaStub;
let trading: ExampleWorkflow;
let reconciliation: ExampleWorkflow;
let tradingRuns = 0;

async function trade(fields: Record<string, unknown>): Promise<ExecutionRecord> {
	tradingRuns += 1;
	const answer = await sendAlert(exampleWebhookUrl(n8n.baseUrl, trading, 'TradingView Trigger'), exampleAlert(fields), { contentType: 'application/json' });
	expect(answer.body.status).toBe('accepted');
	const executions = await waitForExecutions(n8n.n8nDatabase, trading.id, tradingRuns);
	expect(executions).toHaveLength(tradingRuns);
	return executions[tradingRuns - 1];
}

/** The first reconciliation that starts after everything so far, and the messages it posted. */
async function reconcile(): Promise<{ run: ExecutionRecord; messages: string[] }> {
	const lastRun = await quietPoint(n8n.n8nDatabase, reconciliation.id);
	const before = chat.messages.length;
	const run = await nextRun(n8n.n8nDatabase, reconciliation.id, lastRun);
	return { run, messages: chat.messages.slice(before).map((message) => message.text) };
}

beforeAll(async () => {
	oanda = await startOandaStub({ token: OANDA_KEY.accessToken, accountId: OANDA_KEY.accountId, prices: { EUR_USD: 1.085 } });
	await chat.start();
	const oandaCredential = oandaPracticeCredential(oanda.url);
	trading = loadExample('oanda-practice-trading.json', {
		id: 'tvE2eExRecTrade1',
		credentials: { 'TradingView Trigger': TRADINGVIEW_REF, 'Broker Order': credentialRef(oandaCredential) },
	});
	reconciliation = loadExample('reconciliation.json', {
		id: 'tvE2eExReconcile',
		credentials: { 'Broker positions': credentialRef(oandaCredential) },
		parameters: {
			'Every 15 minutes': { rule: { interval: [{ field: 'seconds', secondsInterval: 5 }] } },
			'Broker positions': { broker: 'oanda' },
			'Notify drift': { url: chat.url(CHANNEL) },
		},
	});
	await n8n.installPackage();
	await n8n.importCredentials([CREDENTIAL, oandaCredential]);
	await n8n.importAndPublish([trading, reconciliation]);
	await n8n.start();
	await n8n.waitForWebhook(exampleWebhookPath(trading, 'TradingView Trigger'));
});

afterAll(async () => {
	await n8n.stop();
	await oanda?.close();
	await chat.stop();
});

describe('the reconciliation example, on its schedule, against OANDA and the Paper shadow account', () => {
	it('posts nothing while OANDA holds what the alerts asked for (EUR_USD there, EURUSD in the alerts)', async () => {
		const execution = await trade({ action: 'buy', symbol: 'OANDA:EURUSD', qty: 1000, price: 1.085 });
		expect(execution.outputs['Broker Order'][0][0]).toMatchObject({ status: 'filled', filledQuantity: 1000 });
		expect(execution.outputs['Expected position (Paper shadow)'][0][0]).toMatchObject({ status: 'filled', filledQuantity: 1000 });

		const { run, messages } = await reconcile();
		expect(run.status).toBe('success');
		expect(run.outputs['Broker positions'][0]).toEqual([expect.objectContaining({ symbol: 'EUR_USD', quantity: 1000 })]);
		expect(run.outputs['Expected positions (Paper shadow)'][0]).toEqual([expect.objectContaining({ symbol: 'EURUSD', quantity: 1000 })]);
		expect(run.outputs['Find drift'][0]).toEqual([expect.objectContaining({ driftCount: 0, compared: 1, drift: [] })]);
		expect(run.outputs['No drift'][0]).toHaveLength(1);
		expect(run.outputs['Notify drift']).toBeUndefined();
		expect(messages).toEqual([]);
	});

	it('posts the symbol and both quantities when OANDA cancels an order that the workflow reported as done', async () => {
		oanda.cancelNextMarket('INSUFFICIENT_MARGIN');
		const execution = await trade({ action: 'buy', symbol: 'OANDA:EURUSD', qty: 500, price: 1.085 });
		// Not an error: OANDA took the order and canceled it, so the execution itself succeeds.
		expect(execution.status).toBe('success');
		expect(execution.outputs['Broker Order'][0][0]).toMatchObject({ status: 'rejected', filledQuantity: 0 });
		expect(execution.outputs['Expected position (Paper shadow)'][0][0]).toMatchObject({ status: 'filled', filledQuantity: 500 });

		const { run, messages } = await reconcile();
		expect(run.status).toBe('success');
		expect(run.outputs['Find drift'][0]).toEqual([
			expect.objectContaining({ driftCount: 1, drift: [{ symbol: 'EUR_USD', brokerQuantity: 1000, expectedQuantity: 1500 }] }),
		]);
		expect(messages).toHaveLength(1);
		expect(messages[0]).toContain('EUR_USD: broker 1000, expected 1500');
	});
});
