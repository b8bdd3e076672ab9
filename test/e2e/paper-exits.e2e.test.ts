import { e2eEnvironment } from './harness/e2e-environment';
import { exampleWebhookPath, exampleWebhookUrl, loadExample } from './harness/example-workflow';
import { ledgerQueryOn } from './harness/ledger-query';
import { N8nInstance } from './harness/n8n-instance';
import { type ExecutionRecord, waitForExecutions } from './harness/n8n-executions';
import { sendAlert } from './harness/send-alert';
import { CREDENTIAL, TOKEN } from './fixtures/trigger-workflows';

// The "Paper trading with exits" example as a user imports it: entries with take profit, stop
// loss and trailing stop; price alerts through Price Update; an exit alert; breakeven.

jest.setTimeout(240_000);

const n8n = new N8nInstance(e2eEnvironment(), 'paper-exits');
const flow = loadExample('paper-exits.json', {
	id: 'tvE2ePaperExits1',
	credentials: { 'TradingView Trigger': { tradingViewWebhookApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } } },
});
const ledgerQuery = ledgerQueryOn(n8n);
let sequence = 0;
let executions = 0;

/** Sends one alert and waits for its execution. */
async function send(fields: Record<string, unknown>): Promise<ExecutionRecord> {
	sequence += 1;
	const body = JSON.stringify({ token: TOKEN, id: `exits-${Date.now()}-${sequence}`, ...fields });
	const answer = await sendAlert(exampleWebhookUrl(n8n.baseUrl, flow, 'TradingView Trigger'), body);
	expect(answer.body.status).toBe('accepted');
	executions += 1;
	const all = await waitForExecutions(n8n.n8nDatabase, flow.id, executions);
	const last = all[all.length - 1];
	expect(last.status).toBe('success');
	return last;
}

const orders = (symbol: string) =>
	ledgerQuery(
		"SELECT client_order_id, side, type, quantity, limit_price, stop_price, reduce_only, status, average_fill_price FROM paper_order WHERE account = 'exits' AND symbol = ? ORDER BY rowid",
		symbol,
	);
const roleOf = (clientOrderId: unknown) => String(clientOrderId).replace(/^tv-[0-9a-f]{28}/, '<entry>');
const account = () => ledgerQuery("SELECT cash, realised_pnl FROM paper_account WHERE account = 'exits'")[0];

beforeAll(async () => {
	await n8n.installPackage();
	await n8n.importCredentials([CREDENTIAL]);
	await n8n.importAndPublish([flow]);
	await n8n.start();
	await n8n.waitForWebhook(exampleWebhookPath(flow, 'TradingView Trigger'));
});

afterAll(async () => {
	await n8n.stop();
});

describe('Paper exits in a real n8n (examples/paper-exits.json)', () => {
	it('an entry with take profit and stop loss: price alerts fill the take profit, the stop loss is canceled, P&L booked', async () => {
		const entry = await send({ action: 'buy', symbol: 'NASDAQ:AAPL', quantity: 10, price: 100, takeProfit: { limitPrice: 110 }, stopLoss: { stopPrice: 95 } });
		expect(entry.outputs['Broker Order'][0][0]).toMatchObject({ status: 'filled', averagePrice: 100 });
		expect(orders('AAPL').map((row) => [roleOf(row.client_order_id), row.type, row.quantity, row.limit_price ?? row.stop_price, row.reduce_only, row.status])).toEqual([
			['<entry>', 'market', 10, null, 0, 'filled'],
			['<entry>/tp', 'limit', 10, 110, 1, 'open'],
			['<entry>/sl', 'stop', 10, 95, 1, 'open'],
		]);

		const below = await send({ action: 'price', symbol: 'NASDAQ:AAPL', price: 109.5 });
		expect(below.outputs['Price Update'][0][0]).toMatchObject({ broker: 'paper', symbol: 'AAPL', price: 109.5, filled: [] });
		expect(below.outputs['Broker Order']).toBeUndefined();

		const crossed = await send({ action: 'price', symbol: 'NASDAQ:AAPL', price: 111.25 });
		expect(crossed.outputs['Price Update'][0][0]).toMatchObject({
			filled: [expect.objectContaining({ type: 'limit', side: 'sell', status: 'filled', filledQuantity: 10, averageFillPrice: 111.25 })],
			openOrders: [],
		});
		expect(orders('AAPL').map((row) => [roleOf(row.client_order_id), row.status])).toEqual([
			['<entry>', 'filled'],
			['<entry>/tp', 'filled'],
			['<entry>/sl', 'canceled'],
		]);
		expect(ledgerQuery("SELECT * FROM paper_position WHERE account = 'exits' AND symbol = 'AAPL'")).toEqual([]);
		expect(account()).toMatchObject({ realised_pnl: 112.5 });
	});

	it('an exit alert closes the position and cancels its take profit and stop loss', async () => {
		await send({ action: 'buy', symbol: 'MSFT', quantity: 5, price: 200, takeProfit: { percent: 5 }, stopLoss: { amount: 4 } });
		expect(orders('MSFT').map((row) => [roleOf(row.client_order_id), row.limit_price ?? row.stop_price, row.status])).toEqual([
			['<entry>', null, 'filled'],
			['<entry>/tp', 210, 'open'],
			['<entry>/sl', 196, 'open'],
		]);

		const exit = await send({ action: 'exit', symbol: 'MSFT', price: 202 });

		expect(exit.outputs['Broker Order'][0][0]).toMatchObject({ role: 'exit', status: 'filled', averagePrice: 202 });
		expect(orders('MSFT').map((row) => [roleOf(row.client_order_id), row.status])).toEqual([
			['<entry>', 'filled'],
			['<entry>/tp', 'canceled'],
			['<entry>/sl', 'canceled'],
			['<entry>', 'filled'],
		]);
		expect(account()).toMatchObject({ realised_pnl: 122.5 });
	});

	it('a trailing stop follows the prices and fills where the price falls to it', async () => {
		await send({ action: 'buy', symbol: 'NVDA', quantity: 2, price: 50, stopLoss: { type: 'trailing_stop', amount: 1.5 } });
		const stop = () => orders('NVDA').find((row) => String(row.client_order_id).endsWith('/trail:1.5'));
		expect(stop()).toMatchObject({ type: 'stop', stop_price: 48.5, status: 'open' });

		await send({ action: 'price', symbol: 'NVDA', price: 55 });
		expect(stop()).toMatchObject({ stop_price: 53.5, status: 'open' });
		await send({ action: 'price', symbol: 'NVDA', price: 54 });
		expect(stop()).toMatchObject({ stop_price: 53.5, status: 'open' });

		const fell = await send({ action: 'price', symbol: 'NVDA', price: 53.4 });

		expect(fell.outputs['Price Update'][0][0].filled).toEqual([expect.objectContaining({ type: 'stop', averageFillPrice: 53.4, filledQuantity: 2 })]);
		expect(stop()).toMatchObject({ status: 'filled', average_fill_price: 53.4 });
		expect(account()).toMatchObject({ realised_pnl: 129.3 });
	});

	it('breakeven moves the stop loss to the entry price, and the next entry\'s price fills it', async () => {
		await send({ action: 'buy', symbol: 'TSLA', quantity: 10, price: 300, stopLoss: { percent: 3 } });
		await send({ action: 'price', symbol: 'TSLA', price: 312 });

		const moved = await send({ action: 'breakeven', symbol: 'TSLA', price: 311 });

		expect(moved.outputs['Broker Order'][0][0]).toMatchObject({
			// The price alert before it ended at Price Update, marked settled: nothing to wait for.
			alertOrder: expect.objectContaining({ wentAheadOf: [] }),
			note: 'move the TSLA stop loss to break-even',
			orders: [],
			stopsMoved: [expect.objectContaining({ type: 'stop', stopPrice: 300 })],
		});
		expect((moved.outputs['Broker Order'][0][0].alertOrder as { waitedMs: number }).waitedMs).toBeLessThan(5000);
		const sold = await send({ action: 'buy', symbol: 'TSLA', quantity: 1, price: 299 });
		expect(sold.outputs['Broker Order'][0][0].filledByPrice).toEqual([expect.objectContaining({ type: 'stop', averageFillPrice: 299, filledQuantity: 10 })]);
		expect(ledgerQuery("SELECT quantity, average_price FROM paper_position WHERE account = 'exits' AND symbol = 'TSLA'")).toEqual([{ quantity: 1, average_price: 299 }]);
	});
});
