import { InvalidOrderError } from '../../../core/brokers/broker-errors';
import { paperIntent } from '../../support/paper';
import { PaperFixture } from './paper-fixture';

// Bracket exits on the Paper broker: take profit, stop loss and trailing stop attached to an entry.

describe('PaperBroker bracket exits', () => {
	let fixture: PaperFixture;

	beforeEach(() => {
		fixture = new PaperFixture();
	});

	afterEach(() => fixture.remove());

	const orderRows = () =>
		fixture.rows('SELECT client_order_id, side, type, quantity, limit_price, stop_price, reduce_only, status, average_fill_price FROM paper_order ORDER BY rowid');

	it('places a filled entry\'s take profit (limit) and stop loss (stop), reduce-only, for the filled quantity', async () => {
		const broker = fixture.broker();

		const entry = await broker.placeOrder(paperIntent({ clientOrderId: 'e1', referencePrice: 100, takeProfitPrice: 110, stopLossPrice: 95 }));

		expect(entry).toMatchObject({ clientOrderId: 'e1', status: 'filled', averageFillPrice: 100 });
		expect(await broker.listOpenOrders('AAPL')).toEqual([
			expect.objectContaining({ clientOrderId: 'e1/tp', side: 'sell', type: 'limit', quantity: 10, limitPrice: 110, stopPrice: null, status: 'open' }),
			expect.objectContaining({ clientOrderId: 'e1/sl', side: 'sell', type: 'stop', quantity: 10, limitPrice: null, stopPrice: 95, status: 'open' }),
		]);
		expect(orderRows().map((row) => [row.client_order_id, row.reduce_only])).toEqual([
			['e1', 0],
			['e1/tp', 1],
			['e1/sl', 1],
		]);
	});

	it('fills the take profit when a later price reaches it, cancels the stop loss and books the P&L', async () => {
		const broker = fixture.broker();
		await broker.placeOrder(paperIntent({ clientOrderId: 'e1', referencePrice: 100, takeProfitPrice: 110, stopLossPrice: 95 }));

		expect(await broker.markPrice('AAPL', 109.99)).toEqual([]);
		const filled = await broker.markPrice('AAPL', 111);

		expect(filled).toEqual([expect.objectContaining({ clientOrderId: 'e1/tp', status: 'filled', filledQuantity: 10, averageFillPrice: 111 })]);
		expect(await broker.getOrderByClientId('e1/sl')).toMatchObject({ status: 'canceled', filledQuantity: 0 });
		expect(await broker.listOpenOrders()).toEqual([]);
		expect(await broker.getPosition('AAPL')).toBeNull();
		expect(await broker.getAccount()).toMatchObject({ cash: 10_110, equity: 10_110, realisedPnl: 110 });
	});

	it('fills the stop loss at the price that gapped through it and cancels the take profit', async () => {
		const broker = fixture.broker();
		await broker.placeOrder(paperIntent({ clientOrderId: 'e1', referencePrice: 100, takeProfitPrice: 110, stopLossPrice: 95 }));

		const filled = await broker.markPrice('AAPL', 92);

		expect(filled).toEqual([expect.objectContaining({ clientOrderId: 'e1/sl', status: 'filled', averageFillPrice: 92 })]);
		expect(await broker.getOrderByClientId('e1/tp')).toMatchObject({ status: 'canceled' });
		expect(await broker.getAccount()).toMatchObject({ cash: 9920, realisedPnl: -80 });
	});

	it('protects a short: take profit below, stop loss above, both buys', async () => {
		const broker = fixture.broker();
		await broker.placeOrder(paperIntent({ clientOrderId: 's1', side: 'sell', referencePrice: 100, takeProfitPrice: 90, stopLossPrice: 104 }));

		const [filled] = await broker.markPrice('AAPL', 89.5);

		expect(filled).toMatchObject({ clientOrderId: 's1/tp', side: 'buy', averageFillPrice: 89.5 });
		expect(await broker.getOrderByClientId('s1/sl')).toMatchObject({ side: 'buy', status: 'canceled' });
		expect(await broker.getAccount()).toMatchObject({ cash: 10_105, realisedPnl: 105 });
	});

	it('holds the exits of a resting entry (status new, not open) until the entry fills', async () => {
		const broker = fixture.broker();
		await broker.markPrice('AAPL', 105);
		await broker.placeOrder(paperIntent({ clientOrderId: 'lim', type: 'limit', limitPrice: 100, takeProfitPrice: 108, stopLossPrice: 97 }));

		expect((await broker.listOpenOrders()).map((order) => order.clientOrderId)).toEqual(['lim']);
		expect(await broker.getOrderByClientId('lim/tp')).toMatchObject({ status: 'new' });
		// The held stop loss is not working: a price under it does nothing while the entry rests.
		expect(await broker.markPrice('AAPL', 101)).toEqual([]);

		const filled = await broker.markPrice('AAPL', 99);

		expect(filled.map((order) => [order.clientOrderId, order.averageFillPrice])).toEqual([['lim', 99]]);
		expect((await broker.listOpenOrders()).map((order) => [order.clientOrderId, order.status])).toEqual([
			['lim/tp', 'open'],
			['lim/sl', 'open'],
		]);
	});

	it('fills a stop loss on the same price that filled its entry when that price is already through it', async () => {
		const broker = fixture.broker();
		await broker.markPrice('AAPL', 105);
		await broker.placeOrder(paperIntent({ clientOrderId: 'lim', type: 'limit', limitPrice: 100, stopLossPrice: 97 }));

		const filled = await broker.markPrice('AAPL', 96);

		expect(filled.map((order) => [order.clientOrderId, order.averageFillPrice])).toEqual([
			['lim', 96],
			['lim/sl', 96],
		]);
		expect(await broker.getPosition('AAPL')).toBeNull();
	});

	it('cancels the held exits with their entry', async () => {
		const broker = fixture.broker();
		await broker.markPrice('AAPL', 105);
		await broker.placeOrder(paperIntent({ clientOrderId: 'lim', type: 'limit', limitPrice: 100, takeProfitPrice: 108, stopLossPrice: 97 }));

		await broker.cancelOrder('lim');

		expect(orderRows().map((row) => [row.client_order_id, row.status])).toEqual([
			['lim', 'canceled'],
			['lim/tp', 'canceled'],
			['lim/sl', 'canceled'],
		]);
	});

	it('places no exits for an ioc entry that did not fill', async () => {
		const broker = fixture.broker();
		await broker.markPrice('AAPL', 105);
		await broker.placeOrder(paperIntent({ clientOrderId: 'ioc', type: 'limit', limitPrice: 100, timeInForce: 'ioc', takeProfitPrice: 108 }));

		expect(orderRows().map((row) => [row.client_order_id, row.status])).toEqual([['ioc', 'canceled']]);
	});

	it('cancels the exits when an exit order closes the position', async () => {
		const broker = fixture.broker();
		await broker.placeOrder(paperIntent({ clientOrderId: 'e1', referencePrice: 100, takeProfitPrice: 110, stopLossPrice: 95 }));

		await broker.placeOrder(paperIntent({ clientOrderId: 'x1', side: 'sell', reduceOnly: true, referencePrice: 103 }));

		expect(await broker.listOpenOrders()).toEqual([]);
		expect(orderRows().map((row) => [row.client_order_id, row.status])).toEqual([
			['e1', 'filled'],
			['e1/tp', 'canceled'],
			['e1/sl', 'canceled'],
			['x1', 'filled'],
		]);
		expect(await broker.getAccount()).toMatchObject({ realisedPnl: 30 });
	});

	it('lowers the exits to what is left after a partial exit', async () => {
		const broker = fixture.broker();
		await broker.placeOrder(paperIntent({ clientOrderId: 'e1', referencePrice: 100, takeProfitPrice: 110, stopLossPrice: 95 }));

		await broker.placeOrder(paperIntent({ clientOrderId: 'x1', side: 'sell', quantity: 4, reduceOnly: true, referencePrice: 103 }));

		expect((await broker.listOpenOrders()).map((order) => [order.clientOrderId, order.quantity])).toEqual([
			['e1/tp', 6],
			['e1/sl', 6],
		]);
		const [filled] = await broker.markPrice('AAPL', 110);
		expect(filled).toMatchObject({ clientOrderId: 'e1/tp', filledQuantity: 6, averageFillPrice: 110 });
		expect(await broker.getPosition('AAPL')).toBeNull();
		expect(await broker.getAccount()).toMatchObject({ realisedPnl: 72 });
	});

	it('cancels the exits when a reversal takes the position to the other side', async () => {
		const broker = fixture.broker();
		await broker.placeOrder(paperIntent({ clientOrderId: 'e1', referencePrice: 100, takeProfitPrice: 110, stopLossPrice: 95 }));

		await broker.placeOrder(paperIntent({ clientOrderId: 'flip', side: 'sell', quantity: 20, referencePrice: 101 }));

		expect(await broker.getPosition('AAPL')).toMatchObject({ quantity: -10 });
		expect(await broker.listOpenOrders()).toEqual([]);
	});

	it('replaces the older exit of a role when a new entry on the same side brings one, covering the whole position', async () => {
		const broker = fixture.broker();
		await broker.placeOrder(paperIntent({ clientOrderId: 'e1', referencePrice: 100, takeProfitPrice: 110, stopLossPrice: 95 }));

		await broker.placeOrder(paperIntent({ clientOrderId: 'e2', quantity: 5, referencePrice: 104, takeProfitPrice: 115 }));

		expect((await broker.listOpenOrders()).map((order) => [order.clientOrderId, order.quantity, order.limitPrice ?? order.stopPrice])).toEqual([
			['e1/sl', 10, 95],
			['e2/tp', 15, 115],
		]);
		expect(await broker.getOrderByClientId('e1/tp')).toMatchObject({ status: 'canceled' });
	});

	it('keeps the older exits, at their size, for an entry without exits', async () => {
		const broker = fixture.broker();
		await broker.placeOrder(paperIntent({ clientOrderId: 'e1', referencePrice: 100, stopLossPrice: 95 }));
		await broker.placeOrder(paperIntent({ clientOrderId: 'e2', quantity: 5, referencePrice: 104 }));

		expect((await broker.listOpenOrders()).map((order) => [order.clientOrderId, order.quantity])).toEqual([['e1/sl', 10]]);
	});

	it('refuses exits on the wrong side of the entry price, a reduce-only bracket and an id of an exit\'s form', async () => {
		const broker = fixture.broker();
		const place = (overrides: Parameters<typeof paperIntent>[0]) => broker.placeOrder(paperIntent({ referencePrice: 100, ...overrides }));

		await expect(place({ takeProfitPrice: 99 })).rejects.toThrow('the take-profit price 99 of a buy must be above its entry price 100');
		await expect(place({ stopLossPrice: 100 })).rejects.toThrow('the stop-loss price 100 of a buy must be below its entry price 100');
		await expect(place({ side: 'sell', stopLossPrice: 98 })).rejects.toThrow('the stop-loss price 98 of a sell must be above its entry price 100');
		await expect(place({ type: 'limit', limitPrice: 90, takeProfitPrice: 95, stopLossPrice: 85 })).resolves.toMatchObject({ status: 'open' });
		await expect(place({ clientOrderId: 'r', side: 'sell', reduceOnly: true, stopLossPrice: 120 })).rejects.toThrow(
			'a reduce-only order cannot carry take-profit or stop-loss exits',
		);
		await expect(place({ clientOrderId: 'x/tp' })).rejects.toBeInstanceOf(InvalidOrderError);
		await expect(place({ clientOrderId: 'y', stopLossPrice: 95, trailingStop: { amount: 2, percent: null } })).rejects.toThrow(
			'an order takes a stop-loss price or a trailing stop, not both',
		);
		await expect(place({ clientOrderId: 'z', trailingStop: { amount: 2, percent: 1 } })).rejects.toThrow('a trailing stop needs exactly one of amount and percent');
		// Nothing of a refused call is kept, the entry included.
		expect(orderRows().map((row) => row.client_order_id)).toEqual(['tv-1', 'tv-1/tp', 'tv-1/sl']);
	});

	it('shows the exits in a preview without placing anything', async () => {
		const broker = fixture.broker();
		const preview = await broker.previewOrder(paperIntent({ referencePrice: 100, takeProfitPrice: 110, trailingStop: { amount: null, percent: 2 } }));

		expect(preview.body).toMatchObject({ clientOrderId: 'tv-1', bracket: { takeProfitPrice: 110, stopLossPrice: null, trailingStop: { amount: null, percent: 2 } } });
		expect(orderRows()).toEqual([]);
	});

	describe('trailing stop', () => {
		it('follows the best price since the fill by an amount, never back, and fills when the price falls to it', async () => {
			const broker = fixture.broker();
			await broker.placeOrder(paperIntent({ clientOrderId: 'e1', referencePrice: 100, trailingStop: { amount: 3, percent: null } }));
			const stop = async () => (await broker.getOrderByClientId('e1/trail:3'))?.stopPrice;

			expect(await stop()).toBe(97);
			await broker.markPrice('AAPL', 106);
			expect(await stop()).toBe(103);
			await broker.markPrice('AAPL', 104);
			expect(await stop()).toBe(103);
			await broker.markPrice('AAPL', 108.5);
			expect(await stop()).toBe(105.5);

			const [filled] = await broker.markPrice('AAPL', 105);

			expect(filled).toMatchObject({ clientOrderId: 'e1/trail:3', side: 'sell', type: 'stop', stopPrice: 105.5, averageFillPrice: 105 });
			expect(await broker.getAccount()).toMatchObject({ realisedPnl: 50 });
		});

		it('trails a short by a percent, from the price that filled a resting entry', async () => {
			const broker = fixture.broker();
			await broker.markPrice('AAPL', 95);
			await broker.placeOrder(paperIntent({ clientOrderId: 's1', side: 'sell', type: 'limit', limitPrice: 100, trailingStop: { amount: null, percent: 2 } }));
			const stop = async () => (await broker.getOrderByClientId('s1/trail:2%'))?.stopPrice;

			await broker.markPrice('AAPL', 101);
			expect(await stop()).toBe(103.02);
			await broker.markPrice('AAPL', 90);
			expect(await stop()).toBe(91.8);
			expect(await broker.markPrice('AAPL', 91.5)).toEqual([]);

			const [filled] = await broker.markPrice('AAPL', 92);

			expect(filled).toMatchObject({ clientOrderId: 's1/trail:2%', side: 'buy', averageFillPrice: 92 });
			expect(await broker.getAccount()).toMatchObject({ realisedPnl: 90 });
		});

		it('is canceled when the take profit fills first', async () => {
			const broker = fixture.broker();
			await broker.placeOrder(paperIntent({ clientOrderId: 'e1', referencePrice: 100, takeProfitPrice: 105, trailingStop: { amount: 3, percent: null } }));

			await broker.markPrice('AAPL', 105);

			expect(await broker.getOrderByClientId('e1/trail:3')).toMatchObject({ status: 'canceled', stopPrice: 102 });
		});
	});

	describe('move stop to breakeven', () => {
		it('moves the stop loss to the position\'s average price', async () => {
			const broker = fixture.broker();
			await broker.placeOrder(paperIntent({ clientOrderId: 'e1', referencePrice: 100, stopLossPrice: 95, takeProfitPrice: 120 }));
			await broker.placeOrder(paperIntent({ clientOrderId: 'e2', referencePrice: 102 }));
			await broker.markPrice('AAPL', 103);

			const moved = await broker.moveStopsToBreakeven('AAPL');

			// Average price (100 × 10 + 102 × 10) / 20 = 101; the stop covers the 10 of its entry.
			expect(moved.map((order) => [order.clientOrderId, order.quantity, order.stopPrice])).toEqual([['e1/sl', 10, 101]]);
			expect((await broker.getOrderByClientId('e1/tp'))?.limitPrice).toBe(120);
			const filled = await broker.markPrice('AAPL', 100.5);
			expect(filled.map((order) => [order.clientOrderId, order.filledQuantity, order.averageFillPrice])).toEqual([['e1/sl', 10, 100.5]]);
			expect(await broker.getAccount()).toMatchObject({ realisedPnl: -5 });
		});

		it('moves a trailing stop, which goes on trailing from there, and never loosens a stop', async () => {
			const broker = fixture.broker();
			await broker.placeOrder(paperIntent({ clientOrderId: 'e1', referencePrice: 100, trailingStop: { amount: 5, percent: null } }));
			await broker.markPrice('AAPL', 103);
			expect((await broker.getOrderByClientId('e1/trail:5'))?.stopPrice).toBe(98);

			expect((await broker.moveStopsToBreakeven('AAPL')).map((order) => order.stopPrice)).toEqual([100]);
			await broker.markPrice('AAPL', 107);
			expect((await broker.getOrderByClientId('e1/trail:5'))?.stopPrice).toBe(102);
			expect((await broker.moveStopsToBreakeven('AAPL')).map((order) => order.stopPrice)).toEqual([102]);
		});

		it('moves a short\'s stop down, and refuses while the price is on the losing side of break-even', async () => {
			const broker = fixture.broker();
			await broker.placeOrder(paperIntent({ clientOrderId: 's1', side: 'sell', referencePrice: 100, stopLossPrice: 104 }));

			await broker.markPrice('AAPL', 100.5);
			await expect(broker.moveStopsToBreakeven('AAPL')).rejects.toThrow(
				"the AAPL price 100.5 is above the position's average price 100: a stop loss at break-even would take the loss at once",
			);
			await broker.markPrice('AAPL', 98);
			expect((await broker.moveStopsToBreakeven('AAPL')).map((order) => order.stopPrice)).toEqual([100]);
		});

		it('moves nothing without a position or without a stop loss', async () => {
			const broker = fixture.broker();
			expect(await broker.moveStopsToBreakeven('AAPL')).toEqual([]);
			await broker.placeOrder(paperIntent({ clientOrderId: 'e1', referencePrice: 100, takeProfitPrice: 110 }));
			expect(await broker.moveStopsToBreakeven('AAPL')).toEqual([]);
		});
	});
});
