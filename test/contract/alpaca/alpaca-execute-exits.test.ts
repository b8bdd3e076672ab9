import type { HttpPort } from '../../../core/brokers/http-port';
import type { ExecuteAlertContext } from '../../../core/order/execute-alert';
import { executeAlert } from '../../../core/order/execute-alert';
import { MemoryOrderJournal } from '../../unit/order/fake-broker';
import { alertInput, orderSettings, SCOPE } from '../../unit/order/order-fixture';
import { fetchHttpPort } from '../harness/fetch-http-port';
import type { AlpacaStub } from './alpaca-stub';
import { alpacaBroker, CLIENT_ID, intent, orderBodies, startStub } from './alpaca-fixture';

// An alert with exits carried out on Alpaca, from the plan to the requests the stub receives.

describe('Alpaca: alerts with exits, through executeAlert', () => {
	let stub: AlpacaStub;
	let sleeps: number[];
	const context = (): ExecuteAlertContext => ({
		broker: alpacaBroker(stub),
		journal,
		scope: SCOPE,
		retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
		sleep: async (ms) => {
			sleeps.push(ms);
		},
		dryRun: false,
	});
	let journal: MemoryOrderJournal;

	beforeEach(async () => {
		stub = await startStub({ fillPrice: 100 });
		journal = new MemoryOrderJournal();
		sleeps = [];
	});

	afterEach(async () => {
		await stub.close();
	});

	it('a trailing-stop entry: the entry, then its trailing stop once filled; a resent alert places nothing twice', async () => {
		const input = alertInput({ action: 'buy', quantity: 10, price: 100, stopLossType: 'trailing_stop', stopLossPercent: 2 });

		const first = await executeAlert(input, orderSettings(), context());
		const again = await executeAlert(input, orderSettings(), context());

		expect(first.ok && first.value.orders[0].exits?.map((exit) => [exit.side, exit.type, exit.stopPrice, exit.quantity])).toEqual([['sell', 'stop', 98, 10]]);
		expect(again.ok && again.value.orders[0].alreadyPlaced).toBe(true);
		expect(again.ok && again.value.orders[0].exits?.[0].clientOrderId).toBe(first.ok && first.value.orders[0].exits?.[0].clientOrderId);
		expect(orderBodies(stub).map((body) => (body as { type: string }).type)).toEqual(['market', 'trailing_stop']);
		expect((orderBodies(stub)[1] as { trail_percent: string }).trail_percent).toBe('2');
	});

	it('a reversal (Reverse on Opposite Signal): the close cancels the old trailing stop first, the new entry gets its own', async () => {
		const trailing = { quantity: 10, price: 100, stopLossType: 'trailing_stop', stopLossAmount: 3 } as const;
		const first = await executeAlert(alertInput({ ...trailing, action: 'buy' }), orderSettings({ reverse: true }), context());
		const oldTrail = first.ok ? first.value.orders[0].exits?.[0].clientOrderId : undefined;

		const result = await executeAlert(alertInput({ ...trailing, alertId: 'alert-rev', action: 'sell' }), orderSettings({ reverse: true }), context());

		expect(result.ok && result.value.orders.map((leg) => [leg.leg, leg.request.side, leg.order?.status])).toEqual([
			['close', 'sell', 'filled'],
			['open', 'sell', 'filled'],
		]);
		const newTrail = result.ok ? result.value.orders[1].exits?.[0] : undefined;
		expect(newTrail).toMatchObject({ side: 'buy', type: 'stop', stopPrice: 103, quantity: 10 });
		expect(stub.book.findByClientId(String(oldTrail))?.status).toBe('canceled');
		expect(stub.book.findByClientId(String(newTrail?.clientOrderId))?.status).toBe('new');
		expect(stub.book.holdings.get('AAPL')?.qty).toBe(-10);
	});

	it('a bracket entry resting as a limit order does not wait for its fill: Alpaca holds the legs', async () => {
		const input = alertInput({ action: 'buy', quantity: 10, orderType: 'limit', limitPrice: 95, takeProfitPercent: 10, stopLossAmount: 4.567 });

		const result = await executeAlert(input, orderSettings(), context());

		expect(result.ok && result.value.orders[0].exitsNotPlaced).toBeUndefined();
		expect(sleeps).toEqual([]);
		expect(orderBodies(stub)).toEqual([expect.objectContaining({ type: 'limit', limit_price: '95', order_class: 'bracket', take_profit: { limit_price: '104.5' }, stop_loss: { stop_price: '90.43' } })]);
		expect(stub.orders.filter((order) => order.status === 'held').map((leg) => leg.type)).toEqual(['limit', 'stop']);
	});

	it("journals a bracket's legs as reduce-only orders of their own, so Reconcile reads their fills back", async () => {
		const result = await executeAlert(alertInput({ action: 'buy', quantity: 10, price: 100, takeProfitPrice: 110, stopLossPrice: 90 }), orderSettings(), context());

		const legs = stub.orders.filter((order) => order.status === 'held' || order.status === 'new').filter((order) => order.side === 'sell');
		expect(result.ok && result.value.orders[0].exits?.map((exit) => [exit.clientOrderId, exit.type, exit.limitPrice ?? exit.stopPrice])).toEqual(
			legs.map((leg) => [leg.client_order_id, leg.type, Number(leg.limit_price ?? leg.stop_price)]),
		);
		const attempts = (await journal.list()).filter((event) => event.kind === 'attempt');
		expect(attempts.map((event) => [event.clientOrderId, (event.detail as { request: { reduceOnly: boolean; side: string } }).request.reduceOnly])).toEqual([
			[expect.stringMatching(/^tv-/), false],
			[legs[0].client_order_id, true],
			[legs[1].client_order_id, true],
		]);
	});

	it("reads a bracket's legs from the answer to placing it: the entry is not read again", async () => {
		const input = alertInput({ action: 'buy', quantity: 10, price: 100, takeProfitPrice: 110, stopLossPrice: 90 });

		const result = await executeAlert(input, orderSettings(), context());

		expect(stub.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /v2/orders']);
		const entry = stub.orders.find((order) => order.order_class === 'bracket');
		expect(result.ok && result.value.orders[0].exits?.map((exit) => [exit.clientOrderId, exit.type])).toEqual(entry?.legs?.map((leg) => [leg.client_order_id, leg.type]));
	});

	it("a re-run of a placed bracket reads the entry back, then its legs with it once more (the fallback)", async () => {
		const input = alertInput({ action: 'buy', quantity: 10, price: 100, takeProfitPrice: 110, stopLossPrice: 90 });
		const first = await executeAlert(input, orderSettings(), context());
		stub.requests.length = 0;

		const again = await executeAlert(input, orderSettings(), context());

		expect(again.ok && again.value.orders[0].alreadyPlaced).toBe(true);
		expect(again.ok && again.value.orders[0].exits?.map((exit) => exit.clientOrderId)).toEqual(first.ok && first.value.orders[0].exits?.map((exit) => exit.clientOrderId));
		expect(stub.requests.filter((request) => request.path === '/v2/orders:by_client_order_id')).toHaveLength(2);
	});

	it('legs the placement answer holds in a shape it cannot read leave the placed order standing: they are read again', async () => {
		const garbled: HttpPort = {
			send: async (request) => {
				const response = await fetchHttpPort.send(request);
				return request.method === 'POST' ? { ...response, body: { ...(response.body as object), legs: 'unreadable' } } : response;
			},
		};
		const broker = alpacaBroker(stub, {}, garbled);
		const entry = intent({ takeProfitPrice: 110, stopLossPrice: 90 });

		expect((await broker.placeOrder(entry)).clientOrderId).toBe(CLIENT_ID);
		expect((await broker.exitsOf(entry)).map((exit) => [exit.type, exit.limitPrice ?? exit.stopPrice])).toEqual([
			['limit', 110],
			['stop', 90],
		]);
		expect(stub.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /v2/orders', 'GET /v2/orders:by_client_order_id']);
	});

	it('a breakeven alert moves the stop-loss leg and reports it', async () => {
		await executeAlert(alertInput({ action: 'buy', quantity: 10, price: 100, takeProfitPrice: 110, stopLossPrice: 90 }), orderSettings(), context());

		const result = await executeAlert(alertInput({ alertId: 'alert-2', action: 'breakeven' }), orderSettings(), context());

		expect(result.ok && result.value.stopsMoved.map((stop) => [stop.side, stop.stopPrice])).toEqual([['sell', 100]]);
		expect(stub.requests.filter((request) => request.method === 'PATCH').map((request) => request.body)).toEqual([{ stop_price: '100' }]);
	});

	it('an exit alert cancels the bracket legs holding the shares, then closes the position', async () => {
		await executeAlert(alertInput({ action: 'buy', quantity: 10, price: 100, takeProfitPrice: 110, stopLossPrice: 90 }), orderSettings(), context());

		const result = await executeAlert(alertInput({ alertId: 'alert-3', action: 'exit' }), orderSettings(), context());

		expect(result.ok && result.value.orders.map((leg) => [leg.leg, leg.order?.status])).toEqual([['close', 'filled']]);
		expect(stub.orders.filter((order) => order.order_type !== 'market').map((leg) => leg.status)).toEqual(['canceled', 'canceled']);
		expect(stub.book.holdings.has('AAPL')).toBe(false);
	});
});
