import {
	DuplicateClientOrderIdError,
	InsufficientFundsError,
	InvalidOrderError,
	UnsupportedError,
} from '../../../core/brokers/broker-errors';
import { paperIntent, T0 } from '../../support/paper';
import { PaperFixture } from './paper-fixture';

describe('PaperBroker market orders', () => {
	let fixture: PaperFixture;

	beforeEach(() => {
		fixture = new PaperFixture();
	});

	afterEach(() => fixture.remove());

	it('names itself and what it supports', () => {
		const broker = fixture.broker();
		expect(broker.name).toBe('paper');
		expect(broker.capabilities).toEqual({
			orderTypes: ['market', 'limit', 'stop', 'stop_limit'],
			brackets: true,
			trailingStops: true,
			breakevenStops: true,
			shortSelling: true,
			reduceOnly: true,
			hedgeMode: false,
			fractional: true,
			fillsAtReportedPrices: true,
		});
	});

	it('starts an account at its starting cash', async () => {
		expect(await fixture.broker('main', 25_000, 'EUR').getAccount()).toEqual({
			currency: 'EUR',
			cash: 25_000,
			equity: 25_000,
			buyingPower: 25_000,
			realisedPnl: 0,
		});
	});

	it('buys at the reference price, then sells part with realised P&L', async () => {
		const broker = fixture.broker();

		const bought = await broker.placeOrder(paperIntent({ clientOrderId: 'b1', quantity: 10, referencePrice: 150.25 }));

		expect(bought).toEqual({
			brokerOrderId: 'order-1',
			clientOrderId: 'b1',
			symbol: 'AAPL',
			side: 'buy',
			type: 'market',
			quantity: 10,
			limitPrice: null,
			stopPrice: null,
			status: 'filled',
			filledQuantity: 10,
			averageFillPrice: 150.25,
			createdAt: T0.toISOString(),
		});
		expect(await broker.getPosition('AAPL')).toEqual({ symbol: 'AAPL', quantity: 10, averagePrice: 150.25 });
		expect(await broker.getAccount()).toEqual({
			currency: 'USD',
			cash: 8497.5,
			equity: 10_000,
			buyingPower: 8497.5,
			realisedPnl: 0,
		});

		expect(await broker.markPrice('AAPL', 160)).toEqual([]);
		expect((await broker.getAccount()).equity).toBe(10_097.5);

		const sold = await broker.placeOrder(
			paperIntent({ clientOrderId: 's1', side: 'sell', quantity: 4, referencePrice: 165.1 }),
		);

		expect(sold.status).toBe('filled');
		expect(sold.averageFillPrice).toBe(165.1);
		expect(await broker.getPosition('AAPL')).toEqual({ symbol: 'AAPL', quantity: 6, averagePrice: 150.25 });
		// 4 x (165.1 - 150.25) = 59.4; cash 8497.5 + 660.4; equity adds 6 x 165.1.
		expect(await broker.getAccount()).toEqual({
			currency: 'USD',
			cash: 9157.9,
			equity: 10_148.5,
			buyingPower: 9157.9,
			realisedPnl: 59.4,
		});
	});

	it('fills at the last mark when the intent carries no price', async () => {
		const broker = fixture.broker();
		await broker.markPrice('AAPL', 99.5);

		const order = await broker.placeOrder(paperIntent({ quantity: 2 }));

		expect(order.averageFillPrice).toBe(99.5);
		expect((await broker.getAccount()).cash).toBe(9801);
	});

	it('sells short, then covers it with a profit', async () => {
		const broker = fixture.broker();

		await broker.placeOrder(paperIntent({ clientOrderId: 's', symbol: 'TSLA', side: 'sell', quantity: 5, referencePrice: 200 }));
		expect(await broker.getPosition('TSLA')).toEqual({ symbol: 'TSLA', quantity: -5, averagePrice: 200 });
		expect(await broker.getAccount()).toMatchObject({ cash: 11_000, equity: 10_000 });

		await broker.placeOrder(paperIntent({ clientOrderId: 'b', symbol: 'TSLA', side: 'buy', quantity: 5, referencePrice: 180 }));

		expect(await broker.getPosition('TSLA')).toBeNull();
		expect(await broker.listPositions()).toEqual([]);
		expect(await broker.getAccount()).toEqual({
			currency: 'USD',
			cash: 10_100,
			equity: 10_100,
			buyingPower: 10_100,
			realisedPnl: 100,
		});
	});

	it('leaves no position after buying 0.1 three times and selling 0.3', async () => {
		const broker = fixture.broker();
		for (const id of ['b1', 'b2', 'b3']) {
			await broker.placeOrder(paperIntent({ clientOrderId: id, symbol: 'BTCUSD', quantity: 0.1, referencePrice: 0.7 }));
		}
		expect(await broker.getPosition('BTCUSD')).toEqual({ symbol: 'BTCUSD', quantity: 0.3, averagePrice: 0.7 });

		await broker.placeOrder(paperIntent({ clientOrderId: 's', symbol: 'BTCUSD', side: 'sell', quantity: 0.3, referencePrice: 0.7 }));

		expect(await broker.getPosition('BTCUSD')).toBeNull();
		expect(fixture.rows('SELECT * FROM paper_position')).toEqual([]);
		expect(await broker.getAccount()).toMatchObject({ cash: 10_000, equity: 10_000, realisedPnl: 0 });
	});

	it('refuses a second order with the same client order id and keeps the first', async () => {
		const broker = fixture.broker();
		const first = await broker.placeOrder(paperIntent({ clientOrderId: 'same', referencePrice: 100 }));

		await expect(broker.placeOrder(paperIntent({ clientOrderId: 'same', referencePrice: 90 }))).rejects.toBeInstanceOf(
			DuplicateClientOrderIdError,
		);

		expect(fixture.rows("SELECT broker_order_id FROM paper_order WHERE client_order_id = 'same'")).toEqual([
			{ broker_order_id: first.brokerOrderId },
		]);
		expect(await broker.getOrderByClientId('same')).toEqual(first);
		expect((await broker.getAccount()).cash).toBe(9000);
		// The duplicate's price was not recorded either.
		expect(fixture.rows('SELECT price FROM paper_mark')).toEqual([{ price: 100 }]);
	});

	it('refuses a market order when no price is known', async () => {
		const broker = fixture.broker();

		const placing = broker.placeOrder(paperIntent());

		await expect(placing).rejects.toBeInstanceOf(InvalidOrderError);
		await expect(placing).rejects.toThrow('the paper broker needs a price to fill a market order: send price in the alert');
		await expect(placing).rejects.toMatchObject({ details: { broker: 'paper' } });
		expect(fixture.rows('SELECT * FROM paper_order')).toEqual([]);
		expect(await broker.getOrderByClientId('tv-1')).toBeNull();
	});

	it('refuses a buy beyond the cash and records nothing, not even the price', async () => {
		const broker = fixture.broker();
		await broker.markPrice('AAPL', 100);
		await broker.placeOrder(
			paperIntent({ clientOrderId: 'resting', type: 'limit', limitPrice: 95, quantity: 1, timeInForce: 'day' }),
		);

		const placing = broker.placeOrder(paperIntent({ clientOrderId: 'big', quantity: 200, referencePrice: 94 }));

		await expect(placing).rejects.toBeInstanceOf(InsufficientFundsError);
		expect(fixture.rows("SELECT * FROM paper_order WHERE client_order_id = 'big'")).toEqual([]);
		expect(fixture.rows('SELECT * FROM paper_position')).toEqual([]);
		expect(fixture.rows('SELECT price FROM paper_mark')).toEqual([{ price: 100 }]);
		expect((await broker.getOrderByClientId('resting'))?.status).toBe('open');
		expect(await broker.getAccount()).toMatchObject({ cash: 10_000, equity: 10_000 });
	});

	it('allows a buy that costs exactly the cash', async () => {
		const broker = fixture.broker();
		await broker.placeOrder(paperIntent({ quantity: 100, referencePrice: 100 }));
		expect((await broker.getAccount()).cash).toBe(0);
	});

	it('refuses invalid orders with InvalidOrderError', async () => {
		const broker = fixture.broker();
		const invalid = [
			paperIntent({ clientOrderId: 'q0', quantity: 0, referencePrice: 10 }),
			paperIntent({ clientOrderId: 'qn', quantity: -1, referencePrice: 10 }),
			paperIntent({ clientOrderId: 'qi', quantity: Number.POSITIVE_INFINITY, referencePrice: 10 }),
			paperIntent({ clientOrderId: 'qnan', quantity: Number.NaN, referencePrice: 10 }),
			paperIntent({ clientOrderId: 'l', type: 'limit', limitPrice: null }),
			paperIntent({ clientOrderId: 'l0', type: 'limit', limitPrice: 0 }),
			paperIntent({ clientOrderId: 's', type: 'stop', stopPrice: null }),
			paperIntent({ clientOrderId: 'sl', type: 'stop_limit', stopPrice: 10, limitPrice: null }),
			paperIntent({ clientOrderId: 'sl2', type: 'stop_limit', stopPrice: null, limitPrice: 10 }),
			paperIntent({ clientOrderId: '' }),
		];
		for (const order of invalid) {
			await expect(broker.placeOrder(order)).rejects.toBeInstanceOf(InvalidOrderError);
		}
		expect(fixture.rows('SELECT * FROM paper_order')).toEqual([]);
	});

	it('refuses auction time in force as unsupported', async () => {
		const broker = fixture.broker();

		await expect(broker.placeOrder(paperIntent({ timeInForce: 'opg', referencePrice: 100 }))).rejects.toBeInstanceOf(
			UnsupportedError,
		);
		expect(fixture.rows('SELECT * FROM paper_order')).toEqual([]);
	});

	it('refuses a mark price that is not a positive number', async () => {
		const broker = fixture.broker();
		await expect(broker.markPrice('AAPL', 0)).rejects.toBeInstanceOf(InvalidOrderError);
		await expect(broker.markPrice('AAPL', Number.NaN)).rejects.toBeInstanceOf(InvalidOrderError);
		await expect(broker.markPrice('', 10)).rejects.toBeInstanceOf(InvalidOrderError);
	});

	it('stores only the prices the order type uses', async () => {
		const broker = fixture.broker();
		const order = await broker.placeOrder(paperIntent({ limitPrice: 101, stopPrice: 99, referencePrice: 100 }));
		expect(order).toMatchObject({ limitPrice: null, stopPrice: null, averageFillPrice: 100 });
	});
});
