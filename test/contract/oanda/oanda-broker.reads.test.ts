import { InvalidOrderError, OrderNotFoundError } from '../../../core/brokers/broker-errors';
import { rejection } from '../../support/rejection';
import { CLIENT_ID, intent, useOandaStub } from './oanda-fixture';

// Reading orders, positions and the account back, and cancelling.

describe('OANDA adapter: orders, positions, account', () => {
	const { stub, broker } = useOandaStub();

	it('getOrderByClientId: null for an unknown id, open for a resting order, filled with its fill transaction', async () => {
		expect(await broker().getOrderByClientId('tv-unknown')).toBeNull();
		await broker().placeOrder(intent({ clientOrderId: 'tv-limit', type: 'limit', limitPrice: 1.05 }));
		expect(await broker().getOrderByClientId('tv-limit')).toMatchObject({ status: 'open', type: 'limit', limitPrice: 1.05, filledQuantity: 0 });

		await broker().placeOrder(intent());
		const before = stub().requests.length;
		expect(await broker().getOrderByClientId(CLIENT_ID)).toMatchObject({ status: 'filled', filledQuantity: 100, averageFillPrice: 1.1 });
		expect(stub().requests.slice(before).map((request) => `${request.method} ${request.endpoint}`)).toEqual([
			`GET /orders/@${CLIENT_ID}`,
			'GET /transactions/6002',
		]);
	});

	it('cancelOrder: PUT …/cancel, then the canceled order read back; it leaves the open orders; a second cancel returns it', async () => {
		await broker().placeOrder(intent({ type: 'limit', limitPrice: 1.05 }));
		const canceled = await broker().cancelOrder(CLIENT_ID);
		expect(canceled).toMatchObject({ clientOrderId: CLIENT_ID, status: 'canceled', cancelReason: 'CLIENT_REQUEST', filledQuantity: 0 });
		expect(stub().requests.some((request) => request.method === 'PUT' && request.endpoint === `/orders/@${CLIENT_ID}/cancel`)).toBe(true);
		expect(await broker().listOpenOrders()).toEqual([]);
		expect(await broker().cancelOrder(CLIENT_ID)).toEqual(canceled);
	});

	it('cancelOrder: an unknown id is an OrderNotFoundError, a filled order an InvalidOrderError', async () => {
		const missing = await rejection(broker().cancelOrder('tv-unknown'));
		expect(missing).toBeInstanceOf(OrderNotFoundError);
		expect(missing).toMatchObject({ message: 'The Order specified does not exist', details: { broker: 'oanda', brokerCode: 'ORDER_DOESNT_EXIST', httpStatus: 404 } });
		await broker().placeOrder(intent());
		const filled = await rejection(broker().cancelOrder(CLIENT_ID));
		expect(filled).toBeInstanceOf(InvalidOrderError);
		expect(filled.message).toBe(`order ${CLIENT_ID} is filled and can no longer be canceled`);
	});

	it('listOpenOrders: entry orders with a client id, by symbol; take-profit / stop-loss orders left out', async () => {
		await broker().placeOrder(intent({ clientOrderId: 'tv-a', type: 'limit', limitPrice: 1.05 }));
		await broker().placeOrder(intent({ clientOrderId: 'tv-b', type: 'stop', stopPrice: 1.2, side: 'sell' }));
		await broker().placeOrder(intent({ clientOrderId: 'tv-c', symbol: 'GBPUSD', type: 'limit', limitPrice: 1.2 }));
		await broker().placeOrder(intent({ clientOrderId: 'tv-d', takeProfitPrice: 1.3, stopLossPrice: 1.0 }));
		expect(stub().book.orders.filter((order) => order.state === 'PENDING').map((order) => order.type)).toEqual([
			'LIMIT',
			'STOP',
			'LIMIT',
			'TAKE_PROFIT',
			'STOP_LOSS',
		]);
		const all = await broker().listOpenOrders();
		expect(all.map((order) => order.clientOrderId)).toEqual(['tv-a', 'tv-b', 'tv-c']);
		const eurusd = await broker().listOpenOrders('EURUSD');
		expect(eurusd.map((order) => [order.clientOrderId, order.symbol, order.side, order.type, order.status])).toEqual([
			['tv-a', 'EUR_USD', 'buy', 'limit', 'open'],
			['tv-b', 'EUR_USD', 'sell', 'stop', 'open'],
		]);
	});

	it('positions are netted and signed, with the open side\'s average price and OANDA\'s unrealised P&L; flat is null', async () => {
		expect(await broker().getPosition('EURUSD')).toBeNull();
		await broker().placeOrder(intent({ clientOrderId: 'tv-1', quantity: 100 }));
		stub().setPrice('EUR_USD', 1.2);
		await broker().placeOrder(intent({ clientOrderId: 'tv-2', quantity: 100 }));
		expect(await broker().getPosition('EURUSD')).toEqual({ symbol: 'EUR_USD', quantity: 200, averagePrice: 1.15, unrealisedPnl: 10 });
		await broker().placeOrder(intent({ clientOrderId: 'tv-3', quantity: 300, side: 'sell' }));
		expect(await broker().getPosition('EUR/USD')).toEqual({ symbol: 'EUR_USD', quantity: -100, averagePrice: 1.2, unrealisedPnl: 0 });
		await broker().placeOrder(intent({ clientOrderId: 'tv-4', symbol: 'XAUUSD', quantity: 2 }));
		expect(await broker().listPositions()).toEqual([
			{ symbol: 'EUR_USD', quantity: -100, averagePrice: 1.2, unrealisedPnl: 0 },
			{ symbol: 'XAU_USD', quantity: 2, averagePrice: 2000, unrealisedPnl: 0 },
		]);
		await broker().placeOrder(intent({ clientOrderId: 'tv-5', quantity: 100 }));
		expect(await broker().getPosition('EURUSD')).toBeNull();
		expect(await broker().listPositions()).toEqual([{ symbol: 'XAU_USD', quantity: 2, averagePrice: 2000, unrealisedPnl: 0 }]);
	});

	it('a position held on both sides (an account that hedges) is reported net', async () => {
		stub().setPosition('EUR_USD', { units: 100, averagePrice: 1.1 }, { units: -40, averagePrice: 1.2 });
		expect(await broker().getPosition('EURUSD')).toMatchObject({ symbol: 'EUR_USD', quantity: 60, averagePrice: 1.1 });
		stub().setPosition('EUR_USD', { units: 30, averagePrice: 1.1 }, { units: -40, averagePrice: 1.2 });
		expect(await broker().getPosition('EURUSD')).toMatchObject({ symbol: 'EUR_USD', quantity: -10, averagePrice: 1.2 });
	});

	it('a 404 for a position is null', async () => {
		stub().failNext(1, 404, { errorMessage: 'The Position specified does not exist' }, { endpoint: '/positions/EUR_USD' });
		expect(await broker().getPosition('EURUSD')).toBeNull();
	});

	it('account: cash = balance, equity = NAV, buying power = marginAvailable, realised P&L = pl', async () => {
		expect(await broker().getAccount()).toEqual({ currency: 'USD', cash: 100_000, equity: 100_000, buyingPower: 100_000, realisedPnl: 0 });
		await broker().placeOrder(intent({ clientOrderId: 'tv-1', quantity: 1000 }));
		stub().setPrice('EUR_USD', 1.2);
		// Unrealised (1.2 - 1.1) × 1000 = 100; margin 1000 × 1.2 × 2% = 24.
		expect(await broker().getAccount()).toEqual({ currency: 'USD', cash: 100_000, equity: 100_100, buyingPower: 100_076, realisedPnl: 0 });
		await broker().placeOrder(intent({ clientOrderId: 'tv-2', quantity: 1000, side: 'sell' }));
		expect(await broker().getAccount()).toEqual({ currency: 'USD', cash: 100_100, equity: 100_100, buyingPower: 100_100, realisedPnl: 100 });
	});
});
