import { clientOrderIdFor } from '../../../core/order/client-order-id';
import { closePosition } from '../../../core/order/close-position';
import { orderHarness, orderIntent, SCOPE } from './order-fixture';

const REQUEST_ID = 'req-1';
const CLOSE_AAPL_ID = clientOrderIdFor(SCOPE, REQUEST_ID, 'close:AAPL');

describe('closePosition', () => {
	it('places nothing when there is no position', async () => {
		const { broker, journal, context } = orderHarness();
		broker.setPosition('MSFT', 3);

		expect(await closePosition('AAPL', REQUEST_ID, context)).toEqual({ symbol: 'AAPL', closedQuantity: 0, placed: null });
		expect(broker.placeCalls).toEqual([]);
		expect(journal.events).toEqual([]);
	});

	it('closes a long with a reduce-only market sell whose client order id comes from the request id', async () => {
		const { broker, journal, context } = orderHarness();
		broker.setPosition('AAPL', 5);

		const closed = await closePosition('AAPL', REQUEST_ID, context);

		const expected = orderIntent({
			clientOrderId: CLOSE_AAPL_ID,
			side: 'sell',
			quantity: 5,
			reduceOnly: true,
			alertId: REQUEST_ID,
		});
		expect(broker.placeCalls).toEqual([expected]);
		expect(closed).toEqual({
			symbol: 'AAPL',
			closedQuantity: 5,
			placed: { order: expect.objectContaining({ clientOrderId: CLOSE_AAPL_ID, side: 'sell', quantity: 5 }), alreadyPlaced: false, attempts: 1 },
		});
		expect(CLOSE_AAPL_ID).toMatch(/^tv-[0-9a-f]{28}$/);
		expect(broker.positionOf('AAPL')).toBe(0);
		expect(journal.kinds()).toEqual(['attempt', 'placed']);
	});

	it('closes a short with a reduce-only market buy of its size', async () => {
		const { broker, context } = orderHarness();
		broker.setPosition('AAPL', -2.5);

		const closed = await closePosition('AAPL', REQUEST_ID, context, 'day');

		expect(closed.closedQuantity).toBe(2.5);
		expect(broker.placeCalls).toEqual([
			orderIntent({ clientOrderId: CLOSE_AAPL_ID, side: 'buy', quantity: 2.5, reduceOnly: true, timeInForce: 'day', alertId: REQUEST_ID }),
		]);
		expect(broker.positionOf('AAPL')).toBe(0);
	});

	it('closes once when called twice with the same request id', async () => {
		const { broker, context } = orderHarness();
		broker.setPosition('AAPL', 5);

		await closePosition('AAPL', REQUEST_ID, context);
		const second = await closePosition('AAPL', REQUEST_ID, context);

		expect(second).toEqual({ symbol: 'AAPL', closedQuantity: 0, placed: null });
		expect([...broker.orders.keys()]).toEqual([CLOSE_AAPL_ID]);
		expect(broker.positionOf('AAPL')).toBe(0);
	});

	it('closes once when called twice with the same request id before the close has filled', async () => {
		const { broker, context } = orderHarness();
		broker.fillMarketOrders = false;
		broker.setPosition('AAPL', 5);

		const first = await closePosition('AAPL', REQUEST_ID, context);
		const second = await closePosition('AAPL', REQUEST_ID, context);

		expect(second.placed?.alreadyPlaced).toBe(true);
		expect(second.placed?.order).toEqual(first.placed?.order);
		expect(broker.orders.size).toBe(1);
	});

	it('uses a different client order id for a different request or symbol', async () => {
		const { broker, context } = orderHarness();
		broker.fillMarketOrders = false;
		broker.setPosition('AAPL', 5);
		broker.setPosition('MSFT', 1);

		await closePosition('AAPL', REQUEST_ID, context);
		await closePosition('MSFT', REQUEST_ID, context);

		expect([...broker.orders.keys()]).toEqual([CLOSE_AAPL_ID, clientOrderIdFor(SCOPE, REQUEST_ID, 'close:MSFT')]);
		expect(CLOSE_AAPL_ID).not.toBe(clientOrderIdFor(SCOPE, 'req-2', 'close:AAPL'));
	});
});
