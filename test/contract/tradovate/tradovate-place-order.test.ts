import { InvalidOrderError } from '../../../core/brokers/broker-errors';
import { CLIENT_ID, intent, orderBodies, startStub, tradovateBroker } from './tradovate-fixture';
import type { TradovateStub } from './tradovate-stub';

let stub: TradovateStub;

beforeEach(async () => {
	stub = await startStub({ fillPrice: 21_000.25 });
});

afterEach(async () => {
	await stub.close();
});

describe('Tradovate orders through the Broker interface', () => {
	it('places a market order for the front month with the account, whole contracts and isAutomated', async () => {
		const order = await tradovateBroker(stub).placeOrder(intent());
		expect(orderBodies(stub)).toEqual([
			{
				accountSpec: 'DEMO1234567',
				accountId: 37,
				clOrdId: CLIENT_ID,
				action: 'Buy',
				symbol: 'NQZ6',
				orderQty: 2,
				orderType: 'Market',
				isAutomated: true,
			},
		]);
		expect(order).toMatchObject({ clientOrderId: CLIENT_ID, symbol: 'NQZ6', side: 'buy', type: 'market', quantity: 2, status: 'filled', filledQuantity: 2, averageFillPrice: 21_000.25 });
		expect(order.brokerOrderId).toBe(String(stub.ordersWith(CLIENT_ID)[0].id));
	});

	it('places a limit sell and a stop buy with their prices, resting as open orders', async () => {
		const broker = tradovateBroker(stub);
		const limit = await broker.placeOrder(intent({ clientOrderId: 'tv-limit', side: 'sell', type: 'limit', limitPrice: 21_100.5, timeInForce: 'gtc' }));
		const stop = await broker.placeOrder(intent({ clientOrderId: 'tv-stop', symbol: 'ESZ2026', quantity: 1, type: 'stop', stopPrice: 6_050.25 }));
		expect(orderBodies(stub).map((body) => [body.symbol, body.action, body.orderType, body.price, body.stopPrice, body.timeInForce])).toEqual([
			['NQZ6', 'Sell', 'Limit', 21_100.5, undefined, 'GTC'],
			['ESZ6', 'Buy', 'Stop', undefined, 6_050.25, 'Day'],
		]);
		expect(limit).toMatchObject({ status: 'open', type: 'limit', limitPrice: 21_100.5, stopPrice: null, filledQuantity: 0 });
		expect(stop).toMatchObject({ status: 'open', type: 'stop', stopPrice: 6_050.25, symbol: 'ESZ6' });
		expect((await broker.listOpenOrders()).map((order) => order.clientOrderId).sort()).toEqual(['tv-limit', 'tv-stop']);
		expect((await broker.listOpenOrders('ES1!')).map((order) => order.clientOrderId)).toEqual(['tv-stop']);
	});

	it('sends a market order without a time in force unless it is IOC or FOK', async () => {
		const broker = tradovateBroker(stub);
		await broker.placeOrder(intent({ clientOrderId: 'tv-gtc', timeInForce: 'gtc' }));
		await broker.placeOrder(intent({ clientOrderId: 'tv-ioc', timeInForce: 'ioc' }));
		expect(orderBodies(stub).map((body) => body.timeInForce)).toEqual([undefined, 'IOC']);
	});

	it('places a stop-limit with both prices', async () => {
		await tradovateBroker(stub).placeOrder(intent({ type: 'stop_limit', stopPrice: 21_050, limitPrice: 21_055.75 }));
		expect(orderBodies(stub)[0]).toMatchObject({ orderType: 'StopLimit', stopPrice: 21_050, price: 21_055.75 });
	});

	it('refuses a fractional quantity naming orderQty, before anything is sent', async () => {
		const placing = tradovateBroker(stub).placeOrder(intent({ quantity: 1.5 }));
		await expect(placing).rejects.toThrow(InvalidOrderError);
		await expect(placing).rejects.toThrow(/1\.5 is not a whole number of contracts.*orderQty/);
		expect(orderBodies(stub)).toHaveLength(0);
	});

	it('refuses a time in force Tradovate does not take', async () => {
		await expect(tradovateBroker(stub).placeOrder(intent({ timeInForce: 'opg' }))).rejects.toThrow(/time in force "opg"/);
	});

	it('previews the exact request without sending an order', async () => {
		const preview = await tradovateBroker(stub).previewOrder(intent({ symbol: 'MNQ1!' }));
		expect(preview).toMatchObject({ method: 'POST', path: '/order/placeorder', body: { symbol: 'MNQZ6', orderQty: 2, isAutomated: true } });
		expect(orderBodies(stub)).toHaveLength(0);
	});

	it('cancels a working order by its client order id and reads it back canceled', async () => {
		const broker = tradovateBroker(stub);
		await broker.placeOrder(intent({ type: 'limit', limitPrice: 20_000 }));
		const canceled = await broker.cancelOrder(CLIENT_ID);
		expect(canceled).toMatchObject({ clientOrderId: CLIENT_ID, status: 'canceled' });
		expect(stub.requests.find((request) => request.path === '/order/cancelorder')?.body).toEqual({ orderId: Number(canceled.brokerOrderId), isAutomated: true });
		expect(await broker.listOpenOrders()).toEqual([]);
	});

	it('refuses a closing order that would open or flip a position: Tradovate has no reduce-only flag', async () => {
		const broker = tradovateBroker(stub);
		await broker.placeOrder(intent({ quantity: 2 }));
		await expect(broker.placeOrder(intent({ clientOrderId: 'tv-close-3', side: 'sell', quantity: 3, reduceOnly: true }))).rejects.toThrow(/would not only reduce/);
		const closed = await broker.placeOrder(intent({ clientOrderId: 'tv-close-2', side: 'sell', quantity: 2, reduceOnly: true }));
		expect(closed).toMatchObject({ status: 'filled', side: 'sell' });
		expect(await broker.getPosition('NQ1!')).toBeNull();
	});
});
