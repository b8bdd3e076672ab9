import { e2eEnvironment } from './harness/e2e-environment';
import { N8nInstance } from './harness/n8n-instance';
import { type ExecutionRecord, waitForExecutions } from './harness/n8n-executions';
import { sendAlert } from './harness/send-alert';
import { AlpacaStub } from '../contract/alpaca/alpaca-stub';
import { type OandaStub, startOandaStub } from '../contract/oanda/oanda-stub';
import { brokerWorkflow } from './fixtures/broker-workflows';
import { CREDENTIAL, TOKEN, webhookPath, webhookUrl } from './fixtures/trigger-workflows';

jest.setTimeout(180_000);

// Exits on Alpaca and OANDA in a real n8n, against the stubs that model the brokers' documented
// behaviour: bracket legs that hold the shares, a trailing stop placed after the fill, OANDA's
// on-fill exits that close with their trade, the move to break-even.

const ALPACA_KEY = { keyId: 'PKE2EEXITSKEY001', secretKey: 'e2e-exits-alpaca-secret-0123456789' };
const ALPACA_CREDENTIAL = { id: 'tvE2eExitAlpCred', name: 'Alpaca exits stub', type: 'alpacaApi' };
const ALPACA_WORKFLOW = brokerWorkflow({
	id: 'tvE2eExitAlpFlow',
	webhookId: 'a1e2c3d4-0001-4e5f-8a9b-0c1d2e3f4a51',
	triggerOptions: { duplicateWindowMinutes: 0 },
	orderParameters: { broker: 'alpaca', placeOptions: { maxAttempts: 3 } },
	orderCredentials: { alpacaApi: { id: ALPACA_CREDENTIAL.id, name: ALPACA_CREDENTIAL.name } },
});

const OANDA_KEY = { accessToken: 'e2e-exits-oanda-token-0123456789ab', accountId: '101-004-7654321-002' };
const OANDA_CREDENTIAL = { id: 'tvE2eExitOanCred', name: 'OANDA exits stub', type: 'oandaApi' };
const OANDA_WORKFLOW = brokerWorkflow({
	id: 'tvE2eExitOanFlow',
	webhookId: 'b2f3d4e5-0002-4f6a-9b0c-1d2e3f4a5b62',
	triggerOptions: { duplicateWindowMinutes: 0 },
	orderParameters: { broker: 'oanda', placeOptions: { maxAttempts: 3 } },
	orderCredentials: { oandaApi: { id: OANDA_CREDENTIAL.id, name: OANDA_CREDENTIAL.name } },
});

const n8n = new N8nInstance(e2eEnvironment(), 'exits-alpaca-oanda');
let alpaca: AlpacaStub;
let oanda: OandaStub;
let sequence = 0;
const runs = new Map<string, number>();

type Output = Record<string, any>;

function alertBody(fields: Record<string, unknown>, id?: string): string {
	sequence += 1;
	return JSON.stringify({ token: TOKEN, id: id ?? `exits-${Date.now()}-${sequence}`, ...fields });
}

async function run(workflow: { id: string; nodes: Array<Record<string, unknown>> }, body: string): Promise<{ execution: ExecutionRecord; output: Output }> {
	const count = (runs.get(workflow.id) ?? 0) + 1;
	runs.set(workflow.id, count);
	expect((await sendAlert(webhookUrl(n8n.baseUrl, workflow), body)).body.status).toBe('accepted');
	const executions = await waitForExecutions(n8n.n8nDatabase, workflow.id, count);
	expect(executions).toHaveLength(count);
	const execution = executions[count - 1];
	expect(execution.status).toBe('success');
	return { execution, output: execution.outputs['Broker Order'][0][0] as Output };
}

beforeAll(async () => {
	alpaca = await AlpacaStub.start({ ...ALPACA_KEY, cash: 1_000_000, fillPrice: 190 });
	oanda = await startOandaStub({ token: OANDA_KEY.accessToken, accountId: OANDA_KEY.accountId, prices: { EUR_USD: 1.085, GBP_USD: 1.27 } });
	await n8n.installPackage();
	await n8n.importCredentials([
		CREDENTIAL,
		{ ...ALPACA_CREDENTIAL, data: { ...ALPACA_KEY, environment: 'paper', baseUrl: alpaca.baseUrl } },
		{ ...OANDA_CREDENTIAL, data: { ...OANDA_KEY, environment: 'practice', baseUrl: oanda.url } },
	]);
	await n8n.importAndPublish([ALPACA_WORKFLOW, OANDA_WORKFLOW]);
	await n8n.start();
	await n8n.waitForWebhook(webhookPath(ALPACA_WORKFLOW));
	await n8n.waitForWebhook(webhookPath(OANDA_WORKFLOW));
});

afterAll(async () => {
	await n8n.stop();
	await alpaca?.close();
	await oanda?.close();
});

describe('Exits on Alpaca (stub) in a real n8n', () => {
	const calls = () => alpaca.requests.map((request) => `${request.method} ${request.path}`);
	const posts = () => alpaca.requests.filter((request) => request.method === 'POST' && request.path === '/v2/orders');

	it('an entry with a take profit (percent) and a stop loss (amount) is one bracket order; the stub holds its legs', async () => {
		const { output } = await run(ALPACA_WORKFLOW, alertBody({ action: 'buy', symbol: 'NASDAQ:AAPL', quantity: 10, price: 190, takeProfit: { percent: 5 }, stopLoss: { amount: 3.333 } }));

		expect(output).toMatchObject({ broker: 'alpaca', status: 'filled', filledQuantity: 10 });
		expect(posts().at(-1)?.body).toEqual({
			symbol: 'AAPL',
			qty: '10',
			side: 'buy',
			type: 'market',
			time_in_force: 'gtc',
			client_order_id: output.clientOrderId,
			order_class: 'bracket',
			take_profit: { limit_price: '199.5' },
			stop_loss: { stop_price: '186.67' },
		});
		const entry = alpaca.book.findByClientId(output.clientOrderId)!;
		expect(entry.legs?.map((leg) => [leg.side, leg.type, leg.limit_price, leg.stop_price, leg.status, leg.qty])).toEqual([
			['sell', 'limit', '199.5', null, 'new', '10'],
			['sell', 'stop', null, '186.67', 'held', '10'],
		]);
		expect(JSON.stringify(output)).not.toContain(ALPACA_KEY.secretKey);
	});

	it('a breakeven alert moves the stop-loss leg to the average entry price', async () => {
		const before = alpaca.requests.length;
		const { output } = await run(ALPACA_WORKFLOW, alertBody({ action: 'breakeven', symbol: 'AAPL', price: 195 }));

		expect(output.stopsMoved).toEqual([expect.objectContaining({ symbol: 'AAPL', side: 'sell', type: 'stop', stopPrice: 190, quantity: 10 })]);
		const patches = alpaca.requests.slice(before).filter((request) => request.method === 'PATCH');
		expect(patches.map((request) => request.body)).toEqual([{ stop_price: '190' }]);
		expect(alpaca.orders.filter((order) => order.symbol === 'AAPL' && order.type === 'stop').map((order) => [order.stop_price, order.status])).toEqual([
			['186.67', 'replaced'],
			['190', 'held'],
		]);
	});

	it('an exit alert cancels the legs holding the shares first, then closes the position', async () => {
		const before = alpaca.requests.length;
		const { output } = await run(ALPACA_WORKFLOW, alertBody({ action: 'exit', symbol: 'AAPL', price: 191 }));

		expect(output).toMatchObject({ role: 'exit', status: 'filled', filledQuantity: 10 });
		const sequenceOfWrites = calls()
			.slice(before)
			.filter((call) => !call.startsWith('GET'));
		expect(sequenceOfWrites).toHaveLength(3);
		expect(sequenceOfWrites.slice(0, 2).every((call) => call.startsWith('DELETE /v2/orders/'))).toBe(true);
		expect(sequenceOfWrites[2]).toBe('POST /v2/orders');
		expect(alpaca.orders.filter((order) => order.symbol === 'AAPL' && order.order_type !== 'market').map((order) => order.status)).toEqual(['canceled', 'replaced', 'canceled']);
		expect(alpaca.book.holdings.has('AAPL')).toBe(false);
	});

	it('a trailing-stop entry: the entry, then a trailing_stop order once it filled; a resend places nothing twice; the exit cancels it first', async () => {
		const body = alertBody({ action: 'buy', symbol: 'MSFT', quantity: 4, price: 190, stopLoss: { type: 'trailing_stop', percent: 1 } });
		const { output } = await run(ALPACA_WORKFLOW, body);

		const trailId = `${output.clientOrderId}-trail`;
		expect(output.orders[0].exits).toEqual([expect.objectContaining({ clientOrderId: trailId, side: 'sell', type: 'stop', quantity: 4, stopPrice: 188.1 })]);
		expect(posts().slice(-2).map((request) => request.body)).toEqual([
			{ symbol: 'MSFT', qty: '4', side: 'buy', type: 'market', time_in_force: 'gtc', client_order_id: output.clientOrderId },
			{ symbol: 'MSFT', qty: '4', side: 'sell', type: 'trailing_stop', time_in_force: 'gtc', trail_percent: '1', client_order_id: trailId },
		]);

		const postsBefore = posts().length;
		const { output: again } = await run(ALPACA_WORKFLOW, body);
		expect(again).toMatchObject({ alreadyPlaced: true, clientOrderId: output.clientOrderId });
		expect(again.orders[0].exits).toEqual([expect.objectContaining({ clientOrderId: trailId })]);
		expect(posts()).toHaveLength(postsBefore);
		expect(alpaca.orders.filter((order) => order.client_order_id === trailId)).toHaveLength(1);

		const { output: exit } = await run(ALPACA_WORKFLOW, alertBody({ action: 'exit', symbol: 'MSFT', price: 192 }));
		expect(exit).toMatchObject({ status: 'filled', filledQuantity: 4 });
		expect(alpaca.book.findByClientId(trailId)?.status).toBe('canceled');
		expect(alpaca.book.holdings.has('MSFT')).toBe(false);
	});
});

describe('Exits on OANDA (stub) in a real n8n', () => {
	const dependents = (instrument: string) =>
		oanda.book.orders
			.filter((order) => order.instrument === instrument && order.tradeID !== undefined)
			.map((order) => [order.type, order.state, order.price ?? order.distance, oanda.book.transactions.find((each) => each.id === order.cancellingTransactionID)?.reason ?? null]);

	it('an entry with a take profit (percent) and a stop loss (amount): on-fill exits at the instrument precision, held by the trade', async () => {
		const { output } = await run(OANDA_WORKFLOW, alertBody({ action: 'buy', symbol: 'OANDA:EURUSD', quantity: 1000, price: 1.085, takeProfit: { percent: 1 }, stopLoss: { amount: 0.005 } }));

		expect(output).toMatchObject({ broker: 'oanda', status: 'filled', filledQuantity: 1000 });
		const post = oanda.orderPosts().at(-1)!;
		expect(post.body).toEqual({
			order: {
				type: 'MARKET',
				instrument: 'EUR_USD',
				units: '1000',
				timeInForce: 'FOK',
				positionFill: 'DEFAULT',
				clientExtensions: { id: output.clientOrderId },
				takeProfitOnFill: { price: '1.09585' },
				stopLossOnFill: { price: '1.08' },
			},
		});
		expect(dependents('EUR_USD')).toEqual([
			['TAKE_PROFIT', 'PENDING', '1.09585', null],
			['STOP_LOSS', 'PENDING', '1.08', null],
		]);
	});

	it("a breakeven alert replaces the trade's stop loss at the trade's price", async () => {
		const { output } = await run(OANDA_WORKFLOW, alertBody({ action: 'breakeven', symbol: 'EURUSD', price: 1.09 }));

		expect(output.stopsMoved).toEqual([expect.objectContaining({ symbol: 'EUR_USD', side: 'sell', type: 'stop', stopPrice: 1.085, quantity: 1000 })]);
		const [trade] = oanda.book.trades;
		expect(oanda.requests.filter((request) => request.method === 'PUT').map((request) => [request.endpoint, request.body])).toEqual([
			[`/trades/${trade.id}/orders`, { stopLoss: { price: '1.085', timeInForce: 'GTC' } }],
		]);
		expect(dependents('EUR_USD')).toEqual([
			['TAKE_PROFIT', 'PENDING', '1.09585', null],
			['STOP_LOSS', 'CANCELLED', '1.08', 'CLIENT_REQUEST_REPLACED'],
			['STOP_LOSS', 'PENDING', '1.085', null],
		]);
	});

	it("an exit alert closes the trade and OANDA cancels its exits with it (LINKED_TRADE_CLOSED), nothing cancelled by hand", async () => {
		const before = oanda.requests.length;
		const { output } = await run(OANDA_WORKFLOW, alertBody({ action: 'exit', symbol: 'EURUSD', price: 1.09 }));

		expect(output).toMatchObject({ role: 'exit', status: 'filled', filledQuantity: 1000 });
		expect(oanda.requests.slice(before).filter((request) => request.method !== 'GET').map((request) => `${request.method} ${request.endpoint}`)).toEqual(['POST /orders']);
		expect(dependents('EUR_USD')).toEqual([
			['TAKE_PROFIT', 'CANCELLED', '1.09585', 'LINKED_TRADE_CLOSED'],
			['STOP_LOSS', 'CANCELLED', '1.08', 'CLIENT_REQUEST_REPLACED'],
			['STOP_LOSS', 'CANCELLED', '1.085', 'LINKED_TRADE_CLOSED'],
		]);
		expect(oanda.book.trades.filter((trade) => trade.state === 'OPEN')).toEqual([]);
	});

	it('a trailing-stop entry sends trailingStopLossOnFill with the percent as a distance; a resend places nothing twice', async () => {
		const body = alertBody({ action: 'sell', symbol: 'GBPUSD', quantity: 500, price: 1.27, stopLoss: { type: 'trailing_stop', percent: 0.5 } });
		const { output } = await run(OANDA_WORKFLOW, body);

		expect(output).toMatchObject({ status: 'filled', filledQuantity: 500 });
		expect(oanda.orderPosts().at(-1)?.body).toMatchObject({ order: { instrument: 'GBP_USD', units: '-500', trailingStopLossOnFill: { distance: '0.00635' } } });
		expect(dependents('GBP_USD')).toEqual([['TRAILING_STOP_LOSS', 'PENDING', '0.00635', null]]);

		const posted = oanda.orderPosts().length;
		const { output: again } = await run(OANDA_WORKFLOW, body);
		expect(again).toMatchObject({ alreadyPlaced: true, clientOrderId: output.clientOrderId });
		expect(oanda.orderPosts()).toHaveLength(posted);
		expect(oanda.entryOrders(String(output.clientOrderId))).toHaveLength(1);
	});
});
