import { AlpacaStub } from '../contract/alpaca/alpaca-stub';
import { brokerWorkflow } from './fixtures/broker-workflows';
import { CREDENTIAL, TOKEN, webhookPath, webhookUrl } from './fixtures/trigger-workflows';
import { e2eEnvironment } from './harness/e2e-environment';
import { ledgerQueryOn } from './harness/ledger-query';
import { type ExecutionRecord, waitForExecutions } from './harness/n8n-executions';
import { N8nInstance } from './harness/n8n-instance';
import { sendAlert } from './harness/send-alert';

jest.setTimeout(300_000);

// Alerts for one symbol reach the broker in the order the trigger accepted them, although n8n
// runs their executions at the same time; a reversal's entry goes out only after its exit filled.
// The Alpaca stub fills market orders 150 ms after taking them, as a live market does, and
// refuses a sell of shares held for an open order (Alpaca's 403 "insufficient qty available").

const ALPACA_KEY = { keyId: 'PKE2EORDERKEY001', secretKey: 'e2e-alpaca-order-secret-0123456789' };
const ALPACA_CREDENTIAL = { id: 'tvE2eAlpacaOrder', name: 'Alpaca stub (order)', type: 'alpacaApi' };

const WORKFLOW = brokerWorkflow({
	id: 'tvE2eAlertOrder1',
	webhookId: '0e4a5b6c-7d8e-4f9a-8b1c-2d3e4f5a6b71',
	orderParameters: { broker: 'alpaca', placeOptions: { maxAttempts: 3, reverse: true } },
	orderCredentials: { alpacaApi: { id: ALPACA_CREDENTIAL.id, name: ALPACA_CREDENTIAL.name } },
});

const n8n = new N8nInstance(e2eEnvironment(), 'alert-order');
const ledger = ledgerQueryOn(n8n);
let alpaca: AlpacaStub;
let executionsSoFar = 0;

beforeAll(async () => {
	alpaca = await AlpacaStub.start({ ...ALPACA_KEY, cash: 1_000_000, fillPrice: 100, marketFillDelayMs: 150 });
	await n8n.installPackage();
	await n8n.importCredentials([CREDENTIAL, { ...ALPACA_CREDENTIAL, data: { ...ALPACA_KEY, environment: 'paper', baseUrl: alpaca.baseUrl } }]);
	await n8n.importAndPublish([WORKFLOW]);
	await n8n.start();
	await n8n.waitForWebhook(webhookPath(WORKFLOW));
});

afterAll(async () => {
	await n8n.stop();
	await alpaca?.close();
});

type Alert = { id: string; action: 'buy' | 'sell' | 'exit'; symbol: string };

async function fire(alert: Alert): Promise<void> {
	const body = JSON.stringify({ token: TOKEN, ...alert, ...(alert.action === 'exit' ? {} : { qty: 1 }), price: 100 });
	const answer = await sendAlert(webhookUrl(n8n.baseUrl, WORKFLOW), body);
	expect([alert.id, answer.status, answer.body.status]).toEqual([alert.id, 200, 'accepted']);
}

/** The alerts' ids in the order the trigger accepted them (the ledger's receive order). */
function acceptanceOrder(symbol: string): string[] {
	return ledger('SELECT alert_id FROM alert_sequence WHERE symbol = ? ORDER BY seq', symbol).map((row) => String(row.alert_id));
}

/** The alert behind each order the broker received for the symbol, in the order it received them. */
function brokerOrderSequence(symbol: string, executions: ExecutionRecord[]): Array<{ alertId: string; leg: string }> {
	const legs = new Map<string, { alertId: string; leg: string }>();
	for (const execution of executions) {
		for (const output of execution.outputs['Broker Order']?.[0] ?? []) {
			for (const order of output.orders as Array<{ clientOrderId: string; leg: string }>) legs.set(order.clientOrderId, { alertId: String(output.alertId), leg: order.leg });
		}
	}
	return alpaca.orders.filter((order) => order.symbol === symbol).map((order) => legs.get(order.client_order_id) ?? { alertId: `unknown ${order.client_order_id}`, leg: '?' });
}

/**
 * The alerts carried out in `order` (Broker Order's Reverse option on, 1 each): the legs each
 * sends and the position they leave.
 */
function carryOut(alerts: Alert[], order: string[]): { legs: Array<{ alertId: string; leg: string }>; position: number } {
	const byId = new Map(alerts.map((alert) => [alert.id, alert]));
	const legs: Array<{ alertId: string; leg: string }> = [];
	let position = 0;
	for (const alertId of order) {
		const { action } = byId.get(alertId) as Alert;
		const against = (action === 'buy' && position < 0) || (action === 'sell' && position > 0);
		if (action === 'exit') {
			if (position !== 0) legs.push({ alertId, leg: 'close' });
			position = 0;
			continue;
		}
		if (against) legs.push({ alertId, leg: 'close' });
		legs.push({ alertId, leg: 'open' });
		position = action === 'buy' ? (against ? 1 : position + 1) : against ? -1 : position - 1;
	}
	return { legs, position };
}

async function settled(count: number): Promise<ExecutionRecord[]> {
	executionsSoFar += count;
	const executions = await waitForExecutions(n8n.n8nDatabase, WORKFLOW.id, executionsSoFar, 180_000);
	return executions.slice(executionsSoFar - count);
}

function stubPosition(symbol: string): number {
	return Number(alpaca.orders.filter((order) => order.symbol === symbol && order.status === 'filled').reduce((sum, order) => sum + (order.side === 'buy' ? 1 : -1) * Number(order.filled_qty), 0));
}

describe('alerts for one symbol, in acceptance order, on the Alpaca stub in a real n8n', () => {
	it('20 alternating buy and sell alerts fired 50 ms apart: the broker gets them in acceptance order, each reversal exit before its entry', async () => {
		const symbol = 'AAPL';
		const alerts: Alert[] = Array.from({ length: 20 }, (_, index) => ({ id: `order-alt-${index}`, action: index % 2 === 0 ? 'buy' : 'sell', symbol }));
		const firing: Array<Promise<void>> = [];
		for (const alert of alerts) {
			firing.push(fire(alert));
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
		await Promise.all(firing);
		const executions = await settled(alerts.length);

		expect(executions.map((execution) => [execution.status, Object.values(execution.errors)])).toEqual(alerts.map(() => ['success', []]));
		const accepted = acceptanceOrder(symbol);
		expect([...accepted].sort()).toEqual(alerts.map((alert) => alert.id).sort());
		const received = brokerOrderSequence(symbol, executions);
		// Each alert planned from the position the alerts before it left (every fill confirmed first):
		// a reversal is a close and then an open, in the order accepted.
		const expected = carryOut(alerts, accepted);
		expect(received).toEqual(expected.legs);
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(stubPosition(symbol)).toBe(expected.position);
	});

	it('10 reversal pairs ("exit", then the entry the other way) each fired at the same instant: orders in acceptance order, the position the alerts say', async () => {
		const symbol = 'MSFT';
		const alerts: Alert[] = [];
		const firing: Array<Promise<void>> = [];
		for (let pair = 0; pair < 10; pair += 1) {
			const exit: Alert = { id: `order-pair-${pair}-exit`, action: 'exit', symbol };
			const entry: Alert = { id: `order-pair-${pair}-entry`, action: pair % 2 === 0 ? 'buy' : 'sell', symbol };
			alerts.push(exit, entry);
			firing.push(fire(exit), fire(entry));
			await new Promise((resolve) => setTimeout(resolve, 300));
		}
		await Promise.all(firing);
		const executions = await settled(alerts.length);

		expect(executions.map((execution) => [execution.status, Object.values(execution.errors)])).toEqual(alerts.map(() => ['success', []]));
		const accepted = acceptanceOrder(symbol);
		const expected = carryOut(alerts, accepted);
		expect(brokerOrderSequence(symbol, executions)).toEqual(expected.legs);
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(stubPosition(symbol)).toBe(expected.position);
		// Every Broker Order output that waited says for which alerts.
		const waited = executions.flatMap((execution) => execution.outputs['Broker Order']?.[0] ?? []).filter((output) => (output.alertOrder as { waitedFor?: string[] } | null)?.waitedFor?.length);
		for (const output of waited) expect(String((output.alertOrder as { note: string }).note)).toMatch(/^Alert order for MSFT: waited \d+\.\d s for order-pair-/);
	});
});
