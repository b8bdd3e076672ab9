import { InvalidOrderError } from '../../../core/brokers/broker-errors';
import { executeAlert } from '../../../core/order/execute-alert';
import { alertInput, orderSettings } from '../order/order-fixture';
import { FAKE_BROKER } from '../order/fake-broker';
import { expectedPosition } from '../../../core/reconcile/expected-position';
import { journalOrders } from '../../../core/reconcile/journal-orders';
import { ACCOUNT, reconcileHarness } from './reconcile-fixture';

describe('Reconcile: the journal against the broker, per account and symbol', () => {
	it('matches when the broker holds the fills Broker Order journaled, and lists the orders behind it', async () => {
		const h = reconcileHarness();
		await h.trade({ alertId: 'a-1', action: 'buy', quantity: 10 });
		await h.trade({ alertId: 'a-2', action: 'buy', quantity: 5 });

		const [aapl, ...others] = await h.reconcile();
		expect(others).toEqual([]);
		expect(aapl).toMatchObject({
			account: ACCOUNT,
			broker: FAKE_BROKER,
			symbol: 'AAPL',
			brokerSymbol: 'AAPL',
			expected: 15,
			actual: 15,
			drift: 0,
			status: 'match',
			unsettledOrders: 0,
			correction: null,
		});
		expect(aapl.entries.map((entry) => [entry.alertId, entry.side, entry.quantity, entry.status, entry.counted])).toEqual([
			['a-1', 'buy', 10, 'filled', 10],
			['a-2', 'buy', 5, 'filled', 5],
		]);
	});

	it('reports a trade made outside the journal as drift (actual − expected), and leaves other accounts and ignored symbols out', async () => {
		const h = reconcileHarness();
		await h.trade({ alertId: 'a-1', action: 'buy', quantity: 10 });
		await h.trade({ alertId: 'b-1', action: 'buy', symbol: 'MSFT', quantity: 7 }, 'fake:other-credential');
		h.broker.setPosition('AAPL', 13);
		h.broker.setPosition('BNBUSDT', 2);

		const results = await h.reconcile({ ignoreSymbols: ['BINANCE:BNBUSDT'] });
		// MSFT: the broker holds 7 from another account's orders, which this account's journal does not expect.
		expect(results.map((each) => [each.symbol, each.expected, each.actual, each.drift, each.status])).toEqual([
			['AAPL', 10, 13, 3, 'drift'],
			['MSFT', 0, 7, 7, 'drift'],
		]);
		expect(results[0].note).toBe('the broker holds 13, the journal says 10');
		expect(results[1].entries).toEqual([]);
		expect(await h.reconcile({ ignoreSymbols: ['BNBUSDT', 'msft'], tolerance: 3 })).toEqual([
			expect.objectContaining({ symbol: 'AAPL', drift: 3, status: 'match' }),
		]);
	});

	it('does not count orders the broker refused, or canceled unfilled', async () => {
		const h = reconcileHarness();
		await h.trade({ alertId: 'a-1', action: 'buy', quantity: 10 });
		h.broker.failNextPlaceOrders(1, () => new InvalidOrderError('market closed', { broker: FAKE_BROKER, httpStatus: 422 }));
		await expect(h.trade({ alertId: 'a-2', action: 'buy', quantity: 5 })).rejects.toThrow('market closed');

		const [aapl] = await h.reconcile();
		expect(aapl).toMatchObject({ expected: 10, actual: 10, status: 'match' });
		expect(aapl.entries.map((entry) => [entry.alertId, entry.status, entry.fillState, entry.counted])).toEqual([
			['a-1', 'filled', 'final', 10],
			['a-2', 'not_placed', 'not_placed', 0],
		]);
	});

	it('reads back orders last seen open: pending while open, counted once filled, journaled once', async () => {
		const h = reconcileHarness();
		h.broker.fillMarketOrders = false;
		await h.trade({ alertId: 'a-1', action: 'buy', quantity: 10 });

		const [open] = await h.reconcile();
		expect(open).toMatchObject({ expected: 0, actual: 0, status: 'pending', unsettledOrders: 1, correction: null });
		expect(open.entries).toEqual([expect.objectContaining({ alertId: 'a-1', status: 'new', fillState: 'open', counted: 0 })]);
		expect(h.journal.kinds().filter((kind) => kind === 'read_back')).toEqual([]);

		const order = h.broker.orders.get(open.entries[0].clientOrderId);
		Object.assign(order!, { status: 'filled', filledQuantity: 10, averageFillPrice: 101 });
		h.broker.setPosition('AAPL', 10);
		const [filled] = await h.reconcile({ correctToExpected: true });
		expect(filled).toMatchObject({ expected: 10, actual: 10, status: 'match', unsettledOrders: 0, correction: null });
		expect(h.journal.events.filter((event) => event.kind === 'read_back')).toEqual([
			expect.objectContaining({ scope: 'wf1/node1', alertId: 'a-1', detail: { order: expect.objectContaining({ status: 'filled', filledQuantity: 10 }), by: 'wf-rec/reconcile-1' } }),
		]);
		const lookups = h.broker.lookupCalls.length;
		await h.reconcile();
		expect(h.broker.lookupCalls.length).toBe(lookups);
	});

	it('reports an order whose outcome the journal does not know and the broker does not have, and never corrects the symbol', async () => {
		const h = reconcileHarness();
		await h.trade({ alertId: 'a-1', action: 'buy', quantity: 10 });
		// A second order attempted (the claim taken, nothing settled): the process stopped while sending.
		await h.journal.record({
			at: new Date('2026-01-02T03:30:00.000Z'),
			scope: 'wf1/node1',
			broker: FAKE_BROKER,
			alertId: 'a-2',
			clientOrderId: 'tv-lost',
			kind: 'attempt',
			detail: { request: { ...h.broker.placeCalls[0], clientOrderId: 'tv-lost', quantity: 4, alertId: 'a-2' }, account: ACCOUNT },
		});
		h.broker.setPosition('AAPL', 14);

		const [aapl] = await h.reconcile({ correctToExpected: true });
		expect(aapl).toMatchObject({ expected: 10, actual: 14, drift: 4, status: 'pending', unsettledOrders: 1, correction: null });
		expect(aapl.entries[1]).toMatchObject({ clientOrderId: 'tv-lost', fillState: 'unknown', counted: 0, error: 'fake has no order with this client order id' });
		expect(aapl.note).toBe('1 order(s) not final or of unknown outcome: compared with what has filled so far, not corrected');
	});

	it('lets an exit take the expected position to flat, never past it', async () => {
		const h = reconcileHarness();
		await h.trade({ alertId: 'a-1', action: 'buy', quantity: 10 });
		h.broker.setPosition('AAPL', 15); // bought 5 by hand
		await h.trade({ alertId: 'a-2', action: 'exit' }); // closes all 15

		// Flat on both sides: nothing to report.
		expect(await h.reconcile()).toEqual([]);
		const view = expectedPosition(journalOrders(h.journal.events), 0);
		expect(view).toMatchObject({ expected: 0, unsettled: 0, flatAfterExit: false });
		expect(view.entries.map((entry) => [entry.alertId, entry.side, entry.quantity, entry.reduceOnly, entry.counted])).toEqual([
			['a-1', 'buy', 10, false, 10],
			['a-2', 'sell', 15, true, -10],
		]);
	});

	it('takes a flat broker after an exit as flat, even when the exit closed less than the journal expected', async () => {
		const h = reconcileHarness();
		await h.trade({ alertId: 'a-1', action: 'buy', quantity: 10 });
		h.broker.setPosition('AAPL', 6); // sold 4 by hand
		await h.trade({ alertId: 'a-2', action: 'exit' }); // closes the 6 left

		expect(await h.reconcile({ correctToExpected: true })).toEqual([]);
		const view = expectedPosition(journalOrders(h.journal.events), 0);
		expect(view).toMatchObject({ expected: 0, flatAfterExit: true });
		expect(view.entries.map((entry) => entry.counted)).toEqual([10, -6]);
		// Had the broker not been flat, the journal's 4 would stand.
		expect(expectedPosition(journalOrders(h.journal.events), 1)).toMatchObject({ expected: 4, flatAfterExit: false });
	});
});

describe('Reconcile: Correct To Expected', () => {
	it('puts an alert-shaped correction on a drift, with the same id for the same state', async () => {
		const h = reconcileHarness();
		await h.trade({ alertId: 'a-1', action: 'buy', quantity: 10, price: 187.5 });
		h.broker.setPosition('AAPL', 13);

		const [first] = await h.reconcile({ correctToExpected: true });
		expect(first.correction).toEqual({
			alertId: expect.stringMatching(/^reconcile-AAPL-[0-9a-f]{16}$/),
			action: 'sell',
			side: 'sell',
			symbol: 'AAPL',
			quantity: 3,
			orderType: 'market',
			price: 100, // the fake broker's position price
			sentiment: 'long',
			strategy: { targetPosition: 10, prevTargetPosition: 13 },
		});
		const [again] = await h.reconcile({ correctToExpected: true });
		expect(again.correction?.alertId).toBe(first.correction?.alertId);
		const [other] = await h.reconcile({ correctToExpected: true, account: 'fake:credential-2' });
		expect(other).toMatchObject({ expected: 0, actual: 13 });
		expect(other.correction?.alertId).not.toBe(first.correction?.alertId);
	});

	it('through Broker Order\'s plan: shrinking is one reduce-only order, the correction is not counted, and the symbol then matches', async () => {
		const h = reconcileHarness();
		await h.trade({ alertId: 'a-1', action: 'buy', quantity: 10 });
		h.broker.setPosition('AAPL', 13);
		const [drift] = await h.reconcile({ correctToExpected: true });
		const correction = drift.correction!;

		const input = alertInput({
			alertId: correction.alertId,
			action: correction.action,
			side: correction.side,
			symbol: correction.symbol,
			quantity: correction.quantity,
			orderType: correction.orderType,
			sentiment: correction.sentiment,
			targetPosition: correction.strategy.targetPosition,
			prevTargetPosition: correction.strategy.prevTargetPosition,
		});
		const sent = await executeAlert(input, orderSettings(), { ...h.context, account: ACCOUNT, dryRun: false });
		expect(sent.ok && sent.value.orders.map((leg) => [leg.leg, leg.request.side, leg.request.quantity, leg.request.reduceOnly])).toEqual([['reduce', 'sell', 3, true]]);
		expect(h.broker.positionOf('AAPL')).toBe(10);

		const [after] = await h.reconcile({ correctToExpected: true });
		expect(after).toMatchObject({ expected: 10, actual: 10, status: 'match', correction: null });
		expect(after.entries.map((entry) => [entry.alertId, entry.correction, entry.counted])).toEqual([
			['a-1', false, 10],
			[correction.alertId, true, 0],
		]);
		// The same correction sent again (a re-run) orders nothing more.
		const rerun = await executeAlert(input, orderSettings(), { ...h.context, account: ACCOUNT, dryRun: false });
		expect(rerun.ok && rerun.value.orders.map((leg) => leg.alreadyPlaced)).toEqual([true]);
		expect(h.broker.positionOf('AAPL')).toBe(10);
	});

	it('through zero: closes the broker\'s side, then opens the expected one', async () => {
		const h = reconcileHarness();
		await h.trade({ alertId: 'a-1', action: 'sell', quantity: 5 });
		h.broker.setPosition('AAPL', 5);
		const [drift] = await h.reconcile({ correctToExpected: true });
		expect(drift).toMatchObject({ expected: -5, actual: 5, drift: 10 });
		const c = drift.correction!;
		expect(c).toMatchObject({ action: 'sell', quantity: 10, sentiment: 'short', strategy: { targetPosition: -5, prevTargetPosition: 5 } });
		const input = alertInput({ alertId: c.alertId, action: c.action, symbol: c.symbol, quantity: c.quantity, sentiment: c.sentiment, targetPosition: -5, prevTargetPosition: 5 });
		const sent = await executeAlert(input, orderSettings(), { ...h.context, account: ACCOUNT, dryRun: false });
		expect(sent.ok && sent.value.orders.map((leg) => [leg.leg, leg.request.side, leg.request.quantity])).toEqual([
			['close', 'sell', 5],
			['open', 'sell', 5],
		]);
		expect(h.broker.positionOf('AAPL')).toBe(-5);
		expect((await h.reconcile({ correctToExpected: true }))[0]).toMatchObject({ expected: -5, actual: -5, status: 'match' });
	});

	it('to flat: a broker position the journal does not expect is closed by an exit', async () => {
		const h = reconcileHarness();
		h.broker.setPosition('TSLA', 4);
		const [drift] = await h.reconcile({ correctToExpected: true });
		expect(drift).toMatchObject({ symbol: 'TSLA', brokerSymbol: 'TSLA', expected: 0, actual: 4, status: 'drift' });
		expect(drift.correction).toMatchObject({ action: 'sell', quantity: 4, sentiment: 'flat', strategy: { targetPosition: 0, prevTargetPosition: 4 } });
	});
});
