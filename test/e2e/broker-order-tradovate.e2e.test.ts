import { e2eEnvironment } from './harness/e2e-environment';
import { N8nInstance } from './harness/n8n-instance';
import { type ExecutionRecord, waitForExecutions } from './harness/n8n-executions';
import { sendAlert } from './harness/send-alert';
import { TradovateStub } from '../contract/tradovate/tradovate-stub';
import { brokerWorkflow } from './fixtures/broker-workflows';
import { CREDENTIAL, TOKEN, webhookPath, webhookUrl } from './fixtures/trigger-workflows';

// Installing the package into a fresh n8n can take minutes on a busy machine.
jest.setTimeout(300_000);

// TradingView Trigger → Broker Order (Tradovate) in a real n8n, against the stub that checks the
// token request, the Bearer token and the order bodies as Tradovate's API documents them.

const LOGIN = {
	username: 'e2e-trader',
	password: 'e2e-tradovate-password-0123',
	appId: 'E2E Autotrade',
	appVersion: '1.0',
	cid: 5151,
	secret: 'e2e-tradovate-secret-abcdef0123456789',
};
const TRADOVATE_CREDENTIAL = { id: 'tvE2eTradovCred1', name: 'Tradovate stub', type: 'tradovateApi' };
const WORKFLOW = brokerWorkflow({
	id: 'tvE2eTradovFlow1',
	webhookId: 'c3a4e5f6-0003-4a7b-8c9d-2e3f4a5b6c73',
	triggerOptions: { duplicateWindowMinutes: 0 },
	orderParameters: { broker: 'tradovate', placeOptions: { maxAttempts: 3 } },
	orderCredentials: { tradovateApi: { id: TRADOVATE_CREDENTIAL.id, name: TRADOVATE_CREDENTIAL.name } },
});

const n8n = new N8nInstance(e2eEnvironment(), 'tradovate');
let stub: TradovateStub;
let runs = 0;
let sequence = 0;

type Output = Record<string, any>;

function alert(extra: Record<string, unknown> = {}): string {
	sequence += 1;
	return JSON.stringify({ token: TOKEN, id: `tradovate-${Date.now()}-${sequence}`, action: 'buy', symbol: 'CME_MINI:NQ1!', contracts: 2, price: 21_000, ...extra });
}

async function run(body: string): Promise<{ execution: ExecutionRecord; output: Output }> {
	runs += 1;
	expect((await sendAlert(webhookUrl(n8n.baseUrl, WORKFLOW), body)).body.status).toBe('accepted');
	const executions = await waitForExecutions(n8n.n8nDatabase, WORKFLOW.id, runs);
	expect(executions).toHaveLength(runs);
	const execution = executions[runs - 1];
	return { execution, output: (execution.outputs['Broker Order']?.[0]?.[0] ?? {}) as Output };
}

const orderPosts = () => stub.requests.filter((request) => request.method === 'POST' && request.path.startsWith('/order/place'));

function noSecretIn(execution: ExecutionRecord): void {
	const text = JSON.stringify([execution.outputs, execution.errors]);
	for (const secret of [LOGIN.password, LOGIN.secret, ...stub.tokens.keys()]) expect(text).not.toContain(secret);
}

beforeAll(async () => {
	stub = await TradovateStub.start({ ...LOGIN, fillPrice: 21_000.25 });
	await n8n.installPackage();
	await n8n.importCredentials([CREDENTIAL, { ...TRADOVATE_CREDENTIAL, data: { ...LOGIN, environment: 'demo', account: '', baseUrl: stub.baseUrl } }]);
	await n8n.importAndPublish([WORKFLOW]);
	await n8n.start();
	await n8n.waitForWebhook(webhookPath(WORKFLOW));
});

afterAll(async () => {
	await n8n.stop();
	await stub?.close();
});

describe('TradingView Trigger → Broker Order (Tradovate stub) in a real n8n', () => {
	it('places one automated order per alert for the front month, with the Bearer token and whole contracts', async () => {
		const { execution, output } = await run(alert());
		expect(execution.status).toBe('success');
		expect(output).toMatchObject({ broker: 'tradovate', status: 'filled', filledQuantity: 2, averagePrice: 21_000.25, alreadyPlaced: false });
		const [post] = orderPosts();
		expect(post.path).toBe('/order/placeorder');
		expect(post.body).toEqual({
			accountSpec: 'DEMO1234567',
			accountId: 37,
			clOrdId: output.clientOrderId,
			action: 'Buy',
			symbol: 'NQZ6',
			orderQty: 2,
			orderType: 'Market',
			isAutomated: true,
		});
		expect(post.headers.authorization).toMatch(/^Bearer /);
		expect(stub.ordersWith(String(output.clientOrderId))).toHaveLength(1);
		noSecretIn(execution);
	});

	it('never places a second order when the same alert arrives twice', async () => {
		const body = alert({ symbol: 'MNQ1!' });
		const first = await run(body);
		const second = await run(body);
		expect([first.output.alreadyPlaced, second.output.alreadyPlaced]).toEqual([false, true]);
		expect(second.output.orderId).toBe(first.output.orderId);
		expect(stub.ordersWith(String(first.output.clientOrderId))).toHaveLength(1);
	});

	it('retries a 503 with the same clOrdId and ends with one order', async () => {
		stub.failNext(1, 503, 'Service Unavailable', { method: 'POST', path: '/order/placeorder' });
		const before = orderPosts().length;
		const { execution, output } = await run(alert({ symbol: 'ES1!', contracts: 1 }));
		expect(execution.status).toBe('success');
		expect(output).toMatchObject({ status: 'filled', filledQuantity: 1 });
		expect(orderPosts().slice(before).map((request) => (request.body as { clOrdId: string }).clOrdId)).toEqual([output.clientOrderId, output.clientOrderId]);
		expect(stub.ordersWith(String(output.clientOrderId))).toHaveLength(1);
	});

	it('ends in success, not a second order, when Tradovate took the order but the answer was lost', async () => {
		stub.takeThenFail(503);
		const { execution, output } = await run(alert({ symbol: 'ESZ2026', contracts: 1 }));
		expect(execution.status).toBe('success');
		const orders = stub.ordersWith(String(output.clientOrderId));
		expect(orders).toHaveLength(1);
		expect(output.orderId).toBe(String(orders[0].id));
	});

	it('places a bracket through placeOSO: the entry with its take profit and stop loss working', async () => {
		const { execution, output } = await run(alert({ symbol: 'NQ1!', contracts: 1, takeProfit: { limitPrice: 21_100 }, stopLoss: { stopPrice: 20_950 } }));
		expect(execution.status).toBe('success');
		const post = orderPosts().at(-1)!;
		expect(post.path).toBe('/order/placeoso');
		expect(post.body).toMatchObject({
			clOrdId: output.clientOrderId,
			orderQty: 1,
			isAutomated: true,
			bracket1: { clOrdId: `${output.clientOrderId}-tp`, action: 'Sell', orderType: 'Limit', price: 21_100 },
			bracket2: { clOrdId: `${output.clientOrderId}-sl`, action: 'Sell', orderType: 'Stop', stopPrice: 20_950 },
		});
		for (const exit of ['tp', 'sl']) {
			expect(stub.ordersWith(`${output.clientOrderId}-${exit}`).map((order) => order.ordStatus)).toEqual(['Working']);
		}
		noSecretIn(execution);
	});

	it('refuses a fractional number of contracts, naming orderQty, without sending an order', async () => {
		const before = orderPosts().length;
		const { execution } = await run(alert({ contracts: 1.5 }));
		expect(execution.status).toBe('error');
		expect(execution.errors['Broker Order']).toMatch(/whole number of contracts.*orderQty/);
		expect(orderPosts()).toHaveLength(before);
	});

	it('signed in once for all of these executions: the token is kept per credential', () => {
		expect(stub.count('POST', '/auth/accesstokenrequest')).toBe(1);
	});
});
