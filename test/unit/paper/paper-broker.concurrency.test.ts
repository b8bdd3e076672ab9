import { DuplicateClientOrderIdError } from '../../../core/brokers/broker-errors';
import { paperIntent } from '../../support/paper';
import { PaperFixture } from './paper-fixture';

describe('PaperBroker under concurrent calls, restarts and several accounts', () => {
	let fixture: PaperFixture;

	beforeEach(() => {
		fixture = new PaperFixture();
	});

	afterEach(() => fixture.remove());

	it('places one order for 50 concurrent calls with the same client order id', async () => {
		const broker = fixture.broker();

		const results = await Promise.allSettled(
			Array.from({ length: 50 }, () => broker.placeOrder(paperIntent({ clientOrderId: 'retry', quantity: 1, referencePrice: 100 }))),
		);

		const placed = results.filter((result) => result.status === 'fulfilled');
		const refused = results.filter((result) => result.status === 'rejected');
		expect(placed).toHaveLength(1);
		expect(placed[0].status === 'fulfilled' && placed[0].value.status).toBe('filled');
		expect(refused).toHaveLength(49);
		for (const result of refused) {
			expect(result.status === 'rejected' && result.reason).toBeInstanceOf(DuplicateClientOrderIdError);
		}
		expect(fixture.rows('SELECT status FROM paper_order')).toEqual([{ status: 'filled' }]);
		expect(await broker.getPosition('AAPL')).toEqual({ symbol: 'AAPL', quantity: 1, averagePrice: 100 });
		expect((await broker.getAccount()).cash).toBe(9900);
	});

	it('takes exactly the sum of the costs for 20 concurrent market buys', async () => {
		const broker = fixture.broker('main', 100_000);

		const orders = await Promise.all(
			Array.from({ length: 20 }, (_, index) =>
				broker.placeOrder(paperIntent({ clientOrderId: `buy-${index}`, quantity: 0.1, referencePrice: 100.1 })),
			),
		);

		expect(orders.every((order) => order.status === 'filled')).toBe(true);
		// 20 x 0.1 x 100.1 = 200.2
		expect(await broker.getAccount()).toEqual({
			currency: 'USD',
			cash: 99_799.8,
			equity: 100_000,
			buyingPower: 99_799.8,
			realisedPnl: 0,
		});
		expect(await broker.getPosition('AAPL')).toEqual({ symbol: 'AAPL', quantity: 2, averagePrice: 100.1 });
		expect(fixture.rows('SELECT COUNT(*) AS orders FROM paper_order')).toEqual([{ orders: 20 }]);
	});

	it('keeps cash, positions, marks and orders across closing and reopening the file', async () => {
		const before = fixture.broker();
		await before.placeOrder(paperIntent({ clientOrderId: 'b', quantity: 10, referencePrice: 100 }));
		await before.placeOrder(paperIntent({ clientOrderId: 's', side: 'sell', quantity: 4, referencePrice: 110 }));
		const resting = await before.placeOrder(paperIntent({ clientOrderId: 'lim', type: 'stop_limit', stopPrice: 120, limitPrice: 121, quantity: 1 }));
		await before.markPrice('AAPL', 125);
		const accountBefore = await before.getAccount();

		fixture.reopen();
		const after = fixture.broker();

		expect(await after.getAccount()).toEqual(accountBefore);
		expect(accountBefore).toEqual({ currency: 'USD', cash: 9440, equity: 10_190, buyingPower: 9440, realisedPnl: 40 });
		expect(await after.listPositions()).toEqual([{ symbol: 'AAPL', quantity: 6, averagePrice: 100 }]);
		expect(await after.listOpenOrders()).toEqual([resting]);
		// The stop triggered before the restart; the limit fills after it.
		expect(await after.markPrice('AAPL', 119)).toEqual([{ ...resting, status: 'filled', filledQuantity: 1, averageFillPrice: 119 }]);
		await expect(after.placeOrder(paperIntent({ clientOrderId: 'b', referencePrice: 100 }))).rejects.toBeInstanceOf(
			DuplicateClientOrderIdError,
		);
	});

	it('keeps the stored starting cash and currency when the settings change later', async () => {
		await fixture.broker('main', 10_000, 'USD').placeOrder(paperIntent({ quantity: 1, referencePrice: 100 }));

		expect(await fixture.broker('main', 50_000, 'EUR').getAccount()).toMatchObject({ currency: 'USD', cash: 9900 });
	});

	it('keeps accounts apart: orders, client order ids, marks, positions and cash', async () => {
		const alice = fixture.broker('alice', 10_000);
		const bob = fixture.broker('bob', 5000);

		await alice.placeOrder(paperIntent({ clientOrderId: 'same-id', quantity: 10, referencePrice: 100 }));
		await alice.placeOrder(paperIntent({ clientOrderId: 'alice-limit', type: 'limit', limitPrice: 90 }));

		// The same client order id is a different order in another account.
		await expect(bob.placeOrder(paperIntent({ clientOrderId: 'same-id' }))).rejects.toThrow(
			'the paper broker needs a price to fill a market order',
		);
		expect(await bob.getOrderByClientId('same-id')).toBeNull();
		expect(await bob.listOpenOrders()).toEqual([]);
		expect(await bob.listPositions()).toEqual([]);
		expect(await bob.getAccount()).toEqual({ currency: 'USD', cash: 5000, equity: 5000, buyingPower: 5000, realisedPnl: 0 });

		expect(await bob.markPrice('AAPL', 85)).toEqual([]);
		expect((await alice.getOrderByClientId('alice-limit'))?.status).toBe('open');
		expect((await alice.getAccount()).equity).toBe(10_000);

		const bobs = await bob.placeOrder(paperIntent({ clientOrderId: 'same-id', quantity: 2, referencePrice: 80 }));
		expect(bobs.averageFillPrice).toBe(80);
		expect(await alice.getPosition('AAPL')).toEqual({ symbol: 'AAPL', quantity: 10, averagePrice: 100 });
		expect(await bob.getPosition('AAPL')).toEqual({ symbol: 'AAPL', quantity: 2, averagePrice: 80 });
		expect((await alice.getAccount()).cash).toBe(9000);
		expect((await bob.getAccount()).cash).toBe(4840);
	});
});
