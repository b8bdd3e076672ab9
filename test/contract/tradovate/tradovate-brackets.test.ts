import { CLIENT_ID, intent, orderBodies, startStub, tradovateBroker } from './tradovate-fixture';
import type { TradovateStub } from './tradovate-stub';

let stub: TradovateStub;

beforeEach(async () => {
	stub = await startStub({ fillPrice: 21_000 });
});

afterEach(async () => {
	await stub.close();
});

describe('Tradovate brackets through /order/placeOSO', () => {
	const bracket = intent({ takeProfitPrice: 21_100, stopLossPrice: 20_950 });

	it('sends the entry with the take profit as bracket1 and the stop loss as bracket2, on the other side', async () => {
		await tradovateBroker(stub).placeOrder(bracket);
		expect(stub.count('POST', '/order/placeorder')).toBe(0);
		expect(orderBodies(stub)).toEqual([
			expect.objectContaining({
				clOrdId: CLIENT_ID,
				action: 'Buy',
				orderType: 'Market',
				isAutomated: true,
				bracket1: { clOrdId: `${CLIENT_ID}-tp`, action: 'Sell', orderType: 'Limit', price: 21_100, timeInForce: 'GTC' },
				bracket2: { clOrdId: `${CLIENT_ID}-sl`, action: 'Sell', orderType: 'Stop', stopPrice: 20_950, timeInForce: 'GTC' },
			}),
		]);
	});

	it('reads the placed exits back as working orders once the entry filled', async () => {
		const broker = tradovateBroker(stub);
		const entry = await broker.placeOrder(bracket);
		expect(entry).toMatchObject({ status: 'filled', filledQuantity: 2 });
		const exits = await broker.exitsOf(bracket);
		expect(exits.map((exit) => [exit.clientOrderId, exit.side, exit.type, exit.limitPrice, exit.stopPrice, exit.quantity, exit.status])).toEqual([
			[`${CLIENT_ID}-tp`, 'sell', 'limit', 21_100, null, 2, 'open'],
			[`${CLIENT_ID}-sl`, 'sell', 'stop', null, 20_950, 2, 'open'],
		]);
	});

	it('keeps the exits of a resting limit entry waiting (Suspended) until the entry fills', async () => {
		const broker = tradovateBroker(stub);
		const limitEntry = intent({ type: 'limit', limitPrice: 20_990, takeProfitPrice: 21_100, stopLossPrice: null });
		await broker.placeOrder(limitEntry);
		expect(orderBodies(stub)[0]).not.toHaveProperty('bracket2');
		const [takeProfit] = await broker.exitsOf(limitEntry);
		expect(takeProfit).toMatchObject({ clientOrderId: `${CLIENT_ID}-tp`, status: 'open' });
		expect(stub.book.orders.find((order) => String(order.id) === takeProfit.brokerOrderId)?.ordStatus).toBe('Suspended');
	});

	it('a short entry gets its exits as buys', async () => {
		await tradovateBroker(stub).placeOrder(intent({ side: 'sell', takeProfitPrice: 20_900, stopLossPrice: 21_050 }));
		const [body] = orderBodies(stub);
		expect([(body.bracket1 as { action: string }).action, (body.bracket2 as { action: string }).action]).toEqual(['Buy', 'Buy']);
	});

	it('refuses a trailing stop: the adapter declares no trailing stops', async () => {
		await expect(tradovateBroker(stub).placeOrder(intent({ trailingStop: { amount: 10, percent: null } }))).rejects.toThrow(/trailing stop/);
		expect(orderBodies(stub)).toHaveLength(0);
	});
});

describe('Tradovate: closing a bracketed position', () => {
	it('cancels the working take profit and stop loss before the closing order, which leaves the account flat', async () => {
		const broker = tradovateBroker(stub);
		const entry = intent({ takeProfitPrice: 21_100, stopLossPrice: 20_950 });
		await broker.placeOrder(entry);
		const close = await broker.placeOrder(intent({ clientOrderId: 'tv-exit', side: 'sell', quantity: 2, reduceOnly: true }));
		expect(close).toMatchObject({ status: 'filled', quantity: 2 });
		expect((await broker.exitsOf(entry)).map((exit) => exit.status)).toEqual(['canceled', 'canceled']);
		expect(await broker.listOpenOrders()).toEqual([]);
		expect(await broker.listPositions()).toEqual([]);
		const cancels = stub.requests.filter((request) => request.path === '/order/cancelorder').length;
		const closePost = stub.requests.findIndex((request) => (request.body as { clOrdId?: string } | undefined)?.clOrdId === 'tv-exit');
		expect(cancels).toBe(2);
		expect(stub.requests.slice(closePost).some((request) => request.path === '/order/cancelorder')).toBe(false);
	});
});
