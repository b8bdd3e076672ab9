import { e2eEnvironment } from './harness/e2e-environment';
import { N8nInstance } from './harness/n8n-instance';
import { type ExecutionRecord, waitForExecutions } from './harness/n8n-executions';
import { sendAlert } from './harness/send-alert';
import { BybitStub } from '../contract/bybit/bybit-stub';
import { NO_ANSWER } from '../contract/harness/stub-http';
import { OkxStub } from '../contract/okx/okx-stub';
import { brokerWorkflow } from './fixtures/broker-workflows';
import { CREDENTIAL, TOKEN, webhookPath, webhookUrl } from './fixtures/trigger-workflows';

jest.setTimeout(180_000);

// installing the package and starting n8n takes minutes on a busy machine
const START_TIMEOUT_MS = 600_000;

// Real n8n, real HTTP to local Bybit and OKX stubs that check signatures and answer as their APIs do.
const BYBIT_KEY = { apiKey: 'test-only-e2e-bybit-api-key', secret: 'test-only-e2e-bybit-secret' };
const BYBIT_CREDENTIAL = { id: 'tvE2eBybitCred01', name: 'Bybit stub', type: 'bybitApi' };
const BYBIT_WORKFLOW = brokerWorkflow({
	id: 'tvE2eBybitFlow01',
	webhookId: 'ab4f7586-b123-4d34-8e56-071829304a52',
	triggerOptions: { duplicateWindowMinutes: 0 },
	orderParameters: { broker: 'bybit', placeOptions: { maxAttempts: 3 } },
	orderCredentials: { bybitApi: { id: BYBIT_CREDENTIAL.id, name: BYBIT_CREDENTIAL.name } },
});

const OKX_KEY = { apiKey: 'test-only-e2e-okx-api-key', secret: 'test-only-e2e-okx-secret', passphrase: 'test-only-e2e-okx-passphrase' };
const OKX_CREDENTIAL = { id: 'tvE2eOkxCred0001', name: 'OKX stub', type: 'okxApi' };
const OKX_WORKFLOW = brokerWorkflow({
	id: 'tvE2eOkxFlow0001',
	webhookId: 'bc508697-c234-4e45-9f67-18293a405b63',
	triggerOptions: { duplicateWindowMinutes: 0 },
	orderParameters: { broker: 'okx', placeOptions: { maxAttempts: 3 } },
	orderCredentials: { okxApi: { id: OKX_CREDENTIAL.id, name: OKX_CREDENTIAL.name } },
});

const n8n = new N8nInstance(e2eEnvironment(), 'perpetuals');
let bybit: BybitStub;
let okx: OkxStub;
let sequence = 0;

function alert(symbol: string, extra: Record<string, unknown> = {}): string {
	sequence += 1;
	return JSON.stringify({ token: TOKEN, id: `perp-${Date.now()}-${sequence}`, action: 'buy', symbol, qty: 0.01, price: 60000, ...extra });
}

async function runAlert(workflow: { id: string; nodes: Array<Record<string, unknown>> }, body: string, count: number): Promise<ExecutionRecord> {
	expect((await sendAlert(webhookUrl(n8n.baseUrl, workflow), body)).body.status).toBe('accepted');
	const executions = await waitForExecutions(n8n.n8nDatabase, workflow.id, count);
	expect(executions).toHaveLength(count);
	return executions[count - 1];
}

const output = (execution: ExecutionRecord) => execution.outputs['Broker Order'][0][0];

beforeAll(async () => {
	bybit = await BybitStub.start(BYBIT_KEY);
	okx = await OkxStub.start({ ...OKX_KEY, demo: true });
	await n8n.installPackage();
	await n8n.importCredentials([
		CREDENTIAL,
		{ ...BYBIT_CREDENTIAL, data: { ...BYBIT_KEY, environment: 'testnet', positionMode: 'one-way', leverage: 5, baseUrl: bybit.baseUrl } },
		{ ...OKX_CREDENTIAL, data: { ...OKX_KEY, environment: 'demo', positionMode: 'one-way', marginMode: 'cross', leverage: 0, baseUrl: okx.baseUrl } },
	]);
	await n8n.importAndPublish([BYBIT_WORKFLOW, OKX_WORKFLOW]);
	await n8n.start();
	await n8n.waitForWebhook(webhookPath(BYBIT_WORKFLOW));
	await n8n.waitForWebhook(webhookPath(OKX_WORKFLOW));
}, START_TIMEOUT_MS);

afterAll(async () => {
	await n8n.stop();
	await bybit?.close();
	await okx?.close();
});

describe('TradingView Trigger → Broker Order (Bybit USDT perpetual stub, through ccxt) in a real n8n', () => {
	const ordersFor = (clientOrderId: unknown) => [...bybit.book.orders.values()].filter((order) => order.clientId === clientOrderId);

	it('places one signed order per alert (leverage set first), and never a second when the alert is delivered twice', async () => {
		const body = alert('BYBIT:BTCUSDT.P');
		const first = await runAlert(BYBIT_WORKFLOW, body, 1);
		const second = await runAlert(BYBIT_WORKFLOW, body, 2);

		expect(first.status).toBe('success');
		expect(output(first)).toMatchObject({ broker: 'bybit', status: 'filled', filledQuantity: 0.01, averagePrice: 60000, alreadyPlaced: false });
		expect(output(second)).toMatchObject({ alreadyPlaced: true, orderId: output(first).orderId });
		expect(ordersFor(output(first).clientOrderId)).toHaveLength(1);
		expect(bybit.orderBodies()[0]).toEqual(expect.objectContaining({ category: 'linear', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Market', qty: '0.01', positionIdx: 0 }));
		expect(bybit.book.leverage.get('BTCUSDT')).toBe('5');
		expect(JSON.stringify([first.outputs, second.outputs])).not.toContain(BYBIT_KEY.secret);
	});

	it('retries a 503 with the same orderLinkId and ends with one order', async () => {
		bybit.http.failNext(1, { status: 503, body: 'Service Unavailable' }, { method: 'POST', path: '/v5/order/create' });
		const execution = await runAlert(BYBIT_WORKFLOW, alert('BTCUSDT.P', { qty: 0.002 }), 3);

		expect(execution.status).toBe('success');
		expect(ordersFor(output(execution).clientOrderId)).toHaveLength(1);
	});

	it('ends with one order when Bybit took it but the answer was lost', async () => {
		bybit.http.loseNextAnswer({ method: 'POST', path: '/v5/order/create' }, NO_ANSWER);
		const execution = await runAlert(BYBIT_WORKFLOW, alert('BTCUSDT.P', { qty: 0.003 }), 4);

		expect(execution.status).toBe('success');
		expect(ordersFor(output(execution).clientOrderId)).toHaveLength(1);
	});

	it('places the take profit and stop loss with the entry', async () => {
		const execution = await runAlert(BYBIT_WORKFLOW, alert('ETHUSDT.P', { qty: 0.1, takeProfit: { limitPrice: 66000 }, stopLoss: { stopPrice: 57000 } }), 5);

		expect(execution.status).toBe('success');
		const [order] = ordersFor(output(execution).clientOrderId);
		expect(order).toMatchObject({ symbol: 'ETHUSDT', takeProfit: '66000', stopLoss: '57000' });
	});

	it('exits with a reduce-only order of the position held (an exit larger than the position closes it)', async () => {
		const execution = await runAlert(BYBIT_WORKFLOW, alert('BTCUSDT.P', { action: 'exit', qty: 0.02, price: 59000 }), 6);

		expect(execution.status).toBe('success');
		expect(ordersFor(output(execution).clientOrderId)).toEqual([expect.objectContaining({ side: 'sell', reduceOnly: true, quantity: 0.015 })]);
		expect(bybit.book.positions.get('BTCUSDT:net')?.size).toBe(0);
	});
});

describe('TradingView Trigger → Broker Order (OKX USDT swap stub, through ccxt) in a real n8n', () => {
	const ordersFor = (clientOrderId: unknown) => [...okx.book.orders.values()].filter((order) => order.clientId === String(clientOrderId).replace(/-/g, ''));

	it('places one signed demo-trading order per alert in contracts, and never a second when the alert is delivered twice', async () => {
		const body = alert('OKX:BTCUSDT.P', { qty: 0.02 });
		const first = await runAlert(OKX_WORKFLOW, body, 1);
		const second = await runAlert(OKX_WORKFLOW, body, 2);

		expect(first.status).toBe('success');
		expect(output(first)).toMatchObject({ broker: 'okx', status: 'filled', filledQuantity: 0.02, alreadyPlaced: false });
		expect(output(second)).toMatchObject({ alreadyPlaced: true, orderId: output(first).orderId });
		expect(ordersFor(output(first).clientOrderId)).toHaveLength(1);
		expect(okx.orderBodies()[0]).toEqual(expect.objectContaining({ instId: 'BTC-USDT-SWAP', side: 'buy', ordType: 'market', sz: '2', tdMode: 'cross', posSide: 'net' }));
		expect(JSON.stringify([first.outputs, second.outputs])).not.toContain(OKX_KEY.passphrase);
	});

	it('retries a 503 with the same clOrdId and ends with one order', async () => {
		okx.http.failNext(1, { status: 503, body: 'Service Unavailable' }, { method: 'POST', path: '/api/v5/trade/order' });
		const execution = await runAlert(OKX_WORKFLOW, alert('BTCUSDT.P', { qty: 0.03 }), 3);

		expect(execution.status).toBe('success');
		expect(ordersFor(output(execution).clientOrderId)).toHaveLength(1);
	});

	it('ends with one order when OKX took it but the answer was lost', async () => {
		okx.http.loseNextAnswer({ method: 'POST', path: '/api/v5/trade/order' }, NO_ANSWER);
		const execution = await runAlert(OKX_WORKFLOW, alert('BTCUSDT.P', { qty: 0.01 }), 4);

		expect(execution.status).toBe('success');
		expect(ordersFor(output(execution).clientOrderId)).toHaveLength(1);
	});

	it('places the take profit and stop loss with the entry as attachAlgoOrds', async () => {
		const execution = await runAlert(OKX_WORKFLOW, alert('ETHUSDT.P', { qty: 0.1, takeProfit: { limitPrice: 66000 }, stopLoss: { stopPrice: 57000 } }), 5);

		expect(execution.status).toBe('success');
		const [order] = ordersFor(output(execution).clientOrderId);
		expect(order).toMatchObject({ symbol: 'ETH-USDT-SWAP', quantity: 1, takeProfit: '66000', stopLoss: '57000' });
	});
});
