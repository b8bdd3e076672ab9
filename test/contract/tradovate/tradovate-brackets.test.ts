import { onTickPrice } from '../../../core/brokers/tradovate/tradovate-order-body';
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

	it('puts prices worked out between ticks (a percent take profit) on the contract\'s tick, to the nearest, and Tradovate takes them', async () => {
		const broker = tradovateBroker(stub);
		const between = intent({ type: 'limit', limitPrice: 20_990.37, takeProfitPrice: 21_094.9535, stopLossPrice: 20_949.9 });
		await broker.placeOrder(between);
		const [body] = orderBodies(stub);
		expect([body.price, (body.bracket1 as { price: number }).price, (body.bracket2 as { stopPrice: number }).stopPrice]).toEqual([20_990.25, 21_095, 20_950]);
		expect(stub.book.orders.map((order) => order.ordStatus)).toEqual(expect.arrayContaining(['Working']));
	});

	it('the stub refuses a price off the tick, as the exchange does: a product whose tick changed after it was read', async () => {
		const broker = tradovateBroker(stub);
		await broker.previewOrder(intent({}));
		for (const product of stub.book.products) product.tickSize = 0.5;
		await expect(broker.placeOrder(intent({ type: 'limit', limitPrice: 20_990.25 }))).rejects.toThrow(/not a multiple of the tick size 0.5/);
		expect(stub.book.orders).toEqual([]);
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

describe('prices on the tick', () => {
	it.each([
		[21_094.9535, 0.25, 21_095],
		[20_990.37, 0.25, 20_990.25],
		[20_990.375, 0.25, 20_990.5],
		[118.04, 0.03125, 118.03125],
		[118.046875, 0.03125, 118.0625],
		[4_512.3, 1, 4_512],
		[1.08437, 0.00005, 1.08435],
		[0.3, 0.1, 0.3],
	])('%d on a tick of %d is %d', (value, tick, expected) => {
		expect(onTickPrice(value, tick)).toBe(expected);
	});
});
