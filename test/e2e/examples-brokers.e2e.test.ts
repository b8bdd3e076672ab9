import { e2eEnvironment } from './harness/e2e-environment';
import { exampleWebhookPath, exampleWebhookUrl, type ExampleWorkflow, loadExample } from './harness/example-workflow';
import { N8nInstance } from './harness/n8n-instance';
import { type ExecutionRecord, waitForExecutions } from './harness/n8n-executions';
import { sendAlert } from './harness/send-alert';
import { AlpacaStub } from '../contract/alpaca/alpaca-stub';
import { type OandaStub, startOandaStub } from '../contract/oanda/oanda-stub';
import { BinanceStub } from '../contract/binance/binance-stub';
import { CREDENTIAL } from './fixtures/trigger-workflows';
import { exampleAlert } from './fixtures/example-alerts';
import {
	ALPACA_KEY,
	alpacaPaperCredential,
	BINANCE_KEY,
	binanceTestnetCredential,
	credentialRef,
	OANDA_KEY,
	oandaPracticeCredential,
	TRADINGVIEW_REF,
} from './fixtures/example-broker-credentials';

// The Alpaca (paper), OANDA (practice) and Binance (testnet) examples as a user imports them:
// only credentials attached, each credential's Base URL pointing at the broker's local stub.

jest.setTimeout(180_000);

const n8n = new N8nInstance(e2eEnvironment(), 'examples-brokers');
let alpaca: AlpacaStub;
let oanda: OandaStub;
let binance: BinanceStub;
let alpacaFlow: ExampleWorkflow;
let alpacaOpen: ExampleWorkflow;
let alpacaClosed: ExampleWorkflow;
let oandaFlow: ExampleWorkflow;
let binanceFlow: ExampleWorkflow;

async function runAlert(workflow: ExampleWorkflow, fields: Record<string, unknown>, count: number): Promise<ExecutionRecord> {
	const answer = await sendAlert(exampleWebhookUrl(n8n.baseUrl, workflow, 'TradingView Trigger'), exampleAlert(fields), { contentType: 'application/json' });
	expect(answer.body.status).toBe('accepted');
	const executions = await waitForExecutions(n8n.n8nDatabase, workflow.id, count);
	expect(executions).toHaveLength(count);
	return executions[count - 1];
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** The example's Trading Session, moved so that it is open (or closed) all of today, whenever the suite runs. */
function sessionOverride(open: boolean) {
	const today = new Date().getUTCDay();
	const day = WEEKDAYS[open ? today : (today + 3) % 7];
	return { 'Risk Check': { tradingSession: { session: { timeZone: 'UTC', days: [day], windows: '00:00-24:00', letExitsThrough: true } } } };
}

beforeAll(async () => {
	alpaca = await AlpacaStub.start({ ...ALPACA_KEY, cash: 1_000_000, fillPrice: 190 });
	oanda = await startOandaStub({ token: OANDA_KEY.accessToken, accountId: OANDA_KEY.accountId, prices: { EUR_USD: 1.085 } });
	binance = await BinanceStub.start({ ...BINANCE_KEY, balances: { USDT: '100000', BTC: '0' } });
	const credentials = [alpacaPaperCredential(alpaca.baseUrl), oandaPracticeCredential(oanda.url), binanceTestnetCredential(binance.baseUrl)];
	const [alpacaRef, oandaRef, binanceRef] = credentials.map(credentialRef);
	alpacaFlow = loadExample('alpaca-paper-trading.json', { id: 'tvE2eExAlpacaFlw', credentials: { 'TradingView Trigger': TRADINGVIEW_REF, 'Broker Order': alpacaRef } });
	const alpacaCredentials = { 'TradingView Trigger': TRADINGVIEW_REF, 'Broker Order': alpacaRef };
	alpacaOpen = loadExample('alpaca-paper-trading.json', { id: 'tvE2eExAlpacaOpn', credentials: alpacaCredentials, parameters: sessionOverride(true) });
	alpacaClosed = loadExample('alpaca-paper-trading.json', { id: 'tvE2eExAlpacaCls', credentials: alpacaCredentials, parameters: sessionOverride(false) });
	oandaFlow = loadExample('oanda-practice-trading.json', { id: 'tvE2eExOandaFlow', credentials: { 'TradingView Trigger': TRADINGVIEW_REF, 'Broker Order': oandaRef } });
	binanceFlow = loadExample('binance-testnet-trading.json', { id: 'tvE2eExBinanceFl', credentials: { 'TradingView Trigger': TRADINGVIEW_REF, 'Broker Order': binanceRef } });
	await n8n.installPackage();
	await n8n.importCredentials([CREDENTIAL, ...credentials]);
	await n8n.importAndPublish([alpacaFlow, alpacaOpen, alpacaClosed, oandaFlow, binanceFlow]);
	await n8n.start();
	for (const flow of [alpacaFlow, alpacaOpen, alpacaClosed, oandaFlow, binanceFlow]) await n8n.waitForWebhook(exampleWebhookPath(flow, 'TradingView Trigger'));
});

afterAll(async () => {
	await n8n.stop();
	await alpaca?.close();
	await oanda?.close();
	await binance?.close();
});

describe('the Alpaca (paper) example', () => {
	const orderPosts = () => alpaca.requests.filter((request) => request.method === 'POST' && request.path === '/v2/orders');

	it('lets an exit through at any hour and sells the whole Alpaca position, with the day time in force', async () => {
		alpaca.book.setPosition('AAPL', 5, 180);
		// No quantity: an exit closes the whole position, and Risk Check's size limits do not apply to it.
		const execution = await runAlert(alpacaFlow, { action: 'exit', symbol: 'NASDAQ:AAPL', price: 190 }, 1);
		expect(execution.status).toBe('success');
		expect(execution.outputs['Risk Check'][0][0].risk).toMatchObject({ passed: true, role: 'exit' });
		expect(orderPosts().map((request) => request.body)).toEqual([
			expect.objectContaining({ symbol: 'AAPL', side: 'sell', qty: '5', type: 'market', time_in_force: 'day' }),
		]);
		expect(execution.outputs['Broker Order'][0][0]).toMatchObject({ broker: 'alpaca', status: 'filled', filledQuantity: 5 });
		expect(alpaca.book.holdings.has('AAPL')).toBe(false);
	});

	it('in its session, buys whole shares clamped to 100', async () => {
		const before = orderPosts().length;
		const execution = await runAlert(alpacaOpen, { action: 'buy', symbol: 'NASDAQ:MSFT', qty: 150.7, price: 190 }, 1);
		expect(execution.status).toBe('success');
		expect(orderPosts().slice(before).map((request) => request.body)).toEqual([
			expect.objectContaining({ symbol: 'MSFT', side: 'buy', qty: '100', type: 'market', time_in_force: 'day' }),
		]);
	});

	it('outside its session, routes an entry to "Rejected by Risk Check" and orders nothing', async () => {
		const before = orderPosts().length;
		const execution = await runAlert(alpacaClosed, { action: 'buy', symbol: 'NASDAQ:MSFT', qty: 10, price: 190 }, 1);
		expect(execution.outputs['Rejected by Risk Check'][0][0].risk).toMatchObject({ passed: false, reasons: [expect.objectContaining({ code: 'outside_session' })] });
		expect(orderPosts()).toHaveLength(before);
	});
});

describe('the OANDA (practice) example', () => {
	it('clamps a sell to 100,000 units and sends OANDA one FOK market order of -100000 EUR_USD', async () => {
		const execution = await runAlert(oandaFlow, { action: 'sell', symbol: 'OANDA:EURUSD', qty: 250000, price: 1.085 }, 1);
		expect(execution.status).toBe('success');
		expect(execution.outputs['Risk Check'][0][0]).toMatchObject({ quantity: 100000, risk: { passed: true, quantity: { requested: 250000, approved: 100000 } } });
		expect(oanda.orderPosts().map((request) => request.body)).toEqual([{ order: expect.objectContaining({ type: 'MARKET', instrument: 'EUR_USD', units: '-100000', timeInForce: 'FOK' }) }]);
		expect(execution.outputs['Broker Order'][0][0]).toMatchObject({ broker: 'oanda', status: 'filled', filledQuantity: 100000 });
	});

	it('refuses a symbol from another price feed than OANDA and orders nothing', async () => {
		const execution = await runAlert(oandaFlow, { action: 'buy', symbol: 'FX_IDC:EURUSD', qty: 1000, price: 1.085 }, 2);
		expect(execution.outputs['Rejected by Risk Check'][0][0].risk).toMatchObject({ reasons: [expect.objectContaining({ code: 'symbol_not_allowed' })] });
		expect(oanda.orderPosts()).toHaveLength(1);
	});

	it('fails the execution with OANDA\'s reason when OANDA refuses the order, and holds no GBP_USD', async () => {
		oanda.failNext(1, 400, { errorMessage: 'Insufficient margin', errorCode: 'INSUFFICIENT_MARGIN' }, { method: 'POST', endpoint: '/orders' });
		const execution = await runAlert(oandaFlow, { action: 'buy', symbol: 'OANDA:GBPUSD', qty: 2000, price: 1.27 }, 3);
		expect(execution.status).toBe('error');
		expect(execution.errors['Broker Order']).toMatch(/oanda.*insufficient margin/i);
		expect(oanda.entryOrders().filter((order) => order.instrument === 'GBP_USD')).toEqual([]);
	});
});

describe('the Binance (testnet) example', () => {
	it('clamps a buy to 1,000 USDT and sends Binance one signed market order for 0.03333 BTCUSDT', async () => {
		const execution = await runAlert(binanceFlow, { action: 'buy', symbol: 'BINANCE:BTCUSDT', qty: 0.05, price: 30000 }, 1);
		expect(execution.status).toBe('success');
		expect(execution.outputs['Risk Check'][0][0]).toMatchObject({ quantity: 0.03333, risk: { quantity: { clampedBy: ['max_notional'] } } });
		expect(binance.orderPosts().map((request) => request.params)).toEqual([
			expect.objectContaining({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.03333' }),
		]);
		expect(binance.spot.orders).toEqual([expect.objectContaining({ symbol: 'BTCUSDT', side: 'BUY', origQty: '0.03333000', status: 'FILLED' })]);
	});

	it('refuses a pair not quoted in USDT and orders nothing', async () => {
		const execution = await runAlert(binanceFlow, { action: 'buy', symbol: 'BINANCE:ETHBTC', qty: 1, price: 0.05 }, 2);
		expect(execution.outputs['Rejected by Risk Check'][0][0].risk).toMatchObject({ reasons: [expect.objectContaining({ code: 'symbol_not_allowed' })] });
		expect(binance.orderPosts()).toHaveLength(1);
	});
});
