import { InvalidOrderError, OrderNotFoundError } from '../../../core/brokers/broker-errors';
import { paperIntent } from '../../support/paper';
import { PaperFixture } from './paper-fixture';

describe('PaperBroker resting orders', () => {
	let fixture: PaperFixture;

	beforeEach(() => {
		fixture = new PaperFixture();
	});

	afterEach(() => fixture.remove());

	it('rests a buy limit above the mark, fills it at the mark once the price is at or below the limit', async () => {
		const broker = fixture.broker();
		await broker.markPrice('AAPL', 150);

		const placed = await broker.placeOrder(paperIntent({ clientOrderId: 'lim', type: 'limit', limitPrice: 145 }));
		expect(placed).toMatchObject({ status: 'open', filledQuantity: 0, averageFillPrice: null, limitPrice: 145 });

		expect(await broker.markPrice('AAPL', 145.01)).toEqual([]);
		expect(await broker.listOpenOrders()).toEqual([placed]);

		const filled = await broker.markPrice('AAPL', 144.5);

		expect(filled).toEqual([{ ...placed, status: 'filled', filledQuantity: 10, averageFillPrice: 144.5 }]);
		expect(await broker.getOrderByClientId('lim')).toEqual(filled[0]);
		expect(await broker.listOpenOrders()).toEqual([]);
		expect(await broker.getPosition('AAPL')).toEqual({ symbol: 'AAPL', quantity: 10, averagePrice: 144.5 });
		expect((await broker.getAccount()).cash).toBe(8555);
	});

	it('fills a buy limit at once, at the lower mark, when the mark is already under the limit', async () => {
		const broker = fixture.broker();
		const order = await broker.placeOrder(paperIntent({ type: 'limit', limitPrice: 100, referencePrice: 98 }));
		expect(order).toMatchObject({ status: 'filled', averageFillPrice: 98 });
	});

	it('fills a sell limit at the higher of mark and limit', async () => {
		const broker = fixture.broker();
		await broker.placeOrder(paperIntent({ clientOrderId: 'b', referencePrice: 100 }));
		await broker.placeOrder(paperIntent({ clientOrderId: 'tp', side: 'sell', type: 'limit', limitPrice: 110 }));

		expect(await broker.markPrice('AAPL', 109.99)).toEqual([]);
		const [filled] = await broker.markPrice('AAPL', 111);

		expect(filled).toMatchObject({ clientOrderId: 'tp', status: 'filled', averageFillPrice: 111 });
		expect(await broker.getAccount()).toMatchObject({ cash: 10_110, realisedPnl: 110 });
	});

	it('fills resting orders crossed by an order\'s reference price before placing that order', async () => {
		const broker = fixture.broker();
		await broker.markPrice('AAPL', 100);
		await broker.placeOrder(paperIntent({ clientOrderId: 'lim', type: 'limit', limitPrice: 95, quantity: 1 }));

		await broker.placeOrder(paperIntent({ clientOrderId: 'mkt', quantity: 2, referencePrice: 94 }));

		expect(await broker.getOrderByClientId('lim')).toMatchObject({ status: 'filled', averageFillPrice: 94 });
		expect(await broker.getPosition('AAPL')).toEqual({ symbol: 'AAPL', quantity: 3, averagePrice: 94 });
	});

	it('triggers a sell stop at or below the stop and fills it at the mark', async () => {
		const broker = fixture.broker();
		await broker.placeOrder(paperIntent({ clientOrderId: 'b', referencePrice: 100 }));
		await broker.placeOrder(paperIntent({ clientOrderId: 'sl', side: 'sell', type: 'stop', stopPrice: 95 }));

		expect(await broker.markPrice('AAPL', 95.5)).toEqual([]);
		const [filled] = await broker.markPrice('AAPL', 94);

		expect(filled).toMatchObject({ clientOrderId: 'sl', status: 'filled', averageFillPrice: 94, stopPrice: 95 });
		expect(await broker.getPosition('AAPL')).toBeNull();
		expect(await broker.getAccount()).toMatchObject({ cash: 9940, equity: 9940, realisedPnl: -60 });
	});

	it('triggers a stop_limit, keeps it as a limit order, and fills it on a later price', async () => {
		const broker = fixture.broker();
		await broker.markPrice('AAPL', 104);
		await broker.placeOrder(
			paperIntent({ clientOrderId: 'sl', type: 'stop_limit', stopPrice: 105, limitPrice: 106, quantity: 1 }),
		);
		expect(await broker.markPrice('AAPL', 104.5)).toEqual([]);

		expect(await broker.markPrice('AAPL', 107)).toEqual([]);
		expect(fixture.rows("SELECT status, stop_triggered FROM paper_order WHERE client_order_id = 'sl'")).toEqual([
			{ status: 'open', stop_triggered: 1 },
		]);
		// Its limit holds at 104 too, but its stop is never reached.
		await broker.placeOrder(
			paperIntent({ clientOrderId: 'later', type: 'stop_limit', stopPrice: 108, limitPrice: 109, quantity: 1 }),
		);

		const filled = await broker.markPrice('AAPL', 104);

		expect(filled.map((order) => [order.clientOrderId, order.averageFillPrice])).toEqual([['sl', 104]]);
		expect((await broker.getOrderByClientId('later'))?.status).toBe('open');
	});

	it('fills a stop_limit on the price that triggers it when the limit holds', async () => {
		const broker = fixture.broker();
		await broker.placeOrder(paperIntent({ type: 'stop_limit', stopPrice: 105, limitPrice: 106, quantity: 1 }));

		const [filled] = await broker.markPrice('AAPL', 105.5);

		expect(filled).toMatchObject({ status: 'filled', averageFillPrice: 105.5 });
	});

	it('rests orders placed before any price is known, without filling them', async () => {
		const broker = fixture.broker();
		const order = await broker.placeOrder(paperIntent({ type: 'limit', limitPrice: 50, timeInForce: 'day' }));
		expect(order.status).toBe('open');
		expect(await broker.listOpenOrders('AAPL')).toEqual([order]);
		expect(await broker.listOpenOrders('MSFT')).toEqual([]);
	});

	it('cancels ioc and fok orders that cannot fill when placed', async () => {
		const broker = fixture.broker();
		await broker.markPrice('AAPL', 100);

		const ioc = await broker.placeOrder(paperIntent({ clientOrderId: 'ioc', type: 'limit', limitPrice: 90, timeInForce: 'ioc' }));
		const fok = await broker.placeOrder(paperIntent({ clientOrderId: 'fok', type: 'stop', stopPrice: 110, timeInForce: 'fok' }));

		expect(ioc).toMatchObject({ status: 'canceled', filledQuantity: 0 });
		expect(fok).toMatchObject({ status: 'canceled', filledQuantity: 0 });
		expect(await broker.listOpenOrders()).toEqual([]);
		expect(await broker.markPrice('AAPL', 85)).toEqual([]);
	});

	it('fills an ioc order that can fill when placed', async () => {
		const broker = fixture.broker();
		const order = await broker.placeOrder(paperIntent({ type: 'limit', limitPrice: 101, timeInForce: 'ioc', referencePrice: 100 }));
		expect(order).toMatchObject({ status: 'filled', averageFillPrice: 100 });
	});

	it('cancels an open order once; refuses unknown, filled and canceled ones', async () => {
		const broker = fixture.broker();
		await broker.markPrice('AAPL', 100);
		const open = await broker.placeOrder(paperIntent({ clientOrderId: 'open', type: 'limit', limitPrice: 90 }));
		await broker.placeOrder(paperIntent({ clientOrderId: 'done', quantity: 1 }));

		expect(await broker.cancelOrder('open')).toEqual({ ...open, status: 'canceled' });
		expect(await broker.listOpenOrders()).toEqual([]);
		expect(await broker.markPrice('AAPL', 80)).toEqual([]);

		const again = broker.cancelOrder('open');
		await expect(again).rejects.toBeInstanceOf(InvalidOrderError);
		await expect(again).rejects.toThrow('order open is canceled');
		await expect(broker.cancelOrder('done')).rejects.toThrow('order done is filled');
		await expect(broker.cancelOrder('nope')).rejects.toBeInstanceOf(OrderNotFoundError);
	});

	it('rejects a resting buy that a later price would fill without the cash for it', async () => {
		const broker = fixture.broker();
		await broker.markPrice('AAPL', 100);
		await broker.placeOrder(paperIntent({ clientOrderId: 'big', type: 'limit', limitPrice: 120, quantity: 100, referencePrice: 130 }));
		await broker.placeOrder(paperIntent({ clientOrderId: 'small', type: 'limit', limitPrice: 120, quantity: 1 }));

		const filled = await broker.markPrice('AAPL', 119);

		expect(filled.map((order) => order.clientOrderId)).toEqual(['small']);
		expect(await broker.getOrderByClientId('big')).toMatchObject({ status: 'rejected', filledQuantity: 0 });
		expect(await broker.getAccount()).toMatchObject({ cash: 9881 });
	});

	it('refuses a reduce-only order that would add to, open or flip the position', async () => {
		const broker = fixture.broker();
		await expect(
			broker.placeOrder(paperIntent({ clientOrderId: 'r0', side: 'sell', reduceOnly: true, referencePrice: 100 })),
		).rejects.toBeInstanceOf(InvalidOrderError);
		await broker.placeOrder(paperIntent({ clientOrderId: 'b', quantity: 10, referencePrice: 100 }));

		await expect(
			broker.placeOrder(paperIntent({ clientOrderId: 'flip', side: 'sell', quantity: 15, reduceOnly: true })),
		).rejects.toBeInstanceOf(InvalidOrderError);
		await expect(
			broker.placeOrder(paperIntent({ clientOrderId: 'add', side: 'buy', quantity: 1, reduceOnly: true })),
		).rejects.toBeInstanceOf(InvalidOrderError);
		expect(await broker.getPosition('AAPL')).toEqual({ symbol: 'AAPL', quantity: 10, averagePrice: 100 });

		const closing = await broker.placeOrder(paperIntent({ clientOrderId: 'close', side: 'sell', quantity: 10, reduceOnly: true }));
		expect(closing.status).toBe('filled');
		expect(await broker.getPosition('AAPL')).toBeNull();
	});

	it('rejects a resting reduce-only order once the position it reduced is gone', async () => {
		const broker = fixture.broker();
		await broker.placeOrder(paperIntent({ clientOrderId: 'b', quantity: 10, referencePrice: 100 }));
		await broker.placeOrder(
			paperIntent({ clientOrderId: 'tp', side: 'sell', type: 'limit', limitPrice: 110, quantity: 10, reduceOnly: true }),
		);
		await broker.placeOrder(paperIntent({ clientOrderId: 'exit', side: 'sell', quantity: 10, referencePrice: 101 }));

		expect(await broker.markPrice('AAPL', 111)).toEqual([]);

		expect((await broker.getOrderByClientId('tp'))?.status).toBe('rejected');
		expect(await broker.getPosition('AAPL')).toBeNull();
	});
});
