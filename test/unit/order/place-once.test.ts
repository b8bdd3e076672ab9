import {
	AuthenticationError,
	BrokerUnavailableError,
	DuplicateClientOrderIdError,
	InsufficientFundsError,
	InvalidOrderError,
	NetworkError,
	RateLimitedError,
} from '../../../core/brokers/broker-errors';
import { placeOnce } from '../../../core/order/place-once';
import { CREATED_AT, FAKE_BROKER } from './fake-broker';
import { ALERT_ID, NOW_ISO, orderHarness, orderIntent, RETRY, SCOPE } from './order-fixture';
import { ForeverFakeBroker } from './place-once-fakes';

const details = { broker: FAKE_BROKER };
const rateLimited = () => new RateLimitedError('429 Too Many Requests', { ...details, httpStatus: 429 });
const unavailable = () => new BrokerUnavailableError('503 Service Unavailable', { ...details, httpStatus: 503 });
const network = () => new NetworkError('socket hang up', details);
const invalid = () => new InvalidOrderError('qty must be a multiple of 0.001', { ...details, brokerCode: 40010001, httpStatus: 422 });

const INTENT = orderIntent({ clientOrderId: 'tv-0123456789abcdef0123456789ab', quantity: 2, referencePrice: 150 });
const FILLED = {
	brokerOrderId: 'fake-1',
	clientOrderId: INTENT.clientOrderId,
	symbol: 'AAPL',
	side: 'buy',
	type: 'market',
	quantity: 2,
	limitPrice: null,
	stopPrice: null,
	status: 'filled',
	filledQuantity: 2,
	averageFillPrice: 150,
	createdAt: CREATED_AT,
};

describe('placeOnce', () => {
	let random: jest.SpyInstance;

	beforeEach(() => {
		// Backoff draws Math.random; 0.5 makes each wait half its ceiling.
		random = jest.spyOn(Math, 'random').mockReturnValue(0.5);
	});

	afterEach(() => {
		random.mockRestore();
	});

	it('places the order on the first attempt and journals the attempt and the placed order', async () => {
		const { broker, journal, sleeps, context } = orderHarness();

		const placed = await placeOnce(INTENT, context);

		expect(placed).toEqual({ order: FILLED, alreadyPlaced: false, attempts: 1 });
		expect(broker.placeCalls).toEqual([INTENT]);
		expect([...broker.orders.values()]).toEqual([FILLED]);
		expect(sleeps).toEqual([]);
		const base = { at: NOW_ISO, scope: SCOPE, broker: FAKE_BROKER, alertId: ALERT_ID, clientOrderId: INTENT.clientOrderId };
		expect(journal.events).toEqual([
			{ id: 1, ...base, kind: 'attempt', detail: { request: INTENT } },
			{ id: 2, ...base, kind: 'placed', detail: { attempt: 1, order: FILLED } },
		]);
	});

	it('reads back the existing order when the broker already has the client order id, and places no second one', async () => {
		const { broker, journal, context } = orderHarness();
		const existing = broker.seedOrder(INTENT);

		const placed = await placeOnce(INTENT, context);

		expect(placed).toEqual({ order: existing, alreadyPlaced: true, attempts: 1 });
		expect(broker.orders.size).toBe(1);
		expect(broker.placeCalls).toHaveLength(1);
		expect(broker.lookupCalls).toEqual([INTENT.clientOrderId]);
		expect(broker.positionOf('AAPL')).toBe(2);
		expect(journal.kinds()).toEqual(['attempt', 'duplicate_resolved']);
		expect(journal.events[1].detail).toEqual({ attempt: 1, order: existing });
	});

	// One read-back before each resend is enough where the broker refuses a reused id for ever;
	// place-once.read-back.test.ts has the rule for brokers that refuse it only while it is open.
	it('retries a rate limit twice with the same client order id and places on the third attempt (forever-unique ids)', async () => {
		const { broker, journal, sleeps, context } = orderHarness(RETRY, new ForeverFakeBroker());
		broker.failNextPlaceOrders(2, rateLimited);

		const placed = await placeOnce(INTENT, context);

		expect(placed).toEqual({ order: FILLED, alreadyPlaced: false, attempts: 3 });
		expect(broker.placeCalls.map((call) => call.clientOrderId)).toEqual([INTENT.clientOrderId, INTENT.clientOrderId, INTENT.clientOrderId]);
		expect(broker.placeCalls).toEqual([INTENT, INTENT, INTENT]);
		expect(broker.orders.size).toBe(1);
		// Before each retry it asks whether the broker took the order after all.
		expect(broker.lookupCalls).toEqual([INTENT.clientOrderId, INTENT.clientOrderId]);
		expect(sleeps).toEqual([250, 500]);
		expect(journal.kinds()).toEqual(['attempt', 'retry', 'retry', 'placed']);
		expect(journal.events[1].detail).toEqual({
			attempt: 1,
			error: { code: 'rate_limited', message: '429 Too Many Requests', broker: FAKE_BROKER, httpStatus: 429, retryable: true },
		});
		expect(journal.events[2].detail).toMatchObject({ attempt: 2, error: { code: 'rate_limited' } });
		expect(journal.events[3].detail).toEqual({ attempt: 3, order: FILLED });
	});

	it.each([
		['BrokerUnavailableError', unavailable],
		['NetworkError', network],
	])('retries a %s and then places', async (_name, error) => {
		const { broker, journal, context } = orderHarness();
		broker.failNextPlaceOrders(1, error);

		const placed = await placeOnce(INTENT, context);

		expect(placed.attempts).toBe(2);
		expect(placed.alreadyPlaced).toBe(false);
		expect(broker.orders.size).toBe(1);
		expect(journal.kinds()).toEqual(['attempt', 'retry', 'placed']);
	});

	it('resolves a lost answer by reading the order back: exactly one order, no second placeOrder', async () => {
		const { broker, journal, context } = orderHarness();
		broker.loseNextAnswers(1);

		const placed = await placeOnce(INTENT, context);

		expect(placed).toEqual({ order: FILLED, alreadyPlaced: false, attempts: 1 });
		expect(broker.placeCalls).toHaveLength(1);
		expect(broker.orders.size).toBe(1);
		expect(broker.positionOf('AAPL')).toBe(2);
		expect(journal.kinds()).toEqual(['attempt', 'retry', 'duplicate_resolved']);
		expect(journal.events[2].detail).toEqual({ attempt: 1, order: FILLED, note: 'the broker took the order; its answer was lost' });
	});

	it('resolves a lost answer through the duplicate check when the read-back itself fails (forever-unique ids)', async () => {
		const { broker, journal, context } = orderHarness(RETRY, new ForeverFakeBroker());
		broker.loseNextAnswers(1);
		broker.failNextLookups(1);

		const placed = await placeOnce(INTENT, context);

		expect(placed).toEqual({ order: FILLED, alreadyPlaced: false, attempts: 2 });
		expect(broker.placeCalls).toHaveLength(2);
		expect(broker.orders.size).toBe(1);
		expect(broker.positionOf('AAPL')).toBe(2);
		expect(journal.kinds()).toEqual(['attempt', 'retry', 'duplicate_resolved']);
	});

	it('resolves a lost answer after an earlier rate limit', async () => {
		const { broker, context } = orderHarness();
		broker.failNextPlaceOrders(1, rateLimited);
		broker.loseNextAnswers(1);

		const placed = await placeOnce(INTENT, context);

		expect(placed).toEqual({ order: FILLED, alreadyPlaced: false, attempts: 2 });
		expect(broker.placeCalls).toHaveLength(2);
		expect(broker.orders.size).toBe(1);
	});

	it('throws an InvalidOrderError at once: one attempt, no retry, journaled as failed', async () => {
		const { broker, journal, sleeps, context } = orderHarness();
		broker.failNextPlaceOrders(1, invalid);

		await expect(placeOnce(INTENT, context)).rejects.toThrow(InvalidOrderError);

		expect(broker.placeCalls).toHaveLength(1);
		expect(broker.orders.size).toBe(0);
		expect(sleeps).toEqual([]);
		expect(journal.kinds()).toEqual(['attempt', 'failed']);
		expect(journal.events[1].detail).toEqual({
			attempt: 1,
			error: {
				code: 'invalid_order',
				message: 'qty must be a multiple of 0.001',
				broker: FAKE_BROKER,
				brokerCode: 40010001,
				httpStatus: 422,
				retryable: false,
			},
		});
	});

	it.each([
		['InsufficientFundsError', () => new InsufficientFundsError('insufficient balance', details)],
		['AuthenticationError', () => new AuthenticationError('invalid api key', details)],
		['a plain Error', () => new Error('fetch failed')],
	])('does not retry %s', async (_name, error) => {
		const { broker, journal, context } = orderHarness();
		broker.failNextPlaceOrders(1, error);

		await expect(placeOnce(INTENT, context)).rejects.toThrow();

		expect(broker.placeCalls).toHaveLength(1);
		expect(journal.kinds()).toEqual(['attempt', 'failed']);
	});

	it('journals a non-broker error by its message', async () => {
		const { broker, journal, context } = orderHarness();
		broker.failNextPlaceOrders(1, () => new Error('fetch failed'));

		await expect(placeOnce(INTENT, context)).rejects.toThrow('fetch failed');

		expect(journal.events[1].detail).toEqual({ attempt: 1, error: { message: 'fetch failed' } });
	});

	it('throws the last error after exactly maxAttempts when every attempt fails retryably (forever-unique ids)', async () => {
		const { broker, journal, sleeps, context } = orderHarness(RETRY, new ForeverFakeBroker());
		broker.failNextPlaceOrders(10, unavailable);

		const failure = placeOnce(INTENT, context);

		await expect(failure).rejects.toThrow(BrokerUnavailableError);
		expect(broker.placeCalls).toHaveLength(4);
		expect(broker.orders.size).toBe(0);
		expect(sleeps).toEqual([250, 500, 1_000]);
		expect(journal.kinds()).toEqual(['attempt', 'retry', 'retry', 'retry', 'failed']);
		expect(journal.events[4].detail).toMatchObject({ attempt: 4, error: { code: 'broker_unavailable', retryable: true } });
	});

	it('honours maxAttempts 1: no retry at all', async () => {
		const { broker, journal, context } = orderHarness({ maxAttempts: 1, baseDelayMs: 500, maxDelayMs: 8_000 });
		broker.failNextPlaceOrders(1, rateLimited);

		await expect(placeOnce(INTENT, context)).rejects.toThrow(RateLimitedError);

		expect(broker.placeCalls).toHaveLength(1);
		expect(journal.kinds()).toEqual(['attempt', 'failed']);
	});

	it('waits with jittered, capped backoff between attempts (forever-unique ids)', async () => {
		const { broker, sleeps, context } = orderHarness({ maxAttempts: 6, baseDelayMs: 1_000, maxDelayMs: 3_000 }, new ForeverFakeBroker());
		broker.failNextPlaceOrders(5, network);

		await placeOnce(INTENT, context);

		expect(sleeps).toEqual([500, 1_000, 1_500, 1_500, 1_500]);
	});

	it('throws a DuplicateClientOrderIdError it cannot resolve rather than ordering again', async () => {
		const { broker, journal, context } = orderHarness();
		broker.failNextPlaceOrders(1, () => new DuplicateClientOrderIdError('duplicate', details));

		await expect(placeOnce(INTENT, context)).rejects.toThrow(DuplicateClientOrderIdError);

		expect(broker.placeCalls).toHaveLength(1);
		expect(broker.orders.size).toBe(0);
		expect(journal.kinds()).toEqual(['attempt', 'failed']);
	});
});

describe('placeOnce: the answer to the last attempt is lost', () => {
	beforeEach(() => {
		jest.spyOn(Math, 'random').mockReturnValue(0.5);
	});

	afterEach(() => {
		jest.restoreAllMocks();
	});

	// The broker holds the order, so "failed" is false: an operator who believes it, or a workflow
	// error branch that orders again by other means, doubles the position.
	it('reads the order back before reporting failure when the last attempt may have been taken', async () => {
		const { broker, journal, context } = orderHarness({ maxAttempts: 2, baseDelayMs: 500, maxDelayMs: 8_000 });
		broker.failNextPlaceOrders(1, unavailable);
		broker.loseNextAnswers(1);

		const placed = await placeOnce(INTENT, context);

		expect(placed).toEqual({ order: FILLED, alreadyPlaced: false, attempts: 2 });
		expect(broker.orders.size).toBe(1);
		expect(journal.kinds()).not.toContain('failed');
	});

	it('reads the order back before reporting failure with maxAttempts 1', async () => {
		const { broker, context } = orderHarness({ maxAttempts: 1, baseDelayMs: 500, maxDelayMs: 8_000 });
		broker.loseNextAnswers(1);

		const placed = await placeOnce(INTENT, context);

		expect(placed).toEqual({ order: FILLED, alreadyPlaced: false, attempts: 1 });
	});
});
