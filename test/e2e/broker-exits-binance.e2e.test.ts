import { e2eEnvironment } from './harness/e2e-environment';
import { N8nInstance } from './harness/n8n-instance';
import { type ExecutionRecord, waitForExecutions } from './harness/n8n-executions';
import { sendAlert } from './harness/send-alert';
import { BinanceStub, type StubRequest } from '../contract/binance/binance-stub';
import { brokerWorkflow } from './fixtures/broker-workflows';
import { CREDENTIAL, TOKEN, webhookPath, webhookUrl } from './fixtures/trigger-workflows';

jest.setTimeout(180_000);

// Exits on Binance in a real n8n: TradingView Trigger → Broker Order against the Binance stub
// (spot OCO after the fill, USD-M algo orders), a resend that places nothing twice, an exit
// alert that cancels the exits first, and a move to break-even.

const KEY = { apiKey: 'test-only-e2e-binance-exits-key', secretKey: 'test-only-e2e-binance-exits-secret' };
const SPOT_CREDENTIAL = { id: 'tvE2eBnExitsSpot', name: 'Binance exits spot stub', type: 'binanceApi' };
const USDM_CREDENTIAL = { id: 'tvE2eBnExitsUsdm', name: 'Binance exits USD-M stub', type: 'binanceApi' };

const SPOT_WORKFLOW = brokerWorkflow({
	id: 'tvE2eBnExitSpotF',
	webhookId: 'ae4f7586-b123-4d34-8e56-0718293a4b52',
	triggerOptions: { duplicateWindowMinutes: 0 },
	orderParameters: { broker: 'binance', placeOptions: { maxAttempts: 3 } },
	orderCredentials: { binanceApi: { id: SPOT_CREDENTIAL.id, name: SPOT_CREDENTIAL.name } },
});
const USDM_WORKFLOW = brokerWorkflow({
	id: 'tvE2eBnExitUsdmF',
	webhookId: 'bf508697-c234-4e45-9f67-18293a4b5c63',
	triggerOptions: { duplicateWindowMinutes: 0 },
	orderParameters: { broker: 'binance', placeOptions: { maxAttempts: 3 } },
	orderCredentials: { binanceApi: { id: USDM_CREDENTIAL.id, name: USDM_CREDENTIAL.name } },
});

const n8n = new N8nInstance(e2eEnvironment(), 'binance-exits');
let binance: BinanceStub;
let sequence = 0;
const runs = new Map<string, number>();

function alert(extra: Record<string, unknown>): string {
	sequence += 1;
	return JSON.stringify({ token: TOKEN, id: `binance-exits-${Date.now()}-${sequence}`, symbol: 'BTCUSDT', ...extra });
}

async function run(workflow: { id: string; nodes: Array<Record<string, unknown>> }, body: string): Promise<Record<string, any>> {
	const count = (runs.get(workflow.id) ?? 0) + 1;
	runs.set(workflow.id, count);
	expect((await sendAlert(webhookUrl(n8n.baseUrl, workflow), body)).body.status).toBe('accepted');
	const executions: ExecutionRecord[] = await waitForExecutions(n8n.n8nDatabase, workflow.id, count);
	expect(executions).toHaveLength(count);
	const execution = executions[count - 1];
	expect(execution.status).toBe('success');
	expect(JSON.stringify(execution.outputs)).not.toContain(KEY.secretKey);
	return execution.outputs['Broker Order'][0][0] as Record<string, any>;
}

const signedParams = (request: StubRequest) => {
	const { timestamp: _t, recvWindow: _r, signature: _s, ...rest } = request.params;
	return rest;
};
const requests = (method: string, path: string) => binance.requests.filter((request) => request.method === method && request.path === path);

beforeAll(async () => {
	binance = await BinanceStub.start({ ...KEY, balances: { USDT: '100000', BTC: '0' } });
	await n8n.installPackage();
	await n8n.importCredentials([
		CREDENTIAL,
		{ ...SPOT_CREDENTIAL, data: { ...KEY, environment: 'testnet', market: 'spot', baseUrl: binance.baseUrl } },
		{ ...USDM_CREDENTIAL, data: { ...KEY, environment: 'testnet', market: 'usdm', baseUrl: binance.baseUrl } },
	]);
	await n8n.importAndPublish([SPOT_WORKFLOW, USDM_WORKFLOW]);
	await n8n.start();
	await n8n.waitForWebhook(webhookPath(SPOT_WORKFLOW));
	await n8n.waitForWebhook(webhookPath(USDM_WORKFLOW));
});

afterAll(async () => {
	await n8n.stop();
	await binance?.close();
});

describe('Binance spot exits in a real n8n', () => {
	const entryBody = alert({ action: 'buy', qty: 0.01, price: 30000, takeProfit: { limitPrice: 33000 }, stopLoss: { stopPrice: 29000 } });

	it('an entry with take profit and stop loss fills, then one OCO sell of its quantity goes to POST /api/v3/orderList/oco', async () => {
		const output = await run(SPOT_WORKFLOW, entryBody);

		const id = output.clientOrderId as string;
		expect(output).toMatchObject({ broker: 'binance', status: 'filled', filledQuantity: 0.01, alreadyPlaced: false });
		expect(output.orders[0].exits.map((exit: Record<string, unknown>) => [exit.clientOrderId, exit.type, exit.limitPrice, exit.stopPrice, exit.status])).toEqual([
			[`${id}-sl`, 'stop', null, 29000, 'open'],
			[`${id}-tp`, 'limit', 33000, null, 'open'],
		]);
		expect(requests('POST', '/api/v3/orderList/oco').map(signedParams)).toEqual([
			{
				symbol: 'BTCUSDT',
				listClientOrderId: `${id}-oco`,
				side: 'SELL',
				quantity: '0.01',
				aboveType: 'LIMIT_MAKER',
				aboveClientOrderId: `${id}-tp`,
				abovePrice: '33000',
				belowType: 'STOP_LOSS',
				belowClientOrderId: `${id}-sl`,
				belowStopPrice: '29000',
				newOrderRespType: 'RESULT',
			},
		]);
		expect(binance.spot.lists.map((list) => [list.listClientOrderId, list.listStatusType])).toEqual([[`${id}-oco`, 'EXEC_STARTED']]);
		expect(binance.spot.locked.get('BTC')).toBe(1_000_000n);
	});

	it('a resend of the entry places nothing: the entry and its OCO are read back', async () => {
		const output = await run(SPOT_WORKFLOW, entryBody);

		expect(output).toMatchObject({ alreadyPlaced: true });
		expect(output.orders[0].exits).toHaveLength(2);
		expect(requests('POST', '/api/v3/order')).toHaveLength(1);
		expect(requests('POST', '/api/v3/orderList/oco')).toHaveLength(1);
	});

	it('an exit alert cancels the OCO holding the coins, then sells them', async () => {
		const before = binance.requests.length;
		const output = await run(SPOT_WORKFLOW, alert({ action: 'exit', price: 30500 }));

		const after = binance.requests.slice(before).map((request) => `${request.method} ${request.path}`);
		expect(after.indexOf('DELETE /api/v3/orderList')).toBeGreaterThan(-1);
		expect(after.indexOf('DELETE /api/v3/orderList')).toBeLessThan(after.lastIndexOf('POST /api/v3/order'));
		expect(output).toMatchObject({ role: 'exit', status: 'filled', filledQuantity: 0.01 });
		expect(binance.spot.lists.map((list) => list.listStatusType)).toEqual(['ALL_DONE']);
		expect(binance.spot.orders.filter((order) => order.orderListId !== -1).map((order) => order.status)).toEqual(['CANCELED', 'CANCELED']);
		expect(binance.spot.free.get('BTC')).toBe(0n);
		expect(binance.spot.locked.get('BTC')).toBe(0n);
	});
});

describe('Binance USD-M exits in a real n8n', () => {
	const entryBody = alert({ action: 'buy', qty: 0.01, price: 60000, takeProfit: { limitPrice: 66000 }, stopLoss: { percent: 5 } });
	const algoPosts = () => requests('POST', '/fapi/v1/algoOrder').map(signedParams);

	it('an entry with take profit and stop loss places two reduce-only algo orders; a resend places nothing', async () => {
		const output = await run(USDM_WORKFLOW, entryBody);
		const resent = await run(USDM_WORKFLOW, entryBody);

		const id = output.clientOrderId as string;
		expect(output).toMatchObject({ status: 'filled', filledQuantity: 0.01, alreadyPlaced: false });
		expect(algoPosts()).toEqual([
			{ algoType: 'CONDITIONAL', symbol: 'BTCUSDT', side: 'SELL', type: 'TAKE_PROFIT_MARKET', triggerPrice: '66000', quantity: '0.01', reduceOnly: 'true', clientAlgoId: `${id}-tp` },
			{ algoType: 'CONDITIONAL', symbol: 'BTCUSDT', side: 'SELL', type: 'STOP_MARKET', triggerPrice: '57000', quantity: '0.01', reduceOnly: 'true', clientAlgoId: `${id}-sl` },
		]);
		expect(resent).toMatchObject({ alreadyPlaced: true });
		expect(resent.orders[0].exits.map((exit: Record<string, unknown>) => exit.clientOrderId)).toEqual([`${id}-tp`, `${id}-sl`]);
		expect(binance.usdm.algo.orders).toHaveLength(2);
		expect(requests('POST', '/fapi/v1/order')).toHaveLength(1);
	});

	it('a breakeven alert moves the stop loss to the entry price once the price is past it', async () => {
		binance.usdm.setPrice('BTCUSDT', '62000');
		const output = await run(USDM_WORKFLOW, alert({ action: 'breakeven', price: 62000 }));

		expect(output.stopsMoved.map((order: Record<string, unknown>) => [order.stopPrice, order.status])).toEqual([[60000, 'open']]);
		expect(binance.usdm.algo.orders.map((order) => [order.orderType, order.triggerPrice, order.algoStatus])).toEqual([
			['TAKE_PROFIT_MARKET', '66000', 'NEW'],
			['STOP_MARKET', '57000', 'CANCELED'],
			['STOP_MARKET', '60000', 'NEW'],
		]);
	});

	it('an exit alert cancels the open exits and closes the position with a reduce-only order', async () => {
		const output = await run(USDM_WORKFLOW, alert({ action: 'exit', price: 62000 }));

		expect(output).toMatchObject({ role: 'exit', status: 'filled', filledQuantity: 0.01 });
		expect(binance.usdm.algo.orders.map((order) => order.algoStatus)).toEqual(['CANCELED', 'CANCELED', 'CANCELED']);
		expect(binance.usdm.orders.map((order) => [order.side, order.reduceOnly])).toEqual([
			['BUY', false],
			['SELL', true],
		]);
		expect(binance.usdm.positions.get('BTCUSDT')).toBeUndefined();
	});
});
