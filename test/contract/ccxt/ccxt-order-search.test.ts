import '../binance/ccxt-under-jest';

import { BrokerError } from '../../../core/brokers/broker-errors';
import type { CcxtOrder } from '../../../core/brokers/ccxt/ccxt-types';
import { intent } from '../binance/binance-fixture';
import { rejection } from '../../support/rejection';
import { closedOrder, fakeExchange, genericBroker, type Paging } from './ccxt-fake-exchange';

const WANTED = 'tv0123456789abcdef0123456789ab'; // intent().clientOrderId as OKX takes it

/** `count` closed orders of others, one a minute from `newestMinutesAgo` back. */
function history(count: number, newestMinutesAgo = 1): CcxtOrder[] {
	return Array.from({ length: count }, (_, index) => closedOrder(index, newestMinutesAgo + index, `other${index}`));
}

/** A broker told the order's symbol (as the order journal would), so the look-up goes to the exchange. */
function brokerKnowingTheSymbol(orders: CcxtOrder[], paging: Paging) {
	const fake = fakeExchange({ orders, paging });
	return { broker: genericBroker(fake.exchange, { orderSymbol: () => 'BTC/USDT' }), ...fake };
}

describe('finding an order by client order id among closed orders, page by page (generic venue)', () => {
	it.each(['oldest-first', 'newest-first'] as const)('finds an order 20 hours back, between 60 older and 170 newer ones (%s exchange)', async (paging) => {
		const older = Array.from({ length: 60 }, (_, index) => closedOrder(500 + index, 20 * 60 + 1 + index, `older${index}`));
		const orders = [...history(170), closedOrder(999, 20 * 60, WANTED), ...older];
		const { broker, calls } = brokerKnowingTheSymbol(orders, paging);

		const found = await broker.getOrderByClientId(intent().clientOrderId);

		expect(found).toMatchObject({ brokerOrderId: 'c999', clientOrderId: intent().clientOrderId, status: 'filled' });
		const pages = calls.filter((call) => call.startsWith('fetchClosedOrders'));
		expect(pages.length).toBeGreaterThan(1);
		expect(pages.every((call) => / limit=50 /.test(call))).toBe(true);
		expect(pages[0]).toMatch(new RegExp(`since=\\d+ limit=50 until=undefined$`));
		const since = Number(/since=(\d+)/.exec(pages[0])?.[1]);
		expect(Date.now() - since).toBeGreaterThanOrEqual(24 * 3_600_000);
		expect(Date.now() - since).toBeLessThan(24 * 3_600_000 + 60_000);
	});

	it.each(['oldest-first', 'newest-first'] as const)('searches the whole 24 h before answering null: an order older than that is not found (%s)', async (paging) => {
		const orders = [...history(120), closedOrder(999, 25 * 60, WANTED)];
		const { broker, calls } = brokerKnowingTheSymbol(orders, paging);

		expect(await broker.getOrderByClientId(intent().clientOrderId)).toBeNull();
		const seen = new Set<string>();
		for (const call of calls.filter((entry) => entry.startsWith('fetchClosedOrders'))) seen.add(call);
		expect(seen.size).toBeGreaterThanOrEqual(3);
	});

	it('an empty history is one request', async () => {
		const { broker, calls } = brokerKnowingTheSymbol([], 'newest-first');

		expect(await broker.getOrderByClientId(intent().clientOrderId)).toBeNull();
		expect(calls.filter((call) => call.startsWith('fetchClosedOrders'))).toHaveLength(1);
	});

	it('more orders in 24 h than the request budget covers is an error saying so, never null', async () => {
		const { broker } = brokerKnowingTheSymbol(history(1200), 'newest-first');

		const error = await rejection(broker.getOrderByClientId(intent().clientOrderId));

		expect(error.constructor).toBe(BrokerError);
		expect((error as BrokerError).retryable).toBe(false);
		expect(error.message).toBe(
			'OKX could not be searched for the order with client order id tv-0123456789abcdef0123456789ab in BTC/USDT over the last 24 h: more orders than 20 requests of 50 list; it may or may not exist, check at the exchange',
		);
	});

	it('an exchange that ignores `until` and fills a page cannot be paged back: an error, never null', async () => {
		const { broker } = brokerKnowingTheSymbol(history(120), 'ignores-until');

		const error = await rejection(broker.getOrderByClientId(intent().clientOrderId));

		expect(error.constructor).toBe(BrokerError);
		expect(error.message).toMatch(/it lists orders without honouring the end of the time range asked for/);
	});

	it('before placing, an order 20 hours back with the same id is a duplicate, not a second order', async () => {
		const { broker, created } = brokerKnowingTheSymbol([...history(170), closedOrder(999, 20 * 60, WANTED)], 'newest-first');

		const error = await rejection(broker.placeOrder(intent({ symbol: 'BTC/USDT' })));

		expect(error.constructor.name).toBe('DuplicateClientOrderIdError');
		expect(created).toEqual([]);
	});
});
