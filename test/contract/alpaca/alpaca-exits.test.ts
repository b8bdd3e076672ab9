import { InvalidOrderError, UnsupportedError } from '../../../core/brokers/broker-errors';
import { alpacaTickPrice } from '../../../core/brokers/alpaca/alpaca-price-tick';
import { rejection } from '../../support/rejection';
import type { AlpacaStub } from './alpaca-stub';
import { alpacaBroker, CLIENT_ID, intent, KEY_ID, orderBodies, SECRET_KEY, startStub } from './alpaca-fixture';

const TRAIL_ID = `${CLIENT_ID}-trail`;
const headers = { 'APCA-API-KEY-ID': KEY_ID, 'APCA-API-SECRET-KEY': SECRET_KEY, 'content-type': 'application/json' };

describe('Alpaca exits: rounding, trailing stops, break-even, the exit that cancels them', () => {
	let stub: AlpacaStub;
	const trail = () => stub.requests.map((request) => `${request.method} ${request.path}`);

	beforeEach(async () => {
		stub = await startStub({ fillPrice: 100 });
	});

	afterEach(async () => {
		await stub.close();
	});

	describe('exit prices rounded to what Alpaca accepts', () => {
		it('rounds to the cent at or above $1 and to 1/100 cent below', () => {
			expect([alpacaTickPrice(110.125), alpacaTickPrice(89.876), alpacaTickPrice(0.123456), alpacaTickPrice(0.99996), alpacaTickPrice(1.005)]).toEqual([
				110.13, 89.88, 0.1235, 1, 1.01,
			]);
		});

		it('stub: a sub-penny take profit is refused as Alpaca refuses it', async () => {
			const response = await fetch(`${stub.baseUrl}/v2/orders`, {
				method: 'POST',
				headers,
				body: JSON.stringify({
					symbol: 'AAPL',
					qty: '1',
					side: 'buy',
					type: 'market',
					time_in_force: 'gtc',
					order_class: 'bracket',
					take_profit: { limit_price: '110.123' },
					stop_loss: { stop_price: '90' },
				}),
			});
			expect(response.status).toBe(422);
			expect(await response.json()).toEqual({ code: 40010001, message: 'invalid take_profit.limit_price 110.123. sub-penny increment does not fulfill minimum pricing criteria' });
		});

		it('a bracket whose prices came from a percent is sent at cents and taken', async () => {
			const order = await alpacaBroker(stub).placeOrder(intent({ takeProfitPrice: 101.49999999, stopLossPrice: 98.765 }));

			expect(orderBodies(stub)).toEqual([
				{
					symbol: 'AAPL',
					qty: '10',
					side: 'buy',
					type: 'market',
					time_in_force: 'gtc',
					client_order_id: CLIENT_ID,
					order_class: 'bracket',
					take_profit: { limit_price: '101.5' },
					stop_loss: { stop_price: '98.77' },
				},
			]);
			expect(order.status).toBe('filled');
			expect(stub.orders.filter((each) => each.client_order_id !== CLIENT_ID).map((leg) => [leg.type, leg.limit_price, leg.stop_price])).toEqual([
				['limit', '101.5', null],
				['stop', null, '98.77'],
			]);
		});

		it('below $1 an OTO stop loss keeps four decimals', async () => {
			stub.book.fillPrice = 0.5;
			await alpacaBroker(stub).placeOrder(intent({ symbol: 'SNDL', stopLossPrice: 0.456789 }));
			expect(orderBodies(stub)).toEqual([expect.objectContaining({ order_class: 'oto', stop_loss: { stop_price: '0.4568' } })]);
		});
	});

	describe('trailing stop', () => {
		const trailingEntry = intent({ trailingStop: { amount: 2.5, percent: null } });

		it('the entry goes alone; attachExits then places a trailing_stop for the filled quantity, under the entry id + "-trail"', async () => {
			const broker = alpacaBroker(stub);
			const entry = await broker.placeOrder(trailingEntry);
			const exits = await broker.attachExits(trailingEntry, entry);

			expect(orderBodies(stub)).toEqual([
				{ symbol: 'AAPL', qty: '10', side: 'buy', type: 'market', time_in_force: 'gtc', client_order_id: CLIENT_ID },
				{ symbol: 'AAPL', qty: '10', side: 'sell', type: 'trailing_stop', time_in_force: 'gtc', trail_price: '2.5', client_order_id: TRAIL_ID },
			]);
			expect(exits).toEqual([expect.objectContaining({ clientOrderId: TRAIL_ID, side: 'sell', type: 'stop', quantity: 10, stopPrice: 97.5, status: 'open' })]);
		});

		it('a percent trail on a short is a buy trailing_stop with trail_percent; a day entry gives a day trailing stop', async () => {
			const broker = alpacaBroker(stub);
			stub.book.setPosition('AAPL', 0, 0);
			const short = intent({ side: 'sell', quantity: 4, timeInForce: 'day', trailingStop: { amount: null, percent: 1.5 } });
			const entry = await broker.placeOrder(short);
			await broker.attachExits(short, entry);

			expect(orderBodies(stub)[1]).toEqual({ symbol: 'AAPL', qty: '4', side: 'buy', type: 'trailing_stop', time_in_force: 'day', trail_percent: '1.5', client_order_id: TRAIL_ID });
			expect(stub.book.findByClientId(TRAIL_ID)?.stop_price).toBe('101.5');
		});

		it('a second attachExits for the same entry reads the trailing stop back and places nothing', async () => {
			const broker = alpacaBroker(stub);
			const entry = await broker.placeOrder(trailingEntry);
			const [first] = await broker.attachExits(trailingEntry, entry);
			const [again] = await broker.attachExits(trailingEntry, entry);

			expect(again).toEqual(first);
			expect(orderBodies(stub)).toHaveLength(2);
			expect(stub.orders.filter((order) => order.client_order_id === TRAIL_ID)).toHaveLength(1);
		});

		it('an entry without a trailing stop attaches nothing', async () => {
			const broker = alpacaBroker(stub);
			const plain = intent({ takeProfitPrice: 110, stopLossPrice: 90 });
			expect(await broker.attachExits(plain, await broker.placeOrder(plain))).toEqual([]);
			expect(orderBodies(stub)).toHaveLength(1);
		});

		it('crypto, and a trailing stop with a take profit, are refused before anything is sent (UnsupportedError naming Alpaca)', async () => {
			const crypto = await rejection(alpacaBroker(stub).placeOrder(intent({ symbol: 'BTCUSD', quantity: 0.1, trailingStop: { amount: 500, percent: null } })));
			const withTakeProfit = await rejection(alpacaBroker(stub).placeOrder(intent({ takeProfitPrice: 110, trailingStop: { amount: 2, percent: null } })));

			expect(crypto).toBeInstanceOf(UnsupportedError);
			expect(crypto.message).toBe('Alpaca does not take trailing stop orders for crypto');
			expect(withTakeProfit).toBeInstanceOf(UnsupportedError);
			expect(withTakeProfit.message).toMatch(/^Alpaca takes a trailing stop only as an order of its own, not together with a take profit/);
			expect(stub.requests).toEqual([]);
		});

		it('stub: a trailing_stop inside a bracket is refused, as Alpaca takes trailing stops only as simple orders', async () => {
			const response = await fetch(`${stub.baseUrl}/v2/orders`, {
				method: 'POST',
				headers,
				body: JSON.stringify({ symbol: 'AAPL', qty: '1', side: 'sell', type: 'trailing_stop', trail_price: '1', time_in_force: 'gtc', order_class: 'oto', stop_loss: { stop_price: '90' } }),
			});
			expect(response.status).toBe(422);
			expect(await response.json()).toEqual({ code: 40010001, message: 'trailing_stop orders are supported only as simple orders' });
		});

		it('an exit cancels the working trailing stop (it holds the shares) before it sells', async () => {
			const broker = alpacaBroker(stub);
			await broker.attachExits(trailingEntry, await broker.placeOrder(trailingEntry));
			const trailing = stub.book.findByClientId(TRAIL_ID)!;
			stub.requests.length = 0;

			const close = await broker.placeOrder(intent({ clientOrderId: 'tv-close', side: 'sell', quantity: 10, reduceOnly: true }));

			expect(trail()).toEqual([
				'GET /v2/positions/AAPL',
				'GET /v2/orders',
				`DELETE /v2/orders/${trailing.id}`,
				`GET /v2/orders/${trailing.id}`,
				'GET /v2/positions/AAPL',
				'POST /v2/orders',
			]);
			expect(trailing.status).toBe('canceled');
			expect(close).toMatchObject({ clientOrderId: 'tv-close', status: 'filled', filledQuantity: 10 });
			expect(stub.book.holdings.has('AAPL')).toBe(false);
		});
	});

	describe('an exit with OTO legs working', () => {
		it('cancels the single stop-loss leg of an OTO before it sells', async () => {
			const broker = alpacaBroker(stub);
			await broker.placeOrder(intent({ stopLossPrice: 90 }));
			const [leg] = stub.orders.filter((order) => order.client_order_id !== CLIENT_ID);
			stub.requests.length = 0;

			await broker.placeOrder(intent({ clientOrderId: 'tv-close', side: 'sell', quantity: 10, reduceOnly: true }));

			expect(trail()).toContain(`DELETE /v2/orders/${leg.id}`);
			expect(leg.status).toBe('canceled');
			expect(stub.book.holdings.has('AAPL')).toBe(false);
		});
	});

	describe('move stop to break-even', () => {
		it("replaces the bracket's stop-loss leg at the average entry price (PATCH stop_price), keeping it in the bracket", async () => {
			const broker = alpacaBroker(stub);
			await broker.placeOrder(intent({ takeProfitPrice: 110, stopLossPrice: 90 }));
			const entry = stub.book.findByClientId(CLIENT_ID)!;
			const oldStop = entry.legs![1];
			stub.requests.length = 0;

			const moved = await broker.moveStopsToBreakeven('AAPL');

			expect(trail()).toEqual(['GET /v2/positions/AAPL', 'GET /v2/orders', `PATCH /v2/orders/${oldStop.id}`]);
			expect(stub.requests[1].query).toEqual({ status: 'open', limit: '500', direction: 'asc', symbols: 'AAPL', nested: 'true' });
			expect(stub.requests[2].body).toEqual({ stop_price: '100' });
			expect(oldStop.status).toBe('replaced');
			expect(entry.legs![1]).toMatchObject({ type: 'stop', stop_price: '100', status: 'held', replaces: oldStop.id });
			expect(moved).toEqual([expect.objectContaining({ brokerOrderId: entry.legs![1].id, side: 'sell', type: 'stop', stopPrice: 100, quantity: 10 })]);
		});

		it('rounds the average price to the cent, and a second call moves nothing (never loosened, never moved twice)', async () => {
			const broker = alpacaBroker(stub);
			await broker.placeOrder(intent({ stopLossPrice: 90 }));
			stub.book.setPosition('AAPL', 10, 100.456);

			const [first] = await broker.moveStopsToBreakeven('AAPL');
			stub.requests.length = 0;
			const [second] = await broker.moveStopsToBreakeven('AAPL');

			expect(first.stopPrice).toBe(100.46);
			expect(second).toEqual(first);
			expect(trail()).toEqual(['GET /v2/positions/AAPL', 'GET /v2/orders']);
		});

		it('a short: a buy stop above the price comes down to the average entry price', async () => {
			const broker = alpacaBroker(stub);
			await broker.placeOrder(intent({ side: 'sell', stopLossPrice: 105 }));

			const moved = await broker.moveStopsToBreakeven('AAPL');

			expect(moved).toEqual([expect.objectContaining({ side: 'buy', type: 'stop', stopPrice: 100 })]);
		});

		it('a stop already past break-even is left as it is; a trailing stop is reported as it stands', async () => {
			const broker = alpacaBroker(stub);
			await broker.placeOrder(intent({ stopLossPrice: 90 }));
			stub.book.setPosition('AAPL', 10, 85);
			const trailingEntry = intent({ clientOrderId: 'tv-entry-2', quantity: 1, trailingStop: { amount: 3, percent: null } });
			await broker.attachExits(trailingEntry, await broker.placeOrder(trailingEntry));
			stub.requests.length = 0;

			const stops = await broker.moveStopsToBreakeven('AAPL');

			expect(stub.requests.filter((request) => request.method === 'PATCH')).toEqual([]);
			expect(stops.map((stop) => [stop.stopPrice, stop.quantity])).toEqual([
				[90, 10],
				[97, 1],
			]);
		});

		it('no position: nothing is read beyond it, nothing moved', async () => {
			expect(await alpacaBroker(stub).moveStopsToBreakeven('AAPL')).toEqual([]);
			expect(trail()).toEqual(['GET /v2/positions/AAPL']);
		});

		it('stub: a replace of a filled order is refused', async () => {
			await alpacaBroker(stub).placeOrder(intent());
			const entry = stub.book.findByClientId(CLIENT_ID)!;
			const response = await fetch(`${stub.baseUrl}/v2/orders/${entry.id}`, { method: 'PATCH', headers, body: JSON.stringify({ stop_price: '1' }) });
			expect(response.status).toBe(422);
		});
	});

	it('a trailing amount finer than a cent is refused before sending', async () => {
		const broker = alpacaBroker(stub);
		const tiny = intent({ trailingStop: { amount: 0.001, percent: null } });
		const entry = await broker.placeOrder(tiny);
		const error = await rejection(broker.attachExits(tiny, entry));
		expect(error).toBeInstanceOf(InvalidOrderError);
		expect(orderBodies(stub)).toHaveLength(1);
	});
});
