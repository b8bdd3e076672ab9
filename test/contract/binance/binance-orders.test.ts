import './ccxt-under-jest';

import { InvalidOrderError, OrderNotFoundError, UnsupportedError } from '../../../core/brokers/broker-errors';
import { rejection } from '../../support/rejection';
import type { BinanceStub } from './binance-stub';
import { binanceBroker, calls, CLIENT_ID, intent, startStub } from './binance-fixture';

describe('Binance order look-ups, open orders and cancels', () => {
	let stub: BinanceStub;

	beforeEach(async () => {
		stub = await startStub();
	});

	afterEach(async () => {
		await stub.close();
	});

	it('finds an order by client order id (GET /api/v3/order?origClientOrderId=), and answers null for -2013', async () => {
		const broker = binanceBroker(stub);
		const placed = await broker.placeOrder(intent());
		stub.requests.length = 0;

		expect(await broker.getOrderByClientId(CLIENT_ID)).toEqual(placed);
		await broker.placeOrder(intent({ clientOrderId: 'tv-never', quantity: 0.0001 })).catch(() => undefined);
		stub.requests.length = 0;
		expect(await broker.getOrderByClientId('tv-never')).toBeNull();
		expect(calls(stub)).toEqual(['GET /api/v3/order']);
		expect(stub.requests[0].params).toEqual(expect.objectContaining({ symbol: 'BTCUSDT', origClientOrderId: 'tv-never' }));
	});

	it('an order not placed through this broker is found among the open orders', async () => {
		await binanceBroker(stub).placeOrder(intent({ type: 'limit', limitPrice: 20000 }));
		const fresh = binanceBroker(stub);

		const order = await fresh.getOrderByClientId(CLIENT_ID);

		expect(order).toMatchObject({ clientOrderId: CLIENT_ID, symbol: 'BTCUSDT', status: 'open', limitPrice: 20000 });
		expect(calls(stub).slice(-1)).toEqual(['GET /api/v3/openOrders']);
		expect(stub.requests.at(-1)?.params.symbol).toBeUndefined();
	});

	it('an order neither open nor placed here cannot be looked up without its symbol: UnsupportedError, not a silent null', async () => {
		await binanceBroker(stub).placeOrder(intent());

		const error = await rejection(binanceBroker(stub).getOrderByClientId(CLIENT_ID));

		expect(error).toBeInstanceOf(UnsupportedError);
		expect(error.message).toBe(
			`Binance finds an order by client order id only within its symbol, and the symbol of ${CLIENT_ID} is not known here (it is not open and was not placed through this broker)`,
		);
	});

	it('the orderSymbol option supplies the symbol of an order placed elsewhere', async () => {
		const placed = await binanceBroker(stub).placeOrder(intent());
		const asked: string[] = [];
		const broker = binanceBroker(stub, {}, { orderSymbol: async (id) => (asked.push(id), 'BTCUSDT') });

		expect(await broker.getOrderByClientId(CLIENT_ID)).toEqual(placed);
		expect(asked).toEqual([CLIENT_ID]);
	});

	it('cancels by client order id: DELETE /api/v3/order with origClientOrderId, then the order read back', async () => {
		const broker = binanceBroker(stub);
		const placed = await broker.placeOrder(intent({ type: 'limit', limitPrice: 20000 }));
		stub.requests.length = 0;

		const canceled = await broker.cancelOrder(CLIENT_ID);

		expect(canceled).toEqual({ ...placed, status: 'canceled' });
		expect(calls(stub)).toEqual(['DELETE /api/v3/order', 'GET /api/v3/order']);
		expect(stub.requests[0].params).toEqual(expect.objectContaining({ symbol: 'BTCUSDT', origClientOrderId: CLIENT_ID }));
		expect(stub.spot.locked.get('USDT')).toBe(0n);
	});

	it('cancelling a filled order is InvalidOrderError naming its status; one Binance does not have is OrderNotFoundError', async () => {
		const broker = binanceBroker(stub);
		await broker.placeOrder(intent());

		const filled = await rejection(broker.cancelOrder(CLIENT_ID));
		const unknown = await rejection(binanceBroker(stub).cancelOrder('tv-unknown'));

		expect(filled).toBeInstanceOf(InvalidOrderError);
		expect(filled.message).toBe(`Binance cannot cancel order ${CLIENT_ID}: it is filled`);
		expect((filled as InvalidOrderError).details).toEqual({ broker: 'binance', brokerCode: -2011, httpStatus: 400 });
		expect(unknown).toBeInstanceOf(OrderNotFoundError);
		expect(unknown.message).toBe('Binance has no open order with client order id tv-unknown');
		expect(stub.requests.filter((request) => request.method === 'DELETE')).toHaveLength(1);
	});

	it('lists open orders, all or for one symbol', async () => {
		stub.spot.setBalance('BTC', '1');
		const broker = binanceBroker(stub);
		await broker.placeOrder(intent({ clientOrderId: 'tv-btc', type: 'limit', limitPrice: 20000 }));
		await broker.placeOrder(intent({ clientOrderId: 'tv-eth', symbol: 'ETHUSDT', quantity: 0.01, type: 'limit', limitPrice: 1000 }));
		await broker.placeOrder(intent({ clientOrderId: 'tv-filled' }));
		await broker.placeOrder(intent({ clientOrderId: 'tv-stop', side: 'sell', type: 'stop', stopPrice: 25000 }));

		const all = await broker.listOpenOrders();
		const btc = await broker.listOpenOrders('BTC/USDT');

		expect(all.map((order) => [order.clientOrderId, order.symbol, order.type])).toEqual([
			['tv-btc', 'BTCUSDT', 'limit'],
			['tv-eth', 'ETHUSDT', 'limit'],
			['tv-stop', 'BTCUSDT', 'stop'],
		]);
		expect(btc.map((order) => order.clientOrderId)).toEqual(['tv-btc', 'tv-stop']);
		expect(stub.requests.at(-1)?.params.symbol).toBe('BTCUSDT');
	});

	it('an order listed as open can then be cancelled by a fresh broker', async () => {
		await binanceBroker(stub).placeOrder(intent({ type: 'limit', limitPrice: 20000 }));
		const fresh = binanceBroker(stub);

		const canceled = await fresh.cancelOrder(CLIENT_ID);

		expect(canceled.status).toBe('canceled');
		expect(calls(stub).slice(-3)).toEqual(['GET /api/v3/openOrders', 'DELETE /api/v3/order', 'GET /api/v3/order']);
	});
});
