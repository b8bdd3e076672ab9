import { InvalidOrderError, OrderNotFoundError, UnsupportedError } from '../../../core/brokers/broker-errors';
import { rejection } from '../../support/rejection';
import type { AlpacaStub } from './alpaca-stub';
import { alpacaBroker, CLIENT_ID, intent, startStub } from './alpaca-fixture';

describe('Alpaca order look-ups, open orders and cancels', () => {
	let stub: AlpacaStub;

	beforeEach(async () => {
		stub = await startStub({ fillPrice: 20 });
	});

	afterEach(async () => {
		await stub.close();
	});

	it('finds an order by client order id, and answers null for one Alpaca does not have', async () => {
		const broker = alpacaBroker(stub);
		const placed = await broker.placeOrder(intent());

		expect(await broker.getOrderByClientId(CLIENT_ID)).toEqual(placed);
		expect(await broker.getOrderByClientId('tv-unknown')).toBeNull();
		expect(stub.requests.slice(1).map((request) => [request.method, request.path, request.query])).toEqual([
			['GET', '/v2/orders:by_client_order_id', { client_order_id: CLIENT_ID }],
			['GET', '/v2/orders:by_client_order_id', { client_order_id: 'tv-unknown' }],
		]);
	});

	it('cancels by client order id: looks it up, DELETEs it by Alpaca id, and returns it read back', async () => {
		const broker = alpacaBroker(stub);
		const placed = await broker.placeOrder(intent({ type: 'limit', limitPrice: 15 }));

		const canceled = await broker.cancelOrder(CLIENT_ID);

		expect(canceled).toEqual({ ...placed, status: 'canceled' });
		expect(stub.requests.slice(1).map((request) => `${request.method} ${request.path}`)).toEqual([
			'GET /v2/orders:by_client_order_id',
			`DELETE /v2/orders/${placed.brokerOrderId}`,
			`GET /v2/orders/${placed.brokerOrderId}`,
		]);
	});

	it('cancelling an order Alpaca does not have is OrderNotFoundError, with nothing deleted', async () => {
		const error = await rejection(alpacaBroker(stub).cancelOrder('tv-unknown'));

		expect(error).toBeInstanceOf(OrderNotFoundError);
		expect(error.message).toBe('Alpaca has no order with client order id tv-unknown');
		expect(stub.requests.filter((request) => request.method === 'DELETE')).toEqual([]);
	});

	it('cancelling a filled order is InvalidOrderError with Alpaca 422 message and code', async () => {
		const broker = alpacaBroker(stub);
		await broker.placeOrder(intent());

		const error = await rejection(broker.cancelOrder(CLIENT_ID));

		expect(error).toBeInstanceOf(InvalidOrderError);
		expect(error.message).toBe('order is not cancelable (status: filled)');
		expect((error as InvalidOrderError).details).toEqual({ broker: 'alpaca', brokerCode: 42210000, httpStatus: 422 });
	});

	it('lists open orders, for one stock symbol through Alpaca filter', async () => {
		const broker = alpacaBroker(stub);
		await broker.placeOrder(intent({ clientOrderId: 'tv-aapl', type: 'limit', limitPrice: 15 }));
		await broker.placeOrder(intent({ clientOrderId: 'tv-msft', symbol: 'MSFT', type: 'limit', limitPrice: 15 }));
		await broker.placeOrder(intent({ clientOrderId: 'tv-filled' }));

		const all = await broker.listOpenOrders();
		const aapl = await broker.listOpenOrders('AAPL');

		expect(all.map((order) => order.clientOrderId)).toEqual(['tv-aapl', 'tv-msft']);
		expect(aapl.map((order) => order.clientOrderId)).toEqual(['tv-aapl']);
		expect(stub.requests.slice(-2).map((request) => request.query)).toEqual([
			{ status: 'open', limit: '500', direction: 'asc' },
			{ status: 'open', limit: '500', direction: 'asc', symbols: 'AAPL' },
		]);
	});

	it('lists open crypto orders by filtering on its side, whichever way the symbol is written', async () => {
		const broker = alpacaBroker(stub);
		await broker.placeOrder(intent({ clientOrderId: 'tv-btc', symbol: 'BTCUSD', type: 'limit', limitPrice: 15 }));
		await broker.placeOrder(intent({ clientOrderId: 'tv-eth', symbol: 'ETHUSD', type: 'limit', limitPrice: 15 }));

		const btc = await broker.listOpenOrders('BTCUSD');
		const slashed = await broker.listOpenOrders('BTC/USD');

		expect(btc.map((order) => [order.clientOrderId, order.symbol])).toEqual([['tv-btc', 'BTC/USD']]);
		expect(slashed).toEqual(btc);
		expect(stub.requests.at(-1)?.query).toEqual({ status: 'open', limit: '500', direction: 'asc' });
	});

	it('refuses a full page of open orders rather than leaving some out', async () => {
		await alpacaBroker(stub).placeOrder(intent({ type: 'limit', limitPrice: 15 }));
		stub.failNext(1, 200, Array.from({ length: 500 }, () => stub.orders[0]));

		const error = await rejection(alpacaBroker(stub).listOpenOrders());

		expect(error).toBeInstanceOf(UnsupportedError);
		expect(error.message).toMatch(/500 or more open orders/);
	});

	it.each([
		['accepted', '0', 'new'],
		['pending_new', '0', 'new'],
		['held', '0', 'new'],
		['new', '0', 'open'],
		['new', '4', 'partially_filled'],
		['pending_cancel', '0', 'open'],
		['done_for_day', '3', 'partially_filled'],
		['partially_filled', '4', 'partially_filled'],
		['filled', '10', 'filled'],
		['canceled', '2', 'canceled'],
		['replaced', '0', 'canceled'],
		['expired', '0', 'expired'],
		['rejected', '0', 'rejected'],
		['some_future_status', '0', 'new'],
	])('maps Alpaca status %s (filled %s of 10) to %s', async (status, filledQty, expected) => {
		const broker = alpacaBroker(stub);
		await broker.placeOrder(intent({ type: 'limit', limitPrice: 15 }));
		Object.assign(stub.orders[0], { status, filled_qty: filledQty });

		expect((await broker.getOrderByClientId(CLIENT_ID))?.status).toBe(expected);
	});
});
