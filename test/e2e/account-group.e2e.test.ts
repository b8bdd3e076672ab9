import { e2eEnvironment } from './harness/e2e-environment';
import { exampleWebhookPath, exampleWebhookUrl, type ExampleWorkflow, loadExample } from './harness/example-workflow';
import { ledgerQueryOn } from './harness/ledger-query';
import { N8nInstance } from './harness/n8n-instance';
import { type ExecutionRecord, waitForExecutions } from './harness/n8n-executions';
import { sendAlert } from './harness/send-alert';
import { AlpacaStub } from '../contract/alpaca/alpaca-stub';
import { CREDENTIAL, TOKEN } from './fixtures/trigger-workflows';
import { ALPACA_KEY, credentialRef, TRADINGVIEW_REF } from './fixtures/example-broker-credentials';

// examples/account-group.json as a user imports it: one alert to Paper and two Alpaca accounts
// (two stubs, each checking its own key), each branch with its own Risk Check and sizing.

jest.setTimeout(240_000);

const n8n = new N8nInstance(e2eEnvironment(), 'account-group');
const ledger = ledgerQueryOn(n8n);
const SMALL_KEY = { keyId: 'PKE2ESMALLACCOUNT', secretKey: 'e2e-small-account-alpaca-secret-0123' };
let main: AlpacaStub;
let small: AlpacaStub;
let flow: ExampleWorkflow;
let executions = 0;
let sequence = 0;

const alpacaCredential = (id: string, name: string, key: typeof ALPACA_KEY, baseUrl: string) => ({
	id,
	name,
	type: 'alpacaApi',
	data: { ...key, environment: 'paper', baseUrl },
});

function alertBody(fields: Record<string, unknown>): { id: string; body: string } {
	sequence += 1;
	const id = `group-${Date.now()}-${sequence}`;
	return { id, body: JSON.stringify({ token: TOKEN, id, ticker: 'AAPL', price: 190, ...fields }) };
}

async function send(body: string): Promise<Record<string, unknown>> {
	const answer = await sendAlert(exampleWebhookUrl(n8n.baseUrl, flow, 'TradingView Trigger'), body, { contentType: 'application/json' });
	return answer.body;
}

async function run(fields: Record<string, unknown>): Promise<{ id: string; execution: ExecutionRecord }> {
	const alert = alertBody(fields);
	expect((await send(alert.body)).status).toBe('accepted');
	executions += 1;
	const all = await waitForExecutions(n8n.n8nDatabase, flow.id, executions);
	return { id: alert.id, execution: all[executions - 1] };
}

const ordersOf = (stub: AlpacaStub) => stub.book.orders.map((order) => `${order.side} ${order.qty}`);
const paperOrders = () => ledger("SELECT side, quantity FROM paper_order WHERE account = 'group-paper' ORDER BY created_at, rowid").map((row) => `${row.side} ${row.quantity}`);
const fateOf = (alertId: string) => ledger('SELECT stage, outcome FROM alert_fate WHERE alert_id = ?', alertId)[0];

beforeAll(async () => {
	main = await AlpacaStub.start({ ...ALPACA_KEY, cash: 1_000_000, fillPrice: 190 });
	small = await AlpacaStub.start({ ...SMALL_KEY, cash: 100_000, fillPrice: 190 });
	const mainCredential = alpacaCredential('tvE2eGroupMainCr', 'Alpaca main (stub)', ALPACA_KEY, main.baseUrl);
	const smallCredential = alpacaCredential('tvE2eGroupSmalCr', 'Alpaca small (stub)', SMALL_KEY, small.baseUrl);
	const mainRef = credentialRef(mainCredential);
	const smallRef = credentialRef(smallCredential);
	flow = loadExample('account-group.json', {
		id: 'tvE2eAccountGrp1',
		credentials: {
			'TradingView Trigger': TRADINGVIEW_REF,
			'Risk Check · Alpaca main': mainRef,
			'Broker Order · Alpaca main': mainRef,
			'Risk Check · Alpaca small': smallRef,
			'Broker Order · Alpaca small': smallRef,
		},
	});
	await n8n.installPackage();
	await n8n.importCredentials([CREDENTIAL, mainCredential, smallCredential]);
	await n8n.importAndPublish([flow]);
	await n8n.start();
	await n8n.waitForWebhook(exampleWebhookPath(flow, 'TradingView Trigger'));
});

afterAll(async () => {
	await n8n.stop();
	await main?.close();
	await small?.close();
});

describe('one alert to several accounts (examples/account-group.json)', () => {
	it('places one order per account, each at its own size and client order id, and settles the alert after the last', async () => {
		const { id, execution } = await run({ action: 'buy', quantity: 10 });

		expect(paperOrders()).toEqual(['buy 10']);
		expect(ordersOf(main)).toEqual(['buy 5']);
		expect(ordersOf(small)).toEqual(['buy 2']);
		const ids = [
			execution.outputs['Broker Order · Paper'][0][0].clientOrderId,
			execution.outputs['Broker Order · Alpaca main'][0][0].clientOrderId,
			execution.outputs['Broker Order · Alpaca small'][0][0].clientOrderId,
		];
		expect(new Set(ids).size).toBe(3);
		expect(main.book.orders[0].client_order_id).toBe(ids[1]);
		expect(small.book.orders[0].client_order_id).toBe(ids[2]);
		expect(fateOf(id)).toEqual({ stage: 'settled', outcome: 'ordered' });
		expect(ledger('SELECT node FROM alert_passage WHERE alert_id = ? ORDER BY node', id).map((row) => row.node)).toEqual([
			'Broker Order · Alpaca main',
			'Broker Order · Alpaca small',
			'Broker Order · Paper',
		]);
	});

	it('places nothing twice when TradingView resends the alert', async () => {
		const alert = alertBody({ action: 'buy', quantity: 4 });
		expect((await send(alert.body)).status).toBe('accepted');
		expect((await send(alert.body)).status).toBe('duplicate');
		executions += 1;
		await waitForExecutions(n8n.n8nDatabase, flow.id, executions);

		expect(paperOrders()).toEqual(['buy 10', 'buy 4']);
		expect(ordersOf(main)).toEqual(['buy 5', 'buy 2']);
		expect(ordersOf(small)).toEqual(['buy 2', 'buy 2']);
	});

	it("applies each account's own limits: Paper clamps to 100, Alpaca main clamps its half to 50, Alpaca small keeps its fixed 2", async () => {
		const { execution } = await run({ action: 'buy', quantity: 300 });

		expect(paperOrders().at(-1)).toBe('buy 100');
		expect(ordersOf(main).at(-1)).toBe('buy 50');
		expect(ordersOf(small).at(-1)).toBe('buy 2');
		expect(execution.outputs['Risk Check · Alpaca main'][0][0].quantity).toBe(100);
	});

	it('goes on with the other accounts when one fails, and names the failed one', async () => {
		main.failNext(1, 403, { code: 40310000, message: 'insufficient buying power' }, { method: 'POST', path: '/v2/orders' });
		const mainBefore = main.book.orders.length;

		const { id, execution } = await run({ action: 'buy', quantity: 6 });

		expect(main.book.orders).toHaveLength(mainBefore);
		expect(paperOrders().at(-1)).toBe('buy 6');
		expect(ordersOf(small).at(-1)).toBe('buy 2');
		expect(execution.status).toBe('success');
		const failed = execution.outputs['Account failed'][0];
		expect(failed).toHaveLength(1);
		expect(String(failed[0].error)).toContain('insufficient buying power');
		// The error output carries the alert's own fields too, so a notification can name it.
		expect([failed[0].alertId, failed[0].symbol]).toEqual([id, 'AAPL']);
		expect(String(failed[0].details)).toMatch(/^Reason code: /);
		expect(fateOf(id)).toEqual({ stage: 'settled', outcome: 'failed' });
	});

	it('keeps the alert order on every account: an exit and a buy fired together reach each broker as sent', async () => {
		const exit = alertBody({ action: 'exit' });
		const buy = alertBody({ action: 'buy', quantity: 8 });
		const mainBefore = main.book.orders.length;
		const smallBefore = small.book.orders.length;
		const answers = await Promise.all([send(exit.body), new Promise((resolve) => setTimeout(resolve, 5)).then(async () => await send(buy.body))]);
		expect(answers.map((answer) => answer.status)).toEqual(['accepted', 'accepted']);
		executions += 2;
		await waitForExecutions(n8n.n8nDatabase, flow.id, executions, 60_000);

		expect(ordersOf(main).slice(mainBefore)).toEqual(['sell 57', 'buy 4']);
		expect(ordersOf(small).slice(smallBefore)).toEqual(['sell 8', 'buy 2']);
		expect(paperOrders().slice(-2)).toEqual(['sell 120', 'buy 8']);
		expect([fateOf(exit.id), fateOf(buy.id)]).toEqual([
			{ stage: 'settled', outcome: 'ordered' },
			{ stage: 'settled', outcome: 'ordered' },
		]);
	});
});
