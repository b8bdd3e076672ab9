import { BrokerUnavailableError, RateLimitedError } from '../../../core/brokers/broker-errors';
import { placeOnce } from '../../../core/order/place-once';
import { OrderOutcomeUnknownError } from '../../../core/order/placement-errors';
import { rejection } from '../../support/rejection';
import { FAKE_BROKER } from './fake-broker';
import { orderHarness, orderIntent, RETRY } from './order-fixture';
import { ForeverFakeBroker, WhileOpenFakeBroker } from './place-once-fakes';

// A broker that refuses a reused client order id only while the first order is open would take a
// blind resend of a filled order as a second order: after a retryable failure it is asked
// several times, and sent the order again only when it keeps saying it has none.

const INTENT = orderIntent({ clientOrderId: 'tv-0123456789abcdef0123456789ab', quantity: 2, referencePrice: 150 });
const details = { broker: FAKE_BROKER };
const rateLimited = () => new RateLimitedError('429 Too Many Requests', { ...details, httpStatus: 429 });
const statusUnknown = () => new BrokerUnavailableError('execution status unknown', { ...details, brokerCode: -1007, httpStatus: 408 });

describe('placeOnce on a broker whose client order ids are unique only while open', () => {
	beforeEach(() => {
		jest.spyOn(Math, 'random').mockReturnValue(0.5);
	});

	afterEach(() => {
		jest.restoreAllMocks();
	});

	it('resends after a 429 only once three reads over a backoff found nothing', async () => {
		const { broker, journal, sleeps, context } = orderHarness(RETRY, new WhileOpenFakeBroker());
		broker.failNextPlaceOrders(1, rateLimited);

		const placed = await placeOnce(INTENT, context);

		expect(placed).toMatchObject({ alreadyPlaced: false, attempts: 2 });
		expect(broker.placeCalls).toHaveLength(2);
		expect(broker.lookupCalls).toEqual([INTENT.clientOrderId, INTENT.clientOrderId, INTENT.clientOrderId]);
		// the jittered retry backoff, then the read-back waits
		expect(sleeps).toEqual([250, 500, 1_000]);
		expect(journal.kinds()).toEqual(['attempt', 'retry', 'placed']);
	});

	it('finds an order the exchange shows only on the third read, and does not send it again', async () => {
		const broker = new WhileOpenFakeBroker();
		const { journal, context } = orderHarness(RETRY, broker);
		broker.loseNextAnswers(1); // the exchange takes the order, the answer is lost
		broker.hideNextLookups(2);

		const placed = await placeOnce(INTENT, context);

		expect(placed).toMatchObject({ alreadyPlaced: false, attempts: 1, order: { clientOrderId: INTENT.clientOrderId, status: 'filled' } });
		expect(broker.placeCalls).toHaveLength(1);
		expect(broker.taken).toHaveLength(1);
		expect(broker.lookupCalls).toHaveLength(3);
		expect(journal.kinds()).toEqual(['attempt', 'retry', 'duplicate_resolved']);
	});

	it('does not resend when the read-back keeps failing: the outcome is unknown and says so', async () => {
		const { broker, journal, context } = orderHarness(RETRY, new WhileOpenFakeBroker());
		broker.loseNextAnswers(1);
		broker.failNextLookups(3);

		const error = await rejection(placeOnce(INTENT, context));

		expect(error).toBeInstanceOf(OrderOutcomeUnknownError);
		expect(error.message).toBe(
			`fake may or may not have taken order ${INTENT.clientOrderId} (502 Bad Gateway), and reading it back failed (503 Service Unavailable). It was not sent again: fake would take a resend of a filled order as a new order. Check the broker before re-running.`,
		);
		expect((error as OrderOutcomeUnknownError).cause).toBeInstanceOf(BrokerUnavailableError);
		expect(broker.placeCalls).toHaveLength(1);
		expect(broker.orders.size).toBe(1);
		expect(journal.kinds()).toEqual(['attempt', 'retry', 'failed']);
		expect(journal.events[2].detail).toMatchObject({ attempt: 1, error: { code: 'broker_unavailable' }, readBack: { message: '503 Service Unavailable' } });
		expect(await journal.getClaim(INTENT.clientOrderId)).toMatchObject({ state: 'unknown' });
	});

	it('a read-back that fails once and then says "absent" three times still resends', async () => {
		const { broker, context } = orderHarness(RETRY, new WhileOpenFakeBroker());
		broker.failNextPlaceOrders(1, rateLimited);
		broker.failNextLookups(1);

		const placed = await placeOnce(INTENT, context);

		expect(placed.attempts).toBe(2);
		expect(broker.lookupCalls).toHaveLength(4);
		expect(broker.placeCalls).toHaveLength(2);
	});

	it('reads back three times before reporting the last failure after maxAttempts', async () => {
		const { broker, sleeps, context } = orderHarness({ maxAttempts: 1, baseDelayMs: 500, maxDelayMs: 8_000 }, new WhileOpenFakeBroker());
		broker.failNextPlaceOrders(1, statusUnknown);

		await expect(placeOnce(INTENT, context)).rejects.toThrow(BrokerUnavailableError);

		expect(broker.lookupCalls).toHaveLength(3);
		expect(sleeps).toEqual([500, 1_000]);
	});

	it('treats a broker without clientOrderIdUnique as unique only while open', async () => {
		const { broker, context } = orderHarness(); // FakeBroker declares nothing
		broker.loseNextAnswers(1);
		broker.failNextLookups(3);

		await expect(placeOnce(INTENT, context)).rejects.toThrow(OrderOutcomeUnknownError);
		expect(broker.placeCalls).toHaveLength(1);
	});

	it('a broker with forever-unique ids is asked once and resent to (it refuses a duplicate itself)', async () => {
		const { broker, context } = orderHarness(RETRY, new ForeverFakeBroker());
		broker.loseNextAnswers(1);
		broker.failNextLookups(1);

		const placed = await placeOnce(INTENT, context);

		expect(placed).toMatchObject({ alreadyPlaced: false, attempts: 2 });
		expect(broker.placeCalls).toHaveLength(2);
		expect(broker.orders.size).toBe(1);
	});
});
