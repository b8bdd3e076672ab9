import { BrokerUnavailableError, InsufficientFundsError, InvalidOrderError } from '../../../core/brokers/broker-errors';
import type { HttpPort } from '../../../core/brokers/http-port';
import { placeOnce } from '../../../core/order/place-once';
import { rejection } from '../../support/rejection';
import { fetchHttpPort } from '../harness/fetch-http-port';
import type { AlpacaStub } from './alpaca-stub';
import { alpacaBroker, CLIENT_ID, intent, KEY_ID, orderBodies, placeContext, SECRET_KEY, sleeps, startStub } from './alpaca-fixture';

const ENTRY_ID = 'tv-bracket-entry';
const bracketEntry = intent({ clientOrderId: ENTRY_ID, takeProfitPrice: 110, stopLossPrice: 90 });
const close = intent({ side: 'sell', quantity: 10, reduceOnly: true });

describe('Alpaca: closing a position whose shares a bracket holds', () => {
	let stub: AlpacaStub;
	const legs = () => stub.orders.filter((order) => order.client_order_id !== ENTRY_ID && order.client_order_id !== CLIENT_ID);
	const trail = () => stub.requests.map((request) => `${request.method} ${request.path}`);

	beforeEach(async () => {
		stub = await startStub({ fillPrice: 100 });
		sleeps.length = 0;
		await alpacaBroker(stub).placeOrder(bracketEntry);
		stub.requests.length = 0;
	});

	afterEach(async () => {
		await stub.close();
	});

	it('stub: a filled bracket entry leaves a working take profit and a held stop loss that hold every share', async () => {
		const [entry] = stub.orders;
		const response = await fetch(`${stub.baseUrl}/v2/positions/AAPL`, { headers: { 'APCA-API-KEY-ID': KEY_ID, 'APCA-API-SECRET-KEY': SECRET_KEY } });

		expect(entry.status).toBe('filled');
		expect(entry.legs?.map((leg) => [leg.side, leg.type, leg.limit_price, leg.stop_price, leg.status, leg.qty])).toEqual([
			['sell', 'limit', '110', null, 'new', '10'],
			['sell', 'stop', null, '90', 'held', '10'],
		]);
		expect(await response.json()).toEqual(expect.objectContaining({ symbol: 'AAPL', qty: '10', qty_available: '0', side: 'long' }));
	});

	it("a plain sell of the held shares gets Alpaca's 403 (held_for_orders): InsufficientFundsError with its message", async () => {
		const error = await rejection(alpacaBroker(stub).placeOrder(intent({ side: 'sell', quantity: 10 })));
		const raw = await fetch(`${stub.baseUrl}/v2/orders`, {
			method: 'POST',
			headers: { 'APCA-API-KEY-ID': KEY_ID, 'APCA-API-SECRET-KEY': SECRET_KEY, 'content-type': 'application/json' },
			body: JSON.stringify({ symbol: 'AAPL', qty: '4', side: 'sell', type: 'market', time_in_force: 'day' }),
		});

		expect(error).toBeInstanceOf(InsufficientFundsError);
		expect(error.message).toBe('insufficient qty available for order (requested: 10, available: 0)');
		expect((error as InsufficientFundsError).details).toEqual({ broker: 'alpaca', brokerCode: 40310000, httpStatus: 403 });
		expect(raw.status).toBe(403);
		expect(await raw.json()).toEqual({
			symbol: 'AAPL',
			existing_qty: '10',
			held_for_orders: '10',
			available: '0',
			code: 40310000,
			message: 'insufficient qty available for order (requested: 4, available: 0)',
		});
	});

	it('a reduce-only close cancels the legs, waits for Alpaca to report them cancelled, checks the position again, then sells', async () => {
		const [takeProfit, stopLoss] = legs();

		const order = await alpacaBroker(stub).placeOrder(close);

		expect(trail()).toEqual([
			'GET /v2/positions/AAPL',
			'GET /v2/orders',
			`DELETE /v2/orders/${takeProfit.id}`,
			`DELETE /v2/orders/${stopLoss.id}`,
			`GET /v2/orders/${takeProfit.id}`,
			`GET /v2/orders/${stopLoss.id}`,
			'GET /v2/positions/AAPL',
			'POST /v2/orders',
		]);
		expect(stub.requests[1].query).toEqual({ status: 'open', limit: '500', direction: 'asc', symbols: 'AAPL' });
		expect(orderBodies(stub)).toEqual([{ symbol: 'AAPL', qty: '10', side: 'sell', type: 'market', time_in_force: 'gtc', client_order_id: CLIENT_ID }]);
		expect([takeProfit.status, stopLoss.status]).toEqual(['canceled', 'canceled']);
		expect(order).toMatchObject({ clientOrderId: CLIENT_ID, side: 'sell', status: 'filled', filledQuantity: 10 });
		expect(stub.book.holdings.has('AAPL')).toBe(false);
		expect(sleeps).toEqual([]);
	});

	it('waits while Alpaca answers pending_cancel, then sells', async () => {
		stub.book.cancelAfterReads = 3;

		await alpacaBroker(stub).placeOrder(close);

		expect(stub.count('GET', `/v2/orders/${legs()[0].id}`)).toBe(3);
		expect(sleeps).toEqual([250, 250]);
		expect(orderBodies(stub)).toHaveLength(1);
		expect(stub.book.holdings.has('AAPL')).toBe(false);
	});

	it('gives up after 8 reads with a retryable BrokerUnavailableError, having sent no order; placeOnce then retries and closes', async () => {
		stub.book.cancelAfterReads = 12;

		const error = await rejection(alpacaBroker(stub).placeOrder(close));

		expect(error).toBeInstanceOf(BrokerUnavailableError);
		expect(error.message).toMatch(/^Alpaca has not yet cancelled the 2 open AAPL order\(s\) holding the shares this reduce-only order needs \(.+\); nothing was sent$/);
		expect(stub.count('GET', `/v2/orders/${legs()[0].id}`)).toBe(8);
		expect(sleeps).toHaveLength(7);
		expect(orderBodies(stub)).toEqual([]);

		const placed = await placeOnce(close, placeContext(alpacaBroker(stub)));
		expect(placed).toMatchObject({ alreadyPlaced: false, order: { clientOrderId: CLIENT_ID, status: 'filled' } });
		expect(stub.book.holdings.has('AAPL')).toBe(false);
	});

	it('a resent close that rests open is found among the open orders: DuplicateClientOrderIdError, nothing cancelled', async () => {
		const limitClose = intent({ side: 'sell', quantity: 10, reduceOnly: true, type: 'limit', limitPrice: 120 });
		const first = await alpacaBroker(stub).placeOrder(limitClose);
		stub.requests.length = 0;

		const placed = await placeOnce(limitClose, placeContext(alpacaBroker(stub)));

		expect(placed).toEqual({ order: first, alreadyPlaced: true, attempts: 1 });
		expect(stub.requests.filter((request) => request.method === 'DELETE' || request.method === 'POST')).toEqual([]);
		expect(stub.orders.find((order) => order.client_order_id === CLIENT_ID)?.status).toBe('new');
	});

	it('a leg that fills while it is being cancelled leaves nothing to close: the check after the wait refuses, nothing is sold', async () => {
		const [takeProfit, stopLoss] = legs();
		const fillingTakeProfit: HttpPort = {
			send: async (request) => {
				if (request.method === 'DELETE' && request.url.endsWith(takeProfit.id)) {
					stub.book.fill(takeProfit, 10, 110);
					stopLoss.status = 'canceled';
				}
				return await fetchHttpPort.send(request);
			},
		};

		const error = await rejection(alpacaBroker(stub, {}, fillingTakeProfit).placeOrder(close));

		expect(error).toBeInstanceOf(InvalidOrderError);
		expect(error.message).toBe('a reduce-only sell of 10 AAPL would not only reduce the Alpaca position of 0');
		expect(orderBodies(stub)).toEqual([]);
		expect(stub.book.holdings.has('AAPL')).toBe(false);
	});

	it('a close the free shares cover cancels nothing', async () => {
		stub.book.setPosition('AAPL', 15, 100);

		await alpacaBroker(stub).placeOrder(intent({ side: 'sell', quantity: 5, reduceOnly: true }));

		expect(trail()).toEqual(['GET /v2/positions/AAPL', 'POST /v2/orders']);
		expect(legs().map((order) => order.status)).toEqual(['new', 'held']);
	});
});
