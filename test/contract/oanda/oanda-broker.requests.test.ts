import { InvalidOrderError, UnsupportedError } from '../../../core/brokers/broker-errors';
import { rejection } from '../../support/rejection';
import { CLIENT_ID, intent, useOandaStub } from './oanda-fixture';

// What the adapter sends: the exact POST orders bodies and the headers on every request.

describe('OANDA adapter: requests', () => {
	const { stub, broker } = useOandaStub();
	const sentOrder = () => {
		const posts = stub().orderPosts();
		expect(posts).toHaveLength(1);
		return posts[0].body;
	};

	it('sends the Bearer token, JSON and the account in the path on every request', async () => {
		await broker().placeOrder(intent());
		await broker().getAccount();
		await broker().listOpenOrders();
		expect(stub().requests.length).toBeGreaterThanOrEqual(5);
		for (const request of stub().requests) {
			expect(request.headers.authorization).toBe(`Bearer ${stub().token}`);
			expect(request.path.startsWith(`/v3/accounts/${stub().accountId}/`)).toBe(true);
		}
		expect(stub().orderPosts()[0].headers['content-type']).toBe('application/json');
	});

	it('looks the client id up before it posts the order', async () => {
		await broker().placeOrder(intent());
		expect(stub().requests.map((request) => `${request.method} ${request.endpoint}`)).toEqual([
			`GET /orders/@${CLIENT_ID}`,
			'GET /transactions/idrange',
			'POST /orders',
		]);
		expect(stub().requests[1].query).toEqual({
			from: '5000',
			to: '5999',
			type: 'MARKET_ORDER,LIMIT_ORDER,STOP_ORDER,ORDER_FILL,ORDER_CANCEL',
		});
	});

	it('market buy: MARKET, units "100", FOK, EURUSD as EUR_USD; filled at the stub price', async () => {
		const order = await broker().placeOrder(intent());
		expect(sentOrder()).toEqual({
			order: {
				type: 'MARKET',
				instrument: 'EUR_USD',
				units: '100',
				timeInForce: 'FOK',
				positionFill: 'DEFAULT',
				clientExtensions: { id: CLIENT_ID },
			},
		});
		expect(order).toEqual({
			brokerOrderId: '6000',
			clientOrderId: CLIENT_ID,
			symbol: 'EUR_USD',
			side: 'buy',
			type: 'market',
			quantity: 100,
			limitPrice: null,
			stopPrice: null,
			status: 'filled',
			filledQuantity: 100,
			averageFillPrice: 1.1,
			createdAt: '2026-01-02T03:04:05.000Z',
		});
	});

	it('market sell: units "-100"', async () => {
		const order = await broker().placeOrder(intent({ side: 'sell' }));
		expect(sentOrder()).toMatchObject({ order: { type: 'MARKET', units: '-100', timeInForce: 'FOK' } });
		expect(order).toMatchObject({ side: 'sell', status: 'filled', filledQuantity: 100, averageFillPrice: 1.1 });
		expect(stub().book.netUnits('EUR_USD')).toBe(-100);
	});

	it.each([
		['gtc', 'FOK'],
		['day', 'FOK'],
		['fok', 'FOK'],
		['ioc', 'IOC'],
	] as const)('market with time in force %s is sent as %s (OANDA allows only FOK and IOC)', async (timeInForce, sent) => {
		await broker().placeOrder(intent({ timeInForce }));
		expect(sentOrder()).toMatchObject({ order: { timeInForce: sent } });
	});

	it('limit gtc: LIMIT at the limit price, GTC; it rests open', async () => {
		const order = await broker().placeOrder(intent({ type: 'limit', limitPrice: 1.05, side: 'sell', quantity: 250 }));
		expect(sentOrder()).toEqual({
			order: {
				type: 'LIMIT',
				instrument: 'EUR_USD',
				units: '-250',
				timeInForce: 'GTC',
				price: '1.05',
				positionFill: 'DEFAULT',
				clientExtensions: { id: CLIENT_ID },
			},
		});
		expect(order).toMatchObject({ type: 'limit', side: 'sell', quantity: 250, limitPrice: 1.05, stopPrice: null, status: 'open', filledQuantity: 0, averageFillPrice: null });
	});

	it.each([
		['day', 'GFD'],
		['ioc', 'IOC'],
		['fok', 'FOK'],
	] as const)('limit with time in force %s is sent as %s', async (timeInForce, sent) => {
		await broker().placeOrder(intent({ type: 'limit', limitPrice: 1.05, timeInForce }));
		expect(sentOrder()).toMatchObject({ order: { type: 'LIMIT', timeInForce: sent } });
	});

	it('stop: STOP at the stop price', async () => {
		const order = await broker().placeOrder(intent({ type: 'stop', stopPrice: 1.15 }));
		expect(sentOrder()).toEqual({
			order: {
				type: 'STOP',
				instrument: 'EUR_USD',
				units: '100',
				timeInForce: 'GTC',
				price: '1.15',
				positionFill: 'DEFAULT',
				clientExtensions: { id: CLIENT_ID },
			},
		});
		expect(order).toMatchObject({ type: 'stop', stopPrice: 1.15, limitPrice: null, status: 'open' });
	});

	it('stop_limit: STOP at the stop price with priceBound = the limit price, read back as stop_limit', async () => {
		const order = await broker().placeOrder(intent({ type: 'stop_limit', stopPrice: 1.15, limitPrice: 1.16 }));
		expect(sentOrder()).toEqual({
			order: {
				type: 'STOP',
				instrument: 'EUR_USD',
				units: '100',
				timeInForce: 'GTC',
				price: '1.15',
				priceBound: '1.16',
				positionFill: 'DEFAULT',
				clientExtensions: { id: CLIENT_ID },
			},
		});
		expect(order).toMatchObject({ type: 'stop_limit', stopPrice: 1.15, limitPrice: 1.16, status: 'open' });
		expect(await broker().getOrderByClientId(CLIENT_ID)).toEqual(order);
	});

	it('reduceOnly: positionFill REDUCE_ONLY', async () => {
		await broker().placeOrder(intent({ reduceOnly: true, side: 'sell' }));
		expect(sentOrder()).toMatchObject({ order: { positionFill: 'REDUCE_ONLY', units: '-100' } });
	});

	it('take-profit and stop-loss: takeProfitOnFill / stopLossOnFill with string prices', async () => {
		await broker().placeOrder(intent({ takeProfitPrice: 1.2, stopLossPrice: 1.05 }));
		expect(sentOrder()).toEqual({
			order: {
				type: 'MARKET',
				instrument: 'EUR_USD',
				units: '100',
				timeInForce: 'FOK',
				positionFill: 'DEFAULT',
				clientExtensions: { id: CLIENT_ID },
				takeProfitOnFill: { price: '1.2' },
				stopLossOnFill: { price: '1.05' },
			},
		});
	});

	it.each([
		['EURUSD', 'EUR_USD'],
		['EUR/USD', 'EUR_USD'],
		['EUR_USD', 'EUR_USD'],
		['eurusd', 'EUR_USD'],
		['OANDA:XAUUSD', 'XAU_USD'],
		['XAUUSD', 'XAU_USD'],
		['SPX500/USD', 'SPX500_USD'],
	])('symbol %s is sent as instrument %s', async (symbol, instrument) => {
		const order = await broker().placeOrder(intent({ symbol }));
		expect(sentOrder()).toMatchObject({ order: { instrument } });
		expect(order.symbol).toBe(instrument);
	});

	it('a symbol that is neither six letters nor BASE_QUOTE is refused before anything is sent', async () => {
		const error = await rejection(broker().placeOrder(intent({ symbol: 'SPX500USD' })));
		expect(error).toBeInstanceOf(InvalidOrderError);
		expect(error.message).toMatch(/SPX500USD.*BASE_QUOTE/);
		expect(stub().requests).toEqual([]);
	});

	it('opg and cls are UnsupportedError, a limit without a price an InvalidOrderError; nothing is sent', async () => {
		await expect(broker().placeOrder(intent({ timeInForce: 'opg' }))).rejects.toBeInstanceOf(UnsupportedError);
		await expect(broker().placeOrder(intent({ type: 'limit', timeInForce: 'cls', limitPrice: 1 }))).rejects.toBeInstanceOf(UnsupportedError);
		await expect(broker().placeOrder(intent({ type: 'limit' }))).rejects.toBeInstanceOf(InvalidOrderError);
		await expect(broker().placeOrder(intent({ type: 'stop_limit', stopPrice: 1.2 }))).rejects.toBeInstanceOf(InvalidOrderError);
		await expect(broker().placeOrder(intent({ quantity: 0 }))).rejects.toBeInstanceOf(InvalidOrderError);
		await expect(broker().placeOrder(intent({ clientOrderId: 'x'.repeat(129) }))).rejects.toBeInstanceOf(InvalidOrderError);
		expect(stub().requests).toEqual([]);
	});

	it('prices carry no binary noise and no exponent', async () => {
		await broker().placeOrder(intent({ type: 'limit', limitPrice: 0.1 + 0.2, quantity: 1e21 }));
		expect(sentOrder()).toMatchObject({ order: { price: '0.3', units: '1000000000000000000000' } });
	});
});
