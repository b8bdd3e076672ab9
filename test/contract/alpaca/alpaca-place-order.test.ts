import { InvalidOrderError, UnsupportedError } from '../../../core/brokers/broker-errors';
import { rejection } from '../../support/rejection';
import type { AlpacaStub } from './alpaca-stub';
import { alpacaBroker, CLIENT_ID, intent, KEY_ID, orderBodies, SECRET_KEY, startStub } from './alpaca-fixture';

describe('Alpaca placeOrder: the request sent', () => {
	let stub: AlpacaStub;

	beforeEach(async () => {
		stub = await startStub({ fillPrice: 187.42 });
	});

	afterEach(async () => {
		await stub.close();
	});

	it('sends both auth headers and JSON to POST /v2/orders, and returns the filled market order', async () => {
		const order = await alpacaBroker(stub).placeOrder(intent());

		expect(stub.requests).toHaveLength(1);
		const [request] = stub.requests;
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/v2/orders');
		expect(request.headers['apca-api-key-id']).toBe(KEY_ID);
		expect(request.headers['apca-api-secret-key']).toBe(SECRET_KEY);
		expect(request.headers['content-type']).toBe('application/json');
		expect(request.body).toEqual({
			symbol: 'AAPL',
			qty: '10',
			side: 'buy',
			type: 'market',
			time_in_force: 'gtc',
			client_order_id: CLIENT_ID,
		});
		expect(order).toEqual({
			brokerOrderId: stub.orders[0].id,
			clientOrderId: CLIENT_ID,
			symbol: 'AAPL',
			side: 'buy',
			type: 'market',
			quantity: 10,
			limitPrice: null,
			stopPrice: null,
			status: 'filled',
			filledQuantity: 10,
			averageFillPrice: 187.42,
			createdAt: stub.orders[0].created_at,
		});
	});

	it('sends a limit order with its limit price as a string and no stop price', async () => {
		const order = await alpacaBroker(stub).placeOrder(intent({ type: 'limit', limitPrice: 180.5, stopPrice: 170, timeInForce: 'day', side: 'buy' }));

		expect(orderBodies(stub)).toEqual([
			{ symbol: 'AAPL', qty: '10', side: 'buy', type: 'limit', time_in_force: 'day', limit_price: '180.5', client_order_id: CLIENT_ID },
		]);
		expect(order).toMatchObject({ type: 'limit', limitPrice: 180.5, stopPrice: null, status: 'open', filledQuantity: 0, averageFillPrice: null });
	});

	it('sends a stop order with its stop price only', async () => {
		await alpacaBroker(stub).placeOrder(intent({ type: 'stop', side: 'sell', stopPrice: 175, limitPrice: 174, quantity: 3 }));

		expect(orderBodies(stub)).toEqual([
			{ symbol: 'AAPL', qty: '3', side: 'sell', type: 'stop', time_in_force: 'gtc', stop_price: '175', client_order_id: CLIENT_ID },
		]);
	});

	it('sends a stop_limit order with both prices', async () => {
		const order = await alpacaBroker(stub).placeOrder(intent({ type: 'stop_limit', stopPrice: 190, limitPrice: 190.25, timeInForce: 'day' }));

		expect(orderBodies(stub)).toEqual([
			{
				symbol: 'AAPL',
				qty: '10',
				side: 'buy',
				type: 'stop_limit',
				time_in_force: 'day',
				limit_price: '190.25',
				stop_price: '190',
				client_order_id: CLIENT_ID,
			},
		]);
		expect(order).toMatchObject({ type: 'stop_limit', limitPrice: 190.25, stopPrice: 190 });
	});

	it('sends a bracket when both exits are set, and oto with one', async () => {
		const broker = alpacaBroker(stub);
		await broker.placeOrder(intent({ type: 'limit', limitPrice: 180, takeProfitPrice: 195, stopLossPrice: 172.5, timeInForce: 'day' }));
		await broker.placeOrder(intent({ clientOrderId: 'tv-oto-take-profit', takeProfitPrice: 200 }));
		await broker.placeOrder(intent({ clientOrderId: 'tv-oto-stop-loss', stopLossPrice: 170 }));

		expect(orderBodies(stub)).toEqual([
			{
				symbol: 'AAPL',
				qty: '10',
				side: 'buy',
				type: 'limit',
				time_in_force: 'day',
				limit_price: '180',
				client_order_id: CLIENT_ID,
				order_class: 'bracket',
				take_profit: { limit_price: '195' },
				stop_loss: { stop_price: '172.5' },
			},
			{
				symbol: 'AAPL',
				qty: '10',
				side: 'buy',
				type: 'market',
				time_in_force: 'gtc',
				client_order_id: 'tv-oto-take-profit',
				order_class: 'oto',
				take_profit: { limit_price: '200' },
			},
			{
				symbol: 'AAPL',
				qty: '10',
				side: 'buy',
				type: 'market',
				time_in_force: 'gtc',
				client_order_id: 'tv-oto-stop-loss',
				order_class: 'oto',
				stop_loss: { stop_price: '170' },
			},
		]);
	});

	it('sends crypto as BASE/QUOTE with gtc: BTCUSD, ETHUSDT and BTC/USD', async () => {
		const broker = alpacaBroker(stub);
		const order = await broker.placeOrder(intent({ symbol: 'BTCUSD', quantity: 0.0015 }));
		await broker.placeOrder(intent({ clientOrderId: 'tv-eth', symbol: 'ethusdt', quantity: 0.5, timeInForce: 'ioc', type: 'limit', limitPrice: 2400.5 }));
		await broker.placeOrder(intent({ clientOrderId: 'tv-btc-slash', symbol: 'BTC/USD', quantity: 1e-7 }));

		expect(orderBodies(stub)).toEqual([
			{ symbol: 'BTC/USD', qty: '0.0015', side: 'buy', type: 'market', time_in_force: 'gtc', client_order_id: CLIENT_ID },
			{
				symbol: 'ETH/USDT',
				qty: '0.5',
				side: 'buy',
				type: 'limit',
				time_in_force: 'ioc',
				limit_price: '2400.5',
				client_order_id: 'tv-eth',
			},
			{ symbol: 'BTC/USD', qty: '0.0000001', side: 'buy', type: 'market', time_in_force: 'gtc', client_order_id: 'tv-btc-slash' },
		]);
		expect(order).toMatchObject({ symbol: 'BTC/USD', quantity: 0.0015, status: 'filled' });
	});

	it('writes quantities as plain decimals: no exponent, no float noise', async () => {
		await alpacaBroker(stub).placeOrder(intent({ quantity: 0.1 + 0.2 }));

		expect(orderBodies(stub)).toEqual([expect.objectContaining({ qty: '0.3' })]);
	});

	it.each(['day', 'fok', 'opg', 'cls'] as const)('refuses crypto with time in force %s before sending anything', async (timeInForce) => {
		const error = await rejection(alpacaBroker(stub).placeOrder(intent({ symbol: 'BTCUSD', timeInForce })));

		expect(error).toBeInstanceOf(InvalidOrderError);
		expect(error.message).toBe(`Alpaca takes crypto orders only with time in force gtc or ioc, not ${timeInForce}`);
		expect(stub.requests).toEqual([]);
	});

	it('refuses crypto brackets and crypto stop orders as unsupported before sending anything', async () => {
		const broker = alpacaBroker(stub);
		const bracket = await rejection(broker.placeOrder(intent({ symbol: 'ETH/USD', takeProfitPrice: 3000 })));
		const stop = await rejection(broker.placeOrder(intent({ symbol: 'SOLUSD', type: 'stop', stopPrice: 90 })));

		expect(bracket).toBeInstanceOf(UnsupportedError);
		expect(bracket.message).toMatch(/bracket/);
		expect(stop).toBeInstanceOf(UnsupportedError);
		expect(stub.requests).toEqual([]);
	});

	it('refuses a crypto sell larger than the coins held (no crypto short selling) without placing it', async () => {
		stub.book.setPosition('BTCUSD', 0.5, 60_000);

		const error = await rejection(alpacaBroker(stub).placeOrder(intent({ symbol: 'BTCUSD', side: 'sell', quantity: 0.75 })));

		expect(error).toBeInstanceOf(UnsupportedError);
		expect(error.message).toBe('Alpaca does not sell crypto short: a sell of 0.75 BTC/USD is more than the 0.5 held');
		expect(stub.count('POST', '/v2/orders')).toBe(0);
		expect(stub.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			'GET /v2/positions/BTCUSD',
			'GET /v2/orders:by_client_order_id',
		]);
	});

	it('sells crypto that is held', async () => {
		stub.book.setPosition('BTCUSD', 0.5, 60_000);

		await alpacaBroker(stub).placeOrder(intent({ symbol: 'BTCUSD', side: 'sell', quantity: 0.5 }));

		expect(orderBodies(stub)).toEqual([expect.objectContaining({ symbol: 'BTC/USD', side: 'sell', qty: '0.5' })]);
		expect(stub.book.holdings.has('BTCUSD')).toBe(false);
	});

	it('checks a reduce-only order against the position: it must reduce and not flip', async () => {
		stub.book.setPosition('AAPL', 10, 150);
		const broker = alpacaBroker(stub);

		const flip = await rejection(broker.placeOrder(intent({ side: 'sell', quantity: 15, reduceOnly: true })));
		const grow = await rejection(broker.placeOrder(intent({ side: 'buy', quantity: 1, reduceOnly: true })));
		await broker.placeOrder(intent({ side: 'sell', quantity: 10, reduceOnly: true }));

		expect(flip).toBeInstanceOf(InvalidOrderError);
		expect(flip.message).toBe('a reduce-only sell of 15 AAPL would not only reduce the Alpaca position of 10');
		expect(grow).toBeInstanceOf(InvalidOrderError);
		expect(orderBodies(stub)).toEqual([
			{ symbol: 'AAPL', qty: '10', side: 'sell', type: 'market', time_in_force: 'gtc', client_order_id: CLIENT_ID },
		]);
		expect(stub.book.holdings.has('AAPL')).toBe(false);
	});

	it.each([
		['a zero quantity', { quantity: 0 }, 'quantity must be a number greater than 0, not 0'],
		['a NaN quantity', { quantity: Number.NaN }, 'quantity must be a number greater than 0, not NaN'],
		['a quantity that rounds to nothing', { quantity: 1e-12 }, 'quantity must be a number greater than 0, not 1e-12'],
		['a limit order without a price', { type: 'limit' as const }, "a limit order's limit price must be a number greater than 0, not null"],
		['a stop order without a price', { type: 'stop' as const }, "a stop order's stop price must be a number greater than 0, not null"],
		['a negative take profit', { takeProfitPrice: -1 }, 'the take-profit price must be a number greater than 0, not -1'],
		['an empty client order id', { clientOrderId: ' ' }, 'the order needs a client order id'],
		['a client order id over 128 characters', { clientOrderId: 'x'.repeat(129) }, 'Alpaca takes client order ids of at most 128 characters, not 129'],
		['an empty symbol', { symbol: '' }, 'the order needs a symbol'],
	])('refuses %s before sending anything', async (_case, overrides, message) => {
		const error = await rejection(alpacaBroker(stub).placeOrder(intent(overrides)));

		expect(error).toBeInstanceOf(InvalidOrderError);
		expect(error.message).toBe(message);
		expect(stub.requests).toEqual([]);
	});
});
