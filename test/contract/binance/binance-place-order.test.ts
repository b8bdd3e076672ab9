import './ccxt-under-jest';

import { InvalidOrderError, UnsupportedError } from '../../../core/brokers/broker-errors';
import { rejection } from '../../support/rejection';
import type { BinanceStub } from './binance-stub';
import { API_KEY, binanceBroker, calls, CLIENT_ID, intent, orderParams, startStub } from './binance-fixture';

describe('Binance spot placeOrder: the request sent', () => {
	let stub: BinanceStub;

	beforeEach(async () => {
		stub = await startStub();
	});

	afterEach(async () => {
		await stub.close();
	});

	it('signs with the key, sends our client order id and a quantity, and returns the filled market order', async () => {
		const order = await binanceBroker(stub).placeOrder(intent());

		expect(calls(stub)).toEqual(['GET /api/v3/exchangeInfo', 'GET /api/v3/order', 'POST /api/v3/order']);
		const post = stub.orderPosts()[0];
		expect(post.headers['x-mbx-apikey']).toBe(API_KEY);
		expect(post.headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(post.params.signature).toMatch(/^[0-9a-f]{64}$/);
		expect(Number(post.params.recvWindow)).toBe(10_000);
		expect(orderParams(stub)).toEqual([
			{ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.001', newClientOrderId: CLIENT_ID, newOrderRespType: 'FULL' },
		]);
		expect(order).toEqual({
			brokerOrderId: '1001',
			clientOrderId: CLIENT_ID,
			symbol: 'BTCUSDT',
			side: 'buy',
			type: 'market',
			quantity: 0.001,
			limitPrice: null,
			stopPrice: null,
			status: 'filled',
			filledQuantity: 0.001,
			averageFillPrice: 30000,
			createdAt: new Date(stub.spot.orders[0].time).toISOString(),
		});
	});

	it('asks Binance for the client order id before ordering (GET /api/v3/order with symbol and origClientOrderId)', async () => {
		await binanceBroker(stub).placeOrder(intent());

		const check = stub.requests[1];
		expect(check.headers['x-mbx-apikey']).toBe(API_KEY);
		expect(check.params).toEqual(expect.objectContaining({ symbol: 'BTCUSDT', origClientOrderId: CLIENT_ID }));
		expect(check.params.signature).toMatch(/^[0-9a-f]{64}$/);
	});

	it('rounds the quantity DOWN to the LOT_SIZE step: 0.123456789 → 0.12345', async () => {
		await binanceBroker(stub).placeOrder(intent({ quantity: 0.123456789 }));

		expect(orderParams(stub)[0].quantity).toBe('0.12345');
		expect(stub.spot.orders[0].origQty).toBe('0.12345000');
	});

	it('drops float noise before rounding down: 0.7 × 3 is 2.1 at step 0.0001, not 2.0999', async () => {
		await binanceBroker(stub).placeOrder(intent({ symbol: 'ETHUSDT', quantity: 0.7 * 3 }));

		expect(orderParams(stub)[0].quantity).toBe('2.1');
	});

	it('rounds a limit price to the PRICE_FILTER tick and sends timeInForce', async () => {
		const broker = binanceBroker(stub);
		const order = await broker.placeOrder(intent({ type: 'limit', limitPrice: 25000.123, quantity: 0.01 }));
		await broker.placeOrder(intent({ clientOrderId: 'tv-up', type: 'limit', limitPrice: 24999.996, quantity: 0.01, timeInForce: 'ioc' }));

		expect(orderParams(stub)).toEqual([
			{ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', quantity: '0.01', price: '25000.12', timeInForce: 'GTC', newClientOrderId: CLIENT_ID, newOrderRespType: 'FULL' },
			{ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', quantity: '0.01', price: '25000', timeInForce: 'IOC', newClientOrderId: 'tv-up', newOrderRespType: 'FULL' },
		]);
		expect(order).toMatchObject({ type: 'limit', limitPrice: 25000.12, stopPrice: null, status: 'open', filledQuantity: 0, averageFillPrice: null });
	});

	it('sends stop as STOP_LOSS and stop_limit as STOP_LOSS_LIMIT, prices on the tick', async () => {
		stub.spot.setBalance('BTC', '1');
		const broker = binanceBroker(stub);
		const stop = await broker.placeOrder(intent({ side: 'sell', type: 'stop', stopPrice: 25000.004, quantity: 0.01 }));
		const stopLimit = await broker.placeOrder(
			intent({ clientOrderId: 'tv-stop-limit', side: 'sell', type: 'stop_limit', stopPrice: 25000, limitPrice: 24990.555, quantity: 0.01, timeInForce: 'fok' }),
		);

		expect(orderParams(stub)).toEqual([
			{ symbol: 'BTCUSDT', side: 'SELL', type: 'STOP_LOSS', quantity: '0.01', stopPrice: '25000', newClientOrderId: CLIENT_ID, newOrderRespType: 'FULL' },
			{
				symbol: 'BTCUSDT',
				side: 'SELL',
				type: 'STOP_LOSS_LIMIT',
				quantity: '0.01',
				price: '24990.56',
				stopPrice: '25000',
				timeInForce: 'FOK',
				newClientOrderId: 'tv-stop-limit',
				newOrderRespType: 'FULL',
			},
		]);
		expect(stop).toMatchObject({ type: 'stop', stopPrice: 25000, limitPrice: null, status: 'open' });
		expect(stopLimit).toMatchObject({ type: 'stop_limit', stopPrice: 25000, limitPrice: 24990.56 });
	});

	it('refuses an order below NOTIONAL before sending it, naming the minimum', async () => {
		const broker = binanceBroker(stub);
		const market = await rejection(broker.placeOrder(intent({ quantity: 0.0001, referencePrice: 30000 })));
		const limit = await rejection(broker.placeOrder(intent({ quantity: 0.0001, type: 'limit', limitPrice: 40000 })));

		expect(market).toBeInstanceOf(InvalidOrderError);
		expect(market.message).toBe("the order's notional 0.0001 × 30000 = 3 USDT is below the Binance NOTIONAL minimum of 5 USDT for BTCUSDT");
		expect(limit.message).toBe("the order's notional 0.0001 × 40000 = 4 USDT is below the Binance NOTIONAL minimum of 5 USDT for BTCUSDT");
		expect((market as InvalidOrderError).details).toEqual({ broker: 'binance' });
		expect(calls(stub)).toEqual(['GET /api/v3/exchangeInfo']);
	});

	it('applies the older MIN_NOTIONAL filter where a symbol still has it', async () => {
		const error = await rejection(binanceBroker(stub).placeOrder(intent({ symbol: 'ETHBTC', quantity: 0.001, type: 'limit', limitPrice: 0.05 })));

		expect(error).toBeInstanceOf(InvalidOrderError);
		expect(error.message).toBe("the order's notional 0.001 × 0.05 = 0.00005 BTC is below the Binance MIN_NOTIONAL minimum of 0.0001 BTC for ETHBTC");
		expect(stub.orderPosts()).toEqual([]);
	});

	it('leaves a market order without a reference price to Binance: -1013 NOTIONAL is InvalidOrderError with its code', async () => {
		const error = await rejection(binanceBroker(stub).placeOrder(intent({ quantity: 0.0001 })));

		expect(error).toBeInstanceOf(InvalidOrderError);
		expect(error.message).toBe('Filter failure: NOTIONAL');
		expect((error as InvalidOrderError).details).toEqual({ broker: 'binance', brokerCode: -1013, httpStatus: 400 });
		expect(stub.orderPosts()).toHaveLength(1);
		expect(stub.spot.orders).toEqual([]);
	});

	it('refuses a quantity that rounds down to 0, and one below LOT_SIZE minQty, before sending', async () => {
		const broker = binanceBroker(stub);
		const zero = await rejection(broker.placeOrder(intent({ quantity: 0.000009 })));
		const belowMinimum = await rejection(broker.placeOrder(intent({ symbol: 'ETHBTC', quantity: 0.0005, type: 'limit', limitPrice: 0.05 })));

		expect(zero).toBeInstanceOf(InvalidOrderError);
		expect(zero.message).toBe('quantity 0.000009 rounds down to 0 at the Binance LOT_SIZE step 0.00001 for BTCUSDT');
		expect(belowMinimum).toBeInstanceOf(InvalidOrderError);
		expect(belowMinimum.message).toBe('quantity 0.0005 is below the Binance LOT_SIZE minimum quantity of 0.001 for ETHBTC');
		expect(calls(stub)).toEqual(['GET /api/v3/exchangeInfo']);
	});

	it('loads exchangeInfo once per broker, for several orders and reads', async () => {
		const broker = binanceBroker(stub);
		await broker.placeOrder(intent({ clientOrderId: 'tv-a' }));
		await broker.placeOrder(intent({ clientOrderId: 'tv-b', symbol: 'ETHUSDT', quantity: 0.01 }));
		await broker.placeOrder(intent({ clientOrderId: 'tv-c', type: 'limit', limitPrice: 20000 }));
		await broker.listOpenOrders();
		await broker.getAccount();
		await broker.getPosition('BTCUSDT');

		expect(stub.count('GET', '/api/v3/exchangeInfo')).toBe(1);
		expect(stub.orderPosts()).toHaveLength(3);

		await binanceBroker(stub).getAccount();
		expect(stub.count('GET', '/api/v3/exchangeInfo')).toBe(2);
	});

	it('finds the market by Binance id, by ccxt symbol, lower-cased and with a TradingView prefix', async () => {
		const broker = binanceBroker(stub);
		for (const [index, symbol] of ['BTC/USDT', 'BINANCE:BTCUSDT', 'btcusdt'].entries()) {
			await broker.placeOrder(intent({ clientOrderId: `tv-${index}`, symbol }));
		}

		expect(orderParams(stub).map((params) => params.symbol)).toEqual(['BTCUSDT', 'BTCUSDT', 'BTCUSDT']);
	});

	it('refuses an unknown symbol, naming it, without ordering', async () => {
		const error = await rejection(binanceBroker(stub).placeOrder(intent({ symbol: 'DOGEXYZ' })));

		expect(error).toBeInstanceOf(InvalidOrderError);
		expect(error.message).toBe('Binance has no market DOGEXYZ that this broker trades');
		expect(calls(stub)).toEqual(['GET /api/v3/exchangeInfo']);
	});

	it('refuses an order in a market Binance has halted (status BREAK), but still reads its holding', async () => {
		stub.spot.setBalance('LUNA', '12.5');
		const broker = binanceBroker(stub);

		const error = await rejection(broker.placeOrder(intent({ symbol: 'LUNAUSDT', quantity: 10 })));

		expect(error).toBeInstanceOf(InvalidOrderError);
		expect(error.message).toBe('Binance market LUNAUSDT is not trading');
		expect(stub.orderPosts()).toEqual([]);
		expect(await broker.getPosition('LUNAUSDT')).toEqual({ symbol: 'LUNAUSDT', quantity: 12.5, averagePrice: 0, marketPrice: 0.0001 });
	});

	it.each([
		['exits on a sell entry (spot cannot go short)', { side: 'sell' as const, takeProfitPrice: 20000 }, UnsupportedError, /^Binance spot exits protect a long: a sell entry cannot carry/],
		['a spot trailing stop by amount', { trailingStop: { amount: 50, percent: null } }, UnsupportedError, /^Binance spot trails by a percent/],
		['a take profit below the stop loss', { takeProfitPrice: 20000, stopLossPrice: 25000 }, InvalidOrderError, /^the take profit 20000 of a buy must be above its stop loss 25000$/],
		['exits on a reduce-only order', { side: 'sell' as const, reduceOnly: true, stopLossPrice: 20000 }, InvalidOrderError, /^a reduce-only order carries no take profit/],
		['a limit order for the day', { type: 'limit' as const, limitPrice: 20000, timeInForce: 'day' as const }, InvalidOrderError, /gtc, ioc or fok, not day/],
		['a client order id of 37 characters', { clientOrderId: 'x'.repeat(37) }, InvalidOrderError, /1 to 36 letters/],
		['a client order id with a space', { clientOrderId: 'tv 1' }, InvalidOrderError, /1 to 36 letters/],
		['a zero quantity', { quantity: 0 }, InvalidOrderError, /quantity must be a number greater than 0, not 0/],
		['a limit order without a price', { type: 'limit' as const }, InvalidOrderError, /limit price must be a number greater than 0, not null/],
		['a stop order without a price', { type: 'stop' as const }, InvalidOrderError, /stop price must be a number greater than 0, not null/],
		['an empty symbol', { symbol: ' ' }, InvalidOrderError, /the order needs a symbol/],
	])('refuses %s before sending anything', async (_case, overrides, errorClass, message) => {
		const error = await rejection(binanceBroker(stub).placeOrder(intent(overrides)));

		expect(error).toBeInstanceOf(errorClass);
		expect(error.message).toMatch(message);
		expect(stub.requests).toEqual([]);
	});

	it('checks a reduce-only spot order against the coins held: only a sell of at most the holding goes', async () => {
		stub.spot.setBalance('BTC', '0.5');
		const broker = binanceBroker(stub);

		const tooMuch = await rejection(broker.placeOrder(intent({ side: 'sell', quantity: 0.6, reduceOnly: true })));
		const buy = await rejection(broker.placeOrder(intent({ side: 'buy', quantity: 0.1, reduceOnly: true })));
		await broker.placeOrder(intent({ side: 'sell', quantity: 0.5, reduceOnly: true }));

		expect(tooMuch).toBeInstanceOf(InvalidOrderError);
		expect(tooMuch.message).toBe('a reduce-only sell of 0.6 BTCUSDT is more than the 0.5 BTC free on Binance (coins locked in open orders cannot be sold)');
		expect(buy).toBeInstanceOf(InvalidOrderError);
		expect(orderParams(stub)).toEqual([expect.objectContaining({ side: 'SELL', quantity: '0.5', type: 'MARKET' })]);
		expect(orderParams(stub)[0]).not.toHaveProperty('reduceOnly');
		expect(stub.spot.free.get('BTC')).toBe(0n);
	});
});
