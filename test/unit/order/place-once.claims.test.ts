import type { OrderIntent } from '../../../core/brokers/broker';
import { InsufficientFundsError } from '../../../core/brokers/broker-errors';
import { placeOnce, type PlaceOnceContext } from '../../../core/order/place-once';
import { NotSentError, PlacingElsewhereError } from '../../../core/order/placement-errors';
import { rejection } from '../../support/rejection';
import { FAKE_BROKER, MemoryOrderJournal } from './fake-broker';
import { NOW, orderIntent, RETRY, SCOPE } from './order-fixture';
import { FailingJournal, WhileOpenFakeBroker } from './place-once-fakes';

// Two executions of one alert at the same instant: the ledger claim lets exactly one send.

const INTENT: OrderIntent = orderIntent({ clientOrderId: 'tv-0123456789abcdef0123456789ab', quantity: 2, referencePrice: 150 });
const MINUTE = 60_000;

function contextFor(broker: WhileOpenFakeBroker, journal: MemoryOrderJournal, sleeps: number[] = [], realSleepMs = 0): PlaceOnceContext {
	return {
		broker,
		journal,
		scope: SCOPE,
		retry: RETRY,
		now: () => NOW,
		sleep: async (ms) => {
			sleeps.push(ms);
			await new Promise((resolve) => setTimeout(resolve, realSleepMs));
		},
	};
}

/** A claim another execution left on INTENT, `ageMs` before NOW. */
async function seedClaim(journal: MemoryOrderJournal, ageMs: number, owner = 'crashed-execution'): Promise<void> {
	await journal.claim({ clientOrderId: INTENT.clientOrderId, scope: SCOPE, broker: FAKE_BROKER, alertId: INTENT.alertId, owner, at: new Date(NOW.getTime() - ageMs) });
}

describe('placeOnce: the same order handled twice at once', () => {
	it('two concurrent calls on a broker that takes a reused id once filled: one placeOrder, both return the same order', async () => {
		const broker = new WhileOpenFakeBroker();
		broker.placeDelayMs = 10; // the first order is still in flight when the second call looks
		const journal = new MemoryOrderJournal();
		const context = contextFor(broker, journal, [], 5);

		const [first, second] = await Promise.all([placeOnce(INTENT, context), placeOnce(INTENT, context)]);

		expect(broker.placeCalls).toHaveLength(1);
		expect(broker.taken).toHaveLength(1);
		expect(broker.positionOf('AAPL')).toBe(2);
		expect(second.order).toEqual(first.order);
		expect([first, second].map(({ alreadyPlaced, attempts }) => ({ alreadyPlaced, attempts }))).toEqual([
			{ alreadyPlaced: false, attempts: 1 },
			{ alreadyPlaced: true, attempts: 0 },
		]);
		expect(journal.kinds()).toEqual(['attempt', 'attempt', 'placed', 'duplicate_resolved']);
		expect(journal.events[3].detail).toEqual({ attempt: 0, order: first.order, note: 'placed by another execution' });
		expect(await journal.getClaim(INTENT.clientOrderId)).toMatchObject({ state: 'placed', detail: { brokerOrderId: 'fake-1', status: 'filled' } });
	});

	it('a re-run after the first order filled reads it back and sends nothing (the broker alone would take it again)', async () => {
		const broker = new WhileOpenFakeBroker();
		const journal = new MemoryOrderJournal();
		const first = await placeOnce(INTENT, contextFor(broker, journal));

		const again = await placeOnce(INTENT, contextFor(broker, journal));

		expect(again).toEqual({ order: first.order, alreadyPlaced: true, attempts: 0 });
		expect(broker.placeCalls).toHaveLength(1);
		expect(broker.taken).toHaveLength(1);
	});

	it('while the holder is sending and the broker never shows its order: no send, and after the bounded wait an error that says so', async () => {
		const broker = new WhileOpenFakeBroker();
		const journal = new MemoryOrderJournal();
		await seedClaim(journal, 30_000, 'live-execution');
		const sleeps: number[] = [];

		const error = await rejection(placeOnce(INTENT, contextFor(broker, journal, sleeps)));

		expect(error).toBeInstanceOf(PlacingElsewhereError);
		expect(error.message).toBe(
			`Order ${INTENT.clientOrderId} is being placed by another execution (claimed 2026-01-02T03:03:35.000Z, sending) and fake did not show it within 24 s. It was not sent again; check the broker before re-running.`,
		);
		expect(broker.placeCalls).toEqual([]);
		// 500 ms doubling to 4 s, until 20 s of waits are summed; a read before and after each.
		expect(sleeps).toEqual([500, 1_000, 2_000, 4_000, 4_000, 4_000, 4_000, 4_000]);
		expect(broker.lookupCalls).toHaveLength(9);
		expect(journal.kinds()).toEqual(['attempt', 'failed']);
		expect(await journal.getClaim(INTENT.clientOrderId)).toMatchObject({ owner: 'live-execution', state: 'sending' });
	});

	it('sends once the holder gives up refused while this call waits', async () => {
		const broker = new WhileOpenFakeBroker();
		const journal = new MemoryOrderJournal();
		await seedClaim(journal, 1_000, 'other');
		const context = contextFor(broker, journal);
		context.sleep = async () => {
			await journal.settleClaim(INTENT.clientOrderId, 'other', 'refused', NOW);
		};

		const placed = await placeOnce(INTENT, context);

		expect(placed).toMatchObject({ alreadyPlaced: false, attempts: 1 });
		expect(broker.placeCalls).toHaveLength(1);
		expect(journal.kinds()).toEqual(['attempt', 'attempt', 'placed']);
		expect(journal.events[1].detail).toMatchObject({ claim: 'claimed again', replaced: { owner: 'other', state: 'refused' } });
	});

	it('an order refused outright leaves the claim refused, and a later attempt claims it again and places', async () => {
		const broker = new WhileOpenFakeBroker();
		const journal = new MemoryOrderJournal();
		broker.failNextPlaceOrders(1, () => new InsufficientFundsError('insufficient balance', { broker: FAKE_BROKER }));

		await expect(placeOnce(INTENT, contextFor(broker, journal))).rejects.toThrow(InsufficientFundsError);
		expect(await journal.getClaim(INTENT.clientOrderId)).toMatchObject({ state: 'refused', detail: { error: { code: 'insufficient_funds' } } });

		const placed = await placeOnce(INTENT, contextFor(broker, journal));

		expect(placed).toMatchObject({ alreadyPlaced: false, attempts: 1 });
		expect(broker.placeCalls).toHaveLength(2);
		expect(broker.taken).toHaveLength(1);
		expect(await journal.getClaim(INTENT.clientOrderId)).toMatchObject({ state: 'placed' });
	});

	it('an ambiguous outcome leaves the claim unknown: a re-run does not send while the broker might still show it', async () => {
		const broker = new WhileOpenFakeBroker();
		const journal = new MemoryOrderJournal();
		broker.failNextPlaceOrders(1, () => new Error('socket closed'));
		await expect(placeOnce(INTENT, contextFor(broker, journal))).rejects.toThrow('socket closed');
		expect(await journal.getClaim(INTENT.clientOrderId)).toMatchObject({ state: 'unknown' });

		await expect(placeOnce(INTENT, contextFor(broker, journal))).rejects.toThrow(PlacingElsewhereError);
		expect(broker.placeCalls).toHaveLength(1);
	});

	it('takes over a stale claim (a crashed execution) once the broker said three times it has no such order, and sends once', async () => {
		const broker = new WhileOpenFakeBroker();
		const journal = new MemoryOrderJournal();
		await seedClaim(journal, 3 * MINUTE);
		const sleeps: number[] = [];

		const placed = await placeOnce(INTENT, contextFor(broker, journal, sleeps));

		expect(placed).toMatchObject({ alreadyPlaced: false, attempts: 1 });
		expect(broker.placeCalls).toHaveLength(1);
		expect(broker.lookupCalls).toHaveLength(3);
		expect(sleeps).toEqual([500, 1_000]);
		expect(journal.events[1].detail).toMatchObject({ claim: 'taken over from a stale claim', replaced: { owner: 'crashed-execution', state: 'sending' } });
		expect(await journal.getClaim(INTENT.clientOrderId)).toMatchObject({ state: 'placed', claimedAtMs: NOW.getTime() });
	});

	it('a stale claim whose order the broker has is not taken over: the order is returned', async () => {
		const broker = new WhileOpenFakeBroker();
		const journal = new MemoryOrderJournal();
		const existing = broker.seedOrder(INTENT);
		await seedClaim(journal, 3 * MINUTE);

		expect(await placeOnce(INTENT, contextFor(broker, journal))).toEqual({ order: existing, alreadyPlaced: true, attempts: 0 });
		expect(broker.placeCalls).toEqual([]);
	});

	it('a stale claim is not taken over while the broker cannot be asked', async () => {
		const broker = new WhileOpenFakeBroker();
		const journal = new MemoryOrderJournal();
		await seedClaim(journal, 3 * MINUTE);
		broker.failNextLookups(1_000);

		await expect(placeOnce(INTENT, contextFor(broker, journal))).rejects.toThrow(PlacingElsewhereError);
		expect(broker.placeCalls).toEqual([]);
	});

	it('a claim younger than two minutes is not taken over even when the broker has no order', async () => {
		const broker = new WhileOpenFakeBroker();
		const journal = new MemoryOrderJournal();
		await seedClaim(journal, 119_000);

		await expect(placeOnce(INTENT, contextFor(broker, journal))).rejects.toThrow(PlacingElsewhereError);
		expect(broker.placeCalls).toEqual([]);
	});

	describe('a claim whose holder\'s n8n process stopped (a worker killed mid-send, its alert re-run by Alert Recovery)', () => {
		const DEAD = 'worker-a:41:0badf00d';
		const deadOwner = `placement-1@${DEAD}`;

		it('is taken over once the process has not beaten for 30 s and the broker said three times it has no such order', async () => {
			const broker = new WhileOpenFakeBroker();
			const journal = new MemoryOrderJournal();
			await seedClaim(journal, 40_000, deadOwner);
			journal.heartbeats.set(DEAD, NOW.getTime() - 31_000);

			const placed = await placeOnce(INTENT, contextFor(broker, journal));

			expect(placed).toMatchObject({ alreadyPlaced: false, attempts: 1 });
			expect(broker.placeCalls).toHaveLength(1);
			expect(broker.lookupCalls).toHaveLength(3);
			expect(journal.events[1].detail).toMatchObject({ claim: 'taken over from a stale claim', replaced: { owner: deadOwner, state: 'sending' } });
			expect(await journal.getClaim(INTENT.clientOrderId)).toMatchObject({ state: 'placed', owner: expect.stringMatching(/^[0-9a-f-]{36}@.+/) });
		});

		it('is not taken over while the process still beats, even when the broker has no order', async () => {
			const broker = new WhileOpenFakeBroker();
			const journal = new MemoryOrderJournal();
			await seedClaim(journal, 40_000, deadOwner);
			journal.heartbeats.set(DEAD, NOW.getTime() - 29_000);

			await expect(placeOnce(INTENT, contextFor(broker, journal))).rejects.toThrow(PlacingElsewhereError);
			expect(broker.placeCalls).toEqual([]);
		});

		it('a process never seen counts from the claim: 31 s old is taken over, 29 s old is not', async () => {
			const young = new WhileOpenFakeBroker();
			const youngJournal = new MemoryOrderJournal();
			await seedClaim(youngJournal, 29_000, deadOwner);
			await expect(placeOnce(INTENT, contextFor(young, youngJournal))).rejects.toThrow(PlacingElsewhereError);
			expect(young.placeCalls).toEqual([]);

			const old = new WhileOpenFakeBroker();
			const oldJournal = new MemoryOrderJournal();
			await seedClaim(oldJournal, 31_000, deadOwner);
			expect(await placeOnce(INTENT, contextFor(old, oldJournal))).toMatchObject({ alreadyPlaced: false, attempts: 1 });
			expect(old.placeCalls).toHaveLength(1);
		});

		it('is not taken over when the heartbeat cannot be read, nor when the holder is this very process', async () => {
			const unreadable = new MemoryOrderJournal();
			await seedClaim(unreadable, 40_000, deadOwner);
			unreadable.processSeenAt = async () => {
				throw new Error('Connection terminated unexpectedly');
			};
			const first = new WhileOpenFakeBroker();
			await expect(placeOnce(INTENT, contextFor(first, unreadable))).rejects.toThrow(PlacingElsewhereError);
			expect(first.placeCalls).toEqual([]);

			const own = new MemoryOrderJournal();
			await seedClaim(own, 40_000, deadOwner);
			const second = new WhileOpenFakeBroker();
			await expect(placeOnce(INTENT, { ...contextFor(second, own), process: DEAD })).rejects.toThrow(PlacingElsewhereError);
			expect(second.placeCalls).toEqual([]);
		});

		it('whose order the broker has is returned, not sent again', async () => {
			const broker = new WhileOpenFakeBroker();
			const journal = new MemoryOrderJournal();
			const existing = broker.seedOrder(INTENT);
			await seedClaim(journal, 40_000, deadOwner);
			journal.heartbeats.set(DEAD, NOW.getTime() - 35_000);

			expect(await placeOnce(INTENT, contextFor(broker, journal))).toEqual({ order: existing, alreadyPlaced: true, attempts: 0 });
			expect(broker.placeCalls).toEqual([]);
		});
	});

	it('a claim the ledger cannot write is a NotSentError, and nothing is sent', async () => {
		const broker = new WhileOpenFakeBroker();
		const journal = new FailingJournal();
		journal.claimFailures = 1;

		const error = await rejection(placeOnce(INTENT, contextFor(broker, journal)));

		expect(error).toBeInstanceOf(NotSentError);
		expect(error.message).toBe('The order claim could not be written to the ledger: Connection terminated unexpectedly. Nothing was sent to the broker.');
		expect((error as NotSentError).cause).toEqual(new Error('Connection terminated unexpectedly'));
		expect(broker.placeCalls).toEqual([]);
	});

	it('a first journal write that fails is a NotSentError: nothing is claimed, nothing is sent', async () => {
		const broker = new WhileOpenFakeBroker();
		const journal = new FailingJournal();
		journal.failRecords('attempt', 1);

		const error = await rejection(placeOnce(INTENT, contextFor(broker, journal)));

		expect(error).toBeInstanceOf(NotSentError);
		expect(error.message).toBe('The order journal could not record the attempt: database is locked. Nothing was sent to the broker.');
		expect(broker.placeCalls).toEqual([]);
		expect(await journal.getClaim(INTENT.clientOrderId)).toBeNull();
	});
});
