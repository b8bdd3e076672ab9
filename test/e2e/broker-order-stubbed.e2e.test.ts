import { e2eEnvironment } from './harness/e2e-environment';
import { N8nInstance } from './harness/n8n-instance';
import { type ExecutionRecord, waitForExecutions } from './harness/n8n-executions';
import { sendAlert } from './harness/send-alert';
import { AlpacaStub } from '../contract/alpaca/alpaca-stub';
import { type OandaStub, startOandaStub } from '../contract/oanda/oanda-stub';
import { BinanceStub } from '../contract/binance/binance-stub';
import { brokerWorkflow } from './fixtures/broker-workflows';
import { CREDENTIAL, TOKEN, webhookPath, webhookUrl } from './fixtures/trigger-workflows';

jest.setTimeout(180_000);

// Real n8n, real HTTP to local stub servers that check requests as the brokers' APIs do.
const ALPACA_KEY = { keyId: 'PKE2ETESTKEY0001', secretKey: 'e2e-alpaca-secret-key-0123456789' };
const ALPACA_CREDENTIAL = { id: 'tvE2eAlpacaCred1', name: 'Alpaca stub', type: 'alpacaApi' };

const ALPACA_WORKFLOW = brokerWorkflow({
	id: 'tvE2eAlpacaFlow1',
	webhookId: '6a0c3142-7d8e-4f90-8a12-c3d4e5f60718',
	triggerOptions: { duplicateWindowMinutes: 0 },
	orderParameters: { broker: 'alpaca', placeOptions: { maxAttempts: 3 } },
	orderCredentials: { alpacaApi: { id: ALPACA_CREDENTIAL.id, name: ALPACA_CREDENTIAL.name } },
});

const OANDA_KEY = { accessToken: 'e2e-oanda-token-abcdef0123456789', accountId: '101-004-7654321-001' };
const OANDA_CREDENTIAL = { id: 'tvE2eOandaCred01', name: 'OANDA stub', type: 'oandaApi' };

const OANDA_WORKFLOW = brokerWorkflow({
	id: 'tvE2eOandaFlow01',
	webhookId: '7b1d4253-8e9f-4a01-9b23-d4e5f6071829',
	triggerOptions: { duplicateWindowMinutes: 0 },
	orderParameters: { broker: 'oanda', placeOptions: { maxAttempts: 3 } },
	orderCredentials: { oandaApi: { id: OANDA_CREDENTIAL.id, name: OANDA_CREDENTIAL.name } },
});

const BINANCE_KEY = {
	apiKey: 'test-only-e2e-binance-api-key',
	secretKey: 'test-only-e2e-binance-secret-key',
};
const BINANCE_CREDENTIAL = { id: 'tvE2eBinanceCred', name: 'Binance stub', type: 'binanceApi' };

const BINANCE_WORKFLOW = brokerWorkflow({
	id: 'tvE2eBinanceFlow',
	webhookId: '8c2e5364-9f01-4b12-8c34-e5f607182930',
	triggerOptions: { duplicateWindowMinutes: 0 },
	orderParameters: { broker: 'binance', placeOptions: { maxAttempts: 3 } },
	orderCredentials: { binanceApi: { id: BINANCE_CREDENTIAL.id, name: BINANCE_CREDENTIAL.name } },
});

const BINANCE_USDM_CREDENTIAL = { id: 'tvE2eBinanceUsdm', name: 'Binance USD-M stub', type: 'binanceApi' };
const BINANCE_USDM_WORKFLOW = brokerWorkflow({
	id: 'tvE2eBinanceUsdm',
	webhookId: '9d3f6475-a012-4c23-9d45-f60718293a41',
	orderParameters: { broker: 'binance', placeOptions: { maxAttempts: 3 } },
	orderCredentials: { binanceApi: { id: BINANCE_USDM_CREDENTIAL.id, name: BINANCE_USDM_CREDENTIAL.name } },
});

const n8n = new N8nInstance(e2eEnvironment(), 'stubbed');
let binance: BinanceStub;
let alpaca: AlpacaStub;
let oanda: OandaStub;
let sequence = 0;

function alert(extra: Record<string, unknown> = {}): string {
	sequence += 1;
	return JSON.stringify({ token: TOKEN, id: `stubbed-${Date.now()}-${sequence}`, action: 'buy', symbol: 'AAPL', qty: 2, price: 190, ...extra });
}

async function runAlert(workflow: { id: string; nodes: Array<Record<string, unknown>> }, body: string, count: number): Promise<ExecutionRecord> {
	expect((await sendAlert(webhookUrl(n8n.baseUrl, workflow), body)).body.status).toBe('accepted');
	const executions = await waitForExecutions(n8n.n8nDatabase, workflow.id, count);
	expect(executions).toHaveLength(count);
	return executions[count - 1];
}

beforeAll(async () => {
	alpaca = await AlpacaStub.start({ ...ALPACA_KEY, cash: 1_000_000, fillPrice: 190 });
	binance = await BinanceStub.start({ ...BINANCE_KEY, balances: { USDT: '100000', BTC: '0' } });
	oanda = await startOandaStub({ token: OANDA_KEY.accessToken, accountId: OANDA_KEY.accountId, prices: { EUR_USD: 1.085 } });
	await n8n.installPackage();
	await n8n.importCredentials([
		CREDENTIAL,
		{ ...ALPACA_CREDENTIAL, data: { ...ALPACA_KEY, environment: 'paper', baseUrl: alpaca.baseUrl } },
		{ ...OANDA_CREDENTIAL, data: { ...OANDA_KEY, environment: 'practice', baseUrl: oanda.url } },
		{ ...BINANCE_CREDENTIAL, data: { ...BINANCE_KEY, environment: 'testnet', market: 'spot', baseUrl: binance.baseUrl } },
		{ ...BINANCE_USDM_CREDENTIAL, data: { ...BINANCE_KEY, environment: 'testnet', market: 'usdm', baseUrl: binance.baseUrl } },
	]);
	await n8n.importAndPublish([ALPACA_WORKFLOW, OANDA_WORKFLOW, BINANCE_WORKFLOW, BINANCE_USDM_WORKFLOW]);
	await n8n.start();
	await n8n.waitForWebhook(webhookPath(ALPACA_WORKFLOW));
	await n8n.waitForWebhook(webhookPath(OANDA_WORKFLOW));
	await n8n.waitForWebhook(webhookPath(BINANCE_WORKFLOW));
	await n8n.waitForWebhook(webhookPath(BINANCE_USDM_WORKFLOW));
});

afterAll(async () => {
	await n8n.stop();
	await alpaca?.close();
	await oanda?.close();
	await binance?.close();
});

describe('TradingView Trigger → Broker Order (Alpaca stub) in a real n8n', () => {
	const posts = () => alpaca.count('POST', '/v2/orders');

	it('places exactly one order per alert, with the signed-in headers and the documented body', async () => {
		const before = posts();
		const execution = await runAlert(ALPACA_WORKFLOW, alert(), 1);
		expect(execution.status).toBe('success');
		const [output] = execution.outputs['Broker Order'][0];
		expect(output).toMatchObject({ broker: 'alpaca', status: 'filled', filledQuantity: 2, averagePrice: 190, alreadyPlaced: false });
		expect(posts()).toBe(before + 1);
		expect(JSON.stringify(execution.outputs)).not.toContain(ALPACA_KEY.secretKey);
	});

	it('never places a second order when the same alert arrives twice', async () => {
		const before = posts();
		const body = alert({ symbol: 'MSFT' });
		const first = await runAlert(ALPACA_WORKFLOW, body, 2);
		const second = await runAlert(ALPACA_WORKFLOW, body, 3);
		const outputs = [first, second].map((execution) => execution.outputs['Broker Order'][0][0]);
		expect(outputs.map((output) => output.alreadyPlaced)).toEqual([false, true]);
		expect(outputs[0].orderId).toBe(outputs[1].orderId);
		expect(alpaca.orders.filter((order) => order.client_order_id === outputs[0].clientOrderId)).toHaveLength(1);
		// The second run finds the client order id claimed in the ledger and reads the order back: no second POST.
		expect(posts()).toBe(before + 1);
	});

	it('retries a 503 with the same client order id and ends with one order', async () => {
		alpaca.failNext(1, 503, { message: 'service unavailable' }, { method: 'POST', path: '/v2/orders' });
		const execution = await runAlert(ALPACA_WORKFLOW, alert({ symbol: 'NVDA' }), 4);
		const [output] = execution.outputs['Broker Order'][0];
		expect(output).toMatchObject({ status: 'filled' });
		expect(alpaca.orders.filter((order) => order.client_order_id === output.clientOrderId)).toHaveLength(1);
	});

	it('ends in success, not a second order, when the broker took the order but the answer was lost', async () => {
		alpaca.takeThenFail(503);
		const execution = await runAlert(ALPACA_WORKFLOW, alert({ symbol: 'AMZN' }), 5);
		expect(execution.status).toBe('success');
		const [output] = execution.outputs['Broker Order'][0];
		expect(alpaca.orders.filter((order) => order.client_order_id === output.clientOrderId)).toHaveLength(1);
		expect(output.orderId).toBe(alpaca.orders.find((order) => order.client_order_id === output.clientOrderId)?.id);
	});

	it("turns a broker rejection into an error naming Alpaca's code and message", async () => {
		const execution = await runAlert(ALPACA_WORKFLOW, alert({ symbol: 'TSLA', qty: 1_000_000_000 }), 6);
		expect(execution.status).toBe('error');
		expect(execution.errors['Broker Order']).toMatch(/alpaca/i);
	});
});

describe('TradingView Trigger → Broker Order (OANDA stub) in a real n8n', () => {
	const fxAlert = (extra: Record<string, unknown> = {}) => alert({ symbol: 'EURUSD', qty: 1000, price: 1.085, ...extra });

	it('places one FOK market order per alert with negative units for a sell, and never a second for a resend', async () => {
		const body = fxAlert({ action: 'sell' });
		const first = await runAlert(OANDA_WORKFLOW, body, 1);
		const second = await runAlert(OANDA_WORKFLOW, body, 2);
		expect(first.status).toBe('success');
		const outputs = [first, second].map((execution) => execution.outputs['Broker Order'][0][0]);
		expect(outputs[0]).toMatchObject({ broker: 'oanda', status: 'filled', filledQuantity: 1000, alreadyPlaced: false });
		expect(outputs[1]).toMatchObject({ alreadyPlaced: true, orderId: outputs[0].orderId });
		expect(oanda.entryOrders(String(outputs[0].clientOrderId))).toHaveLength(1);
		const [post] = oanda.orderPosts().filter((request) => JSON.stringify(request.body).includes(String(outputs[0].clientOrderId)));
		expect(post.body).toMatchObject({ order: { type: 'MARKET', instrument: 'EUR_USD', units: '-1000', timeInForce: 'FOK' } });
		expect(post.headers.authorization).toBe(`Bearer ${OANDA_KEY.accessToken}`);
		expect(JSON.stringify([first.outputs, second.outputs])).not.toContain(OANDA_KEY.accessToken);
	});

	it('ends with one order when the broker took it but answered 503', async () => {
		oanda.takeThenFail(503);
		const execution = await runAlert(OANDA_WORKFLOW, fxAlert({ action: 'buy' }), 3);
		expect(execution.status).toBe('success');
		const [output] = execution.outputs['Broker Order'][0];
		expect(oanda.entryOrders(String(output.clientOrderId))).toHaveLength(1);
	});

	it('retries a 503 with the same client order id and ends with one order', async () => {
		oanda.failNext(1, 503, { errorMessage: 'service unavailable' }, { method: 'POST', endpoint: '/orders' });
		const execution = await runAlert(OANDA_WORKFLOW, fxAlert({ action: 'buy', qty: 500 }), 4);
		expect(execution.status).toBe('success');
		const [output] = execution.outputs['Broker Order'][0];
		expect(output).toMatchObject({ status: 'filled', filledQuantity: 500 });
		expect(oanda.entryOrders(String(output.clientOrderId))).toHaveLength(1);
	});
});

describe('TradingView Trigger → Broker Order (Binance spot stub, through ccxt) in a real n8n', () => {
	const cryptoAlert = (extra: Record<string, unknown> = {}) => alert({ symbol: 'BTCUSDT', qty: 0.0123456, price: 30000, ...extra });
	const ordersFor = (clientOrderId: unknown) => binance.spot.orders.filter((order) => order.clientOrderId === clientOrderId);

	it('places one signed order per alert, quantity rounded down to the lot step, never a second for a resend', async () => {
		const body = cryptoAlert();
		const first = await runAlert(BINANCE_WORKFLOW, body, 1);
		expect(first.status).toBe('success');
		const second = await runAlert(BINANCE_WORKFLOW, body, 2);
		const outputs = [first, second].map((execution) => execution.outputs['Broker Order'][0][0]);
		expect(outputs[0]).toMatchObject({ broker: 'binance', status: 'filled', alreadyPlaced: false });
		expect(outputs[1]).toMatchObject({ alreadyPlaced: true, orderId: outputs[0].orderId });
		const orders = ordersFor(outputs[0].clientOrderId);
		expect(orders).toHaveLength(1);
		expect(orders[0]).toMatchObject({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', origQty: '0.01234000' });
		expect(JSON.stringify([first.outputs, second.outputs])).not.toContain(BINANCE_KEY.secretKey);
	});

	it('ends with one order when Binance took it but answered 503', async () => {
		binance.takeThenFail(503);
		const execution = await runAlert(BINANCE_WORKFLOW, cryptoAlert({ qty: 0.002 }), 3);
		expect(execution.status).toBe('success');
		expect(ordersFor(execution.outputs['Broker Order'][0][0].clientOrderId)).toHaveLength(1);
	});

	it('retries a 503 with the same client order id and ends with one order', async () => {
		binance.failNext(1, 503, { code: -1001, msg: 'Internal error' }, { method: 'POST', path: '/api/v3/order' });
		const execution = await runAlert(BINANCE_WORKFLOW, cryptoAlert({ qty: 0.003 }), 4);
		expect(execution.status).toBe('success');
		expect(ordersFor(execution.outputs['Broker Order'][0][0].clientOrderId)).toHaveLength(1);
	});

	it('trades USD-M futures: one order per alert, and a reduce-only order to exit', async () => {
		const usdmOrders = (clientOrderId: unknown) => binance.usdm.orders.filter((order) => order.clientOrderId === clientOrderId);
		const open = await runAlert(BINANCE_USDM_WORKFLOW, cryptoAlert({ action: 'sell', qty: 0.01, price: 60000 }), 1);
		expect(open.status).toBe('success');
		const [opened] = open.outputs['Broker Order'][0];
		expect(usdmOrders(opened.clientOrderId)).toEqual([expect.objectContaining({ side: 'SELL', reduceOnly: false })]);
		const exit = await runAlert(BINANCE_USDM_WORKFLOW, cryptoAlert({ action: 'exit', price: 59000 }), 2);
		expect(exit.status).toBe('success');
		const [closed] = exit.outputs['Broker Order'][0];
		expect(usdmOrders(closed.clientOrderId)).toEqual([expect.objectContaining({ side: 'BUY', reduceOnly: true })]);
		expect(binance.usdm.positions.get('BTCUSDT')?.amount ?? 0n).toBe(0n);
	});
});
