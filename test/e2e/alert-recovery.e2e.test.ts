import { e2eEnvironment } from './harness/e2e-environment';
import { ledgerQueryOn } from './harness/ledger-query';
import { N8nInstance } from './harness/n8n-instance';
import { readExecutions } from './harness/n8n-executions';
import { sendAlert } from './harness/send-alert';
import { alertBodies } from './fixtures/alert-bodies';
import { NOT_STARTED_WORKFLOW, STRANDED_WORKFLOW } from './fixtures/recovery-workflows';
import { CREDENTIAL, webhookPath, webhookUrl } from './fixtures/trigger-workflows';

// n8n is killed (SIGKILL) while executions of accepted alerts wait in its memory, then started
// again: the Alert Recovery trigger must re-run each of them once, and each must be ordered once.
jest.setTimeout(300_000);

const n8n = new N8nInstance(e2eEnvironment(), 'recovery');
const ledgerQuery = ledgerQueryOn(n8n);
const alert = alertBodies('recovery', { symbol: 'AAPL', qty: 2, price: 100 });

const fateOf = (alertId: string) => ledgerQuery('SELECT * FROM alert_fate WHERE alert_id = ?', alertId)[0];
const paperOrders = (account: string) => ledgerQuery('SELECT * FROM paper_order WHERE account = ?', account);

async function until<T>(what: string, read: () => T | undefined | false, timeoutMs: number): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const value = read();
		if (value) return value;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`timed out waiting for ${what}; see ${n8n.logFile}`);
}

async function startAndListen(): Promise<void> {
	await n8n.start();
	await n8n.waitForWebhook(webhookPath(NOT_STARTED_WORKFLOW));
	await n8n.waitForWebhook(webhookPath(STRANDED_WORKFLOW));
}

beforeAll(async () => {
	await n8n.installPackage();
	await n8n.importCredentials([CREDENTIAL]);
	await n8n.importAndPublish([NOT_STARTED_WORKFLOW, STRANDED_WORKFLOW]);
	await startAndListen();
});

afterAll(async () => {
	await n8n.stop();
});

describe('TradingView Alert Recovery Trigger in a real n8n that is killed mid-execution', () => {
	it('re-runs an alert never started and one stranded on the dead process, and orders each exactly once', async () => {
		const neverStarted = alert({ action: 'buy', qty: 2, price: 100 });
		const stranded = alert({ action: 'buy', qty: 3, price: 100 });
		const first = await sendAlert(webhookUrl(n8n.baseUrl, NOT_STARTED_WORKFLOW), neverStarted);
		const second = await sendAlert(webhookUrl(n8n.baseUrl, STRANDED_WORKFLOW), stranded);
		expect([first.body.status, second.body.status]).toEqual(['accepted', 'accepted']);
		const neverStartedId = String(first.body.alertId);
		const strandedId = String(second.body.alertId);

		// Risk Check has run for the second (started in this process); the first waits before any node of ours.
		const killedProcess = (await until('the stranded alert to start', () => fateOf(strandedId)?.stage === 'started' && fateOf(strandedId), 30_000))
			.stage_process;
		expect(fateOf(neverStartedId)).toMatchObject({ stage: 'accepted', attempts: 0 });
		await n8n.kill();
		expect(paperOrders(NOT_STARTED_WORKFLOW.id)).toEqual([]);
		expect(paperOrders(STRANDED_WORKFLOW.id)).toEqual([]);

		await startAndListen();
		await until('both recovered alerts to be ordered', () => fateOf(neverStartedId)?.outcome === 'ordered' && fateOf(strandedId)?.outcome === 'ordered', 120_000);

		expect(fateOf(neverStartedId)).toMatchObject({ stage: 'settled', outcome: 'ordered', attempts: 1, recovery_reason: 'not_started' });
		expect(fateOf(strandedId)).toMatchObject({ stage: 'settled', outcome: 'ordered', attempts: 1, recovery_reason: 'process_stopped' });
		expect(fateOf(strandedId).stage_process).not.toBe(killedProcess);
		expect(paperOrders(NOT_STARTED_WORKFLOW.id).map((order) => [order.symbol, order.quantity, order.status])).toEqual([['AAPL', 2, 'filled']]);
		expect(paperOrders(STRANDED_WORKFLOW.id).map((order) => [order.symbol, order.quantity, order.status])).toEqual([['AAPL', 3, 'filled']]);

		// The re-run executions say they are recoveries; the killed ones never ordered anything.
		const recovered = readExecutions(n8n.n8nDatabase, STRANDED_WORKFLOW.id).filter((execution) => execution.outputs['Broker Order']);
		expect(recovered).toHaveLength(1);
		expect(recovered[0].outputs['Alert Recovery'][0][0]).toMatchObject({
			alertId: strandedId,
			recovery: { attempt: 1, reason: 'process_stopped' },
		});
		expect(recovered[0].outputs['Broker Order'][0][0]).toMatchObject({ alertId: strandedId, status: 'filled', filledQuantity: 3 });

		// A resend is still a duplicate, and nothing is re-run or ordered again afterwards.
		expect((await sendAlert(webhookUrl(n8n.baseUrl, STRANDED_WORKFLOW), stranded)).body.status).toBe('duplicate');
		await new Promise((resolve) => setTimeout(resolve, 12_000));
		expect(paperOrders(STRANDED_WORKFLOW.id)).toHaveLength(1);
		expect(paperOrders(NOT_STARTED_WORKFLOW.id)).toHaveLength(1);
		expect(fateOf(strandedId).attempts).toBe(1);
	});
});
