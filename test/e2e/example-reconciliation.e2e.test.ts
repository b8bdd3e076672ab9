import { openSqliteLedger } from '../../core/ledger/open-ledger';
import { PaperBroker } from '../../core/brokers/paper/paper-broker';
import { marketOrderIntent } from '../support/order-intents';
import { e2eEnvironment } from './harness/e2e-environment';
import { exampleWebhookPath, exampleWebhookUrl, type ExampleWorkflow, loadExample } from './harness/example-workflow';
import { ledgerQueryOn } from './harness/ledger-query';
import { N8nInstance } from './harness/n8n-instance';
import { type ExecutionRecord, waitForExecutions } from './harness/n8n-executions';
import { sendAlert } from './harness/send-alert';
import { ChatStub } from './fixtures/approval-chat-stub';
import { CREDENTIAL } from './fixtures/trigger-workflows';
import { exampleAlert } from './fixtures/example-alerts';
import { TRADINGVIEW_REF } from './fixtures/example-broker-credentials';
import { nextRun, quietPoint } from './fixtures/example-scheduled-runs';

// The reconciliation example next to the Paper trading example, as a user sets them up: both on
// the Paper account "demo" and the default ledger. Only the schedule is shortened (every 5 seconds
// instead of 15 minutes), the notification URLs point at a local Slack-style stub, and Correct To
// Expected is switched on, so the correction path (Risk Check → Broker Order) runs too. A trade
// "by hand" is a Paper order placed on the ledger directly, outside any workflow; a lost execution
// is an alert accepted 20 minutes ago whose execution never ran.

jest.setTimeout(240_000);

const n8n = new N8nInstance(e2eEnvironment(), 'example-reconciliation');
const chat = new ChatStub();
let trading: ExampleWorkflow;
let reconciliation: ExampleWorkflow;
let tradingRuns = 0;
const ledgerQuery = ledgerQueryOn(n8n);

async function trade(fields: Record<string, unknown>): Promise<ExecutionRecord> {
	tradingRuns += 1;
	const answer = await sendAlert(exampleWebhookUrl(n8n.baseUrl, trading, 'TradingView Trigger'), exampleAlert(fields), { contentType: 'application/json' });
	expect(answer.body.status).toBe('accepted');
	const executions = await waitForExecutions(n8n.n8nDatabase, trading.id, tradingRuns);
	expect(executions).toHaveLength(tradingRuns);
	return executions[tradingRuns - 1];
}

/** The first reconciliation that starts after everything so far, and the messages it posted per channel. */
async function reconcile(): Promise<{ run: ExecutionRecord; drift: string[]; lost: string[] }> {
	const lastRun = await quietPoint(n8n.n8nDatabase, reconciliation.id);
	const before = chat.messages.length;
	const run = await nextRun(n8n.n8nDatabase, reconciliation.id, lastRun);
	const messages = chat.messages.slice(before);
	return {
		run,
		drift: messages.filter((message) => message.channel === 'drift').map((message) => message.text),
		lost: messages.filter((message) => message.channel === 'lost').map((message) => message.text),
	};
}

/** Runs `action` on the n8n's ledger from this process, as another n8n process (or a person) would. */
async function onLedger<T>(action: (ledger: ReturnType<typeof openSqliteLedger>) => Promise<T>): Promise<T> {
	const ledger = openSqliteLedger(n8n.ledgerPath);
	try {
		return await action(ledger);
	} finally {
		await ledger.close();
	}
}

beforeAll(async () => {
	await chat.start();
	trading = loadExample('paper-trading.json', { id: 'tvE2eExRecTrade1', credentials: { 'TradingView Trigger': TRADINGVIEW_REF } });
	reconciliation = loadExample('reconciliation.json', {
		id: 'tvE2eExReconcile',
		parameters: {
			'Every 15 minutes': { rule: { interval: [{ field: 'seconds', secondsInterval: 5 }] } },
			Reconcile: { correctToExpected: true },
			'Notify drift': { url: chat.url('drift') },
			'Notify lost alert': { url: chat.url('lost') },
		},
	});
	await n8n.installPackage();
	await n8n.importCredentials([CREDENTIAL]);
	await n8n.importAndPublish([trading, reconciliation]);
	await n8n.start();
	await n8n.waitForWebhook(exampleWebhookPath(trading, 'TradingView Trigger'));
});

afterAll(async () => {
	await n8n.stop();
	await chat.stop();
});

describe('the reconciliation example, on its schedule, against the Paper trading example', () => {
	it('posts nothing while the Paper account holds what the journal says', async () => {
		const execution = await trade({ action: 'buy', symbol: 'NASDAQ:AAPL', qty: 10, price: 190 });
		expect(execution.outputs['Broker Order'][0][0]).toMatchObject({ status: 'filled', filledQuantity: 10 });

		const { run, drift, lost } = await reconcile();
		expect(run.status).toBe('success');
		expect(run.outputs.Reconcile[0]).toEqual([
			expect.objectContaining({ account: 'paper:demo', broker: 'paper', symbol: 'AAPL', expected: 10, actual: 10, drift: 0, status: 'match', correction: null }),
		]);
		expect(run.outputs.Reconcile[0][0].entries).toEqual([expect.objectContaining({ side: 'buy', quantity: 10, status: 'filled', counted: 10 })]);
		expect(run.outputs['Notify drift']).toBeUndefined();
		expect(run.outputs['Unordered alerts'][0]).toEqual([]);
		expect(drift).toEqual([]);
		expect(lost).toEqual([]);
	});

	it('posts a trade made by hand, corrects it once through Risk Check, and then matches again', async () => {
		await onLedger(async (ledger) => {
			const broker = new PaperBroker(ledger.paper, { account: 'demo', startingCash: 100000, currency: 'USD' });
			const order = await broker.placeOrder(marketOrderIntent({ clientOrderId: 'by-hand-1', quantity: 5, referencePrice: 191, alertId: null }));
			expect(order).toMatchObject({ status: 'filled', filledQuantity: 5 });
		});

		const { run, drift } = await reconcile();
		expect(run.status).toBe('success');
		const [item] = run.outputs.Reconcile[0];
		expect(item).toMatchObject({
			symbol: 'AAPL',
			expected: 10,
			actual: 15,
			drift: 5,
			status: 'drift',
			alertId: expect.stringMatching(/^reconcile-AAPL-[0-9a-f]{16}$/),
			action: 'sell',
			quantity: 5,
			strategy: { targetPosition: 10, prevTargetPosition: 15 },
		});
		expect(drift).toEqual([`Position drift on paper:demo: AAPL broker 15, journal 10 (drift 5). Correcting: sell 5.`]);
		expect(run.outputs['Risk Check'][0]).toHaveLength(1);
		expect(run.outputs['Correct position'][0]).toEqual([
			expect.objectContaining({ broker: 'paper', alertId: item.alertId, role: 'exit', status: 'filled', filledQuantity: 5, alreadyPlaced: false }),
		]);

		const next = await reconcile();
		expect(next.run.outputs.Reconcile[0]).toEqual([expect.objectContaining({ symbol: 'AAPL', expected: 10, actual: 10, status: 'match', correction: null })]);
		const entries = next.run.outputs.Reconcile[0][0].entries as Array<{ correction: boolean; counted: number }>;
		expect(entries.map((entry) => [entry.correction, entry.counted])).toEqual([
			[false, 10],
			[true, 0],
		]);
		expect(next.drift).toEqual([]);
		const aapl = ledgerQuery("SELECT side, quantity, status FROM paper_order WHERE account = 'demo' AND symbol = 'AAPL' ORDER BY created_at");
		expect(aapl).toEqual([
			{ side: 'buy', quantity: 10, status: 'filled' },
			{ side: 'buy', quantity: 5, status: 'filled' },
			{ side: 'sell', quantity: 5, status: 'filled' },
		]);
	});

	it('posts an alert that was accepted but never reached a Broker Order, and not the ones that did', async () => {
		const acceptedAt = new Date(Date.now() - 20 * 60_000);
		await onLedger(async (ledger) => {
			const admission = await ledger.signals.admitAlert(
				{
					receivedAt: acceptedAt,
					scope: `${trading.id}/lost-trigger`,
					sourceIp: null,
					body: '{}',
					alertId: 'lost-execution-1',
					item: { alertId: 'lost-execution-1', action: 'buy', symbol: 'MSFT', quantity: 3 },
				},
				{ dedupeWindowMs: 60 * 60_000, redeliverAfterMs: 0 },
			);
			expect(admission.outcome).toBe('accepted');
		});

		const { run, lost } = await reconcile();
		expect(run.status).toBe('success');
		expect(run.outputs['Unordered alerts'][0]).toEqual([
			expect.objectContaining({ alertId: 'lost-execution-1', workflowId: trading.id, stage: 'accepted', symbol: 'MSFT', action: 'buy', quantity: 3 }),
		]);
		expect(lost).toEqual([
			`Alert lost-execution-1 (buy MSFT) was accepted at ${acceptedAt.toISOString()} and never reached a Broker Order (stage: accepted).`,
		]);
	});
});
