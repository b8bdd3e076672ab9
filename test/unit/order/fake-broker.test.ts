import { BrokerUnavailableError, DuplicateClientOrderIdError, InvalidOrderError, RateLimitedError } from '../../../core/brokers/broker-errors';
import { FAKE_BROKER, FakeBroker, MemoryOrderJournal } from './fake-broker';
import { orderIntent } from './order-fixture';

// The order tests trust this fake to behave like a real broker; these keep it honest.
describe('FakeBroker', () => {
	it('refuses a reused client order id, as real brokers do', async () => {
		const broker = new FakeBroker();
		await broker.placeOrder(orderIntent({ clientOrderId: 'tv-a' }));

		await expect(broker.placeOrder(orderIntent({ clientOrderId: 'tv-a', quantity: 9 }))).rejects.toThrow(DuplicateClientOrderIdError);

		expect(broker.orders.size).toBe(1);
		expect(broker.orders.get('tv-a')?.quantity).toBe(1);
		expect(broker.positionOf('AAPL')).toBe(1);
	});

	it('keeps signed positions from filled market orders and leaves other orders open', async () => {
		const broker = new FakeBroker();

		await broker.placeOrder(orderIntent({ clientOrderId: 'tv-a', quantity: 2 }));
		await broker.placeOrder(orderIntent({ clientOrderId: 'tv-b', side: 'sell', quantity: 5 }));
		await broker.placeOrder(orderIntent({ clientOrderId: 'tv-c', type: 'limit', limitPrice: 90 }));

		expect(await broker.getPosition('AAPL')).toEqual({ symbol: 'AAPL', quantity: -3, averagePrice: 100 });
		expect((await broker.listOpenOrders('AAPL')).map((order) => order.clientOrderId)).toEqual(['tv-c']);
	});

	it('fails the scripted number of calls without taking the order', async () => {
		const broker = new FakeBroker();
		broker.failNextPlaceOrders(2, () => new RateLimitedError('429', { broker: FAKE_BROKER }));

		await expect(broker.placeOrder(orderIntent())).rejects.toThrow(RateLimitedError);
		await expect(broker.placeOrder(orderIntent())).rejects.toThrow(RateLimitedError);
		expect(broker.orders.size).toBe(0);
		await broker.placeOrder(orderIntent());
		expect(broker.orders.size).toBe(1);
	});

	it('takes the order and then loses the answer when told to', async () => {
		const broker = new FakeBroker();
		broker.loseNextAnswers(1);

		await expect(broker.placeOrder(orderIntent({ clientOrderId: 'tv-a' }))).rejects.toThrow(BrokerUnavailableError);

		expect(await broker.getOrderByClientId('tv-a')).toMatchObject({ clientOrderId: 'tv-a', status: 'filled' });
		expect(broker.positionOf('AAPL')).toBe(1);
	});

	it('rejects a reduce-only order that would not reduce the position', async () => {
		const broker = new FakeBroker();
		broker.setPosition('AAPL', 2);

		await expect(broker.placeOrder(orderIntent({ clientOrderId: 'tv-a', reduceOnly: true }))).rejects.toThrow(InvalidOrderError);
		await expect(broker.placeOrder(orderIntent({ clientOrderId: 'tv-b', side: 'sell', quantity: 3, reduceOnly: true }))).rejects.toThrow(
			InvalidOrderError,
		);
		expect(broker.orders.size).toBe(0);
	});
});

describe('MemoryOrderJournal', () => {
	it('numbers events from 1 and filters by alert id and client order id', async () => {
		const journal = new MemoryOrderJournal();
		const at = new Date('2026-01-02T03:04:05.000Z');
		const event = { at, scope: 's', broker: FAKE_BROKER, detail: null } as const;
		await journal.record({ ...event, alertId: 'a1', clientOrderId: 'tv-1', kind: 'attempt' });
		await journal.record({ ...event, alertId: 'a2', clientOrderId: 'tv-2', kind: 'placed' });

		expect((await journal.list({ alertId: 'a2' })).map((stored) => [stored.id, stored.kind, stored.at])).toEqual([
			[2, 'placed', '2026-01-02T03:04:05.000Z'],
		]);
		expect((await journal.list({ clientOrderId: 'tv-1' })).map((stored) => stored.id)).toEqual([1]);
		expect(await journal.list()).toHaveLength(2);
	});
});
