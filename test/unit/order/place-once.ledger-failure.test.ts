import { placeOnce, type PlaceOnceContext } from '../../../core/order/place-once';
import { InsufficientFundsError } from '../../../core/brokers/broker-errors';
import { FAKE_BROKER } from './fake-broker';
import { NOW, orderIntent, RETRY, SCOPE } from './order-fixture';
import { FailingJournal, WhileOpenFakeBroker } from './place-once-fakes';

// Once the broker took the order, a ledger that fails to record it must not turn the success into
// a failure: Broker Order would release the Risk Check reservation and let a second order through.

const INTENT = orderIntent({ clientOrderId: 'tv-0123456789abcdef0123456789ab', quantity: 2, referencePrice: 150 });

function harness(): { broker: WhileOpenFakeBroker; journal: FailingJournal; context: PlaceOnceContext } {
	const broker = new WhileOpenFakeBroker();
	const journal = new FailingJournal();
	return { broker, journal, context: { broker, journal, scope: SCOPE, retry: RETRY, now: () => NOW, sleep: async () => {} } };
}

describe('placeOnce when the ledger fails after the broker took the order', () => {
	it('returns the placed order, flagged, when recording it fails twice', async () => {
		const { broker, journal, context } = harness();
		journal.failRecords('placed', 2);

		const placed = await placeOnce(INTENT, context);

		expect(placed).toEqual({
			order: expect.objectContaining({ brokerOrderId: 'fake-1', status: 'filled' }),
			alreadyPlaced: false,
			attempts: 1,
			journalWriteFailed: true,
			journalError: 'the ledger could not record the placed: database is locked',
		});
		expect(broker.placeCalls).toHaveLength(1);
		expect(journal.kinds()).toEqual(['attempt']);
		expect(await journal.getClaim(INTENT.clientOrderId)).toMatchObject({ state: 'placed' });
	});

	it('tries the write once more, and then reports nothing', async () => {
		const { journal, context } = harness();
		journal.failRecords('placed', 1);

		const placed = await placeOnce(INTENT, context);

		expect(placed).toEqual({ order: expect.objectContaining({ status: 'filled' }), alreadyPlaced: false, attempts: 1 });
		expect(journal.kinds()).toEqual(['attempt', 'placed']);
	});

	it('returns the placed order, flagged, when the claim cannot be settled', async () => {
		const { broker, journal, context } = harness();
		journal.settleFailures = 2;

		const placed = await placeOnce(INTENT, context);

		expect(placed).toMatchObject({ alreadyPlaced: false, journalWriteFailed: true, journalError: 'the ledger could not settle the order claim: Connection terminated unexpectedly' });
		expect(broker.placeCalls).toHaveLength(1);
		// the claim stays "sending": a later execution reads the order back instead of sending
		expect(await journal.getClaim(INTENT.clientOrderId)).toMatchObject({ state: 'sending' });
		expect(await placeOnce(INTENT, context)).toMatchObject({ alreadyPlaced: true, attempts: 0 });
		expect(broker.placeCalls).toHaveLength(1);
	});

	it("throws the broker's refusal, not the ledger's error, when recording the failure fails too", async () => {
		const { broker, journal, context } = harness();
		broker.failNextPlaceOrders(1, () => new InsufficientFundsError('insufficient balance', { broker: FAKE_BROKER }));
		journal.failRecords('failed', 2);

		await expect(placeOnce(INTENT, context)).rejects.toThrow(InsufficientFundsError);
		expect(await journal.getClaim(INTENT.clientOrderId)).toMatchObject({ state: 'refused' });
	});
});
