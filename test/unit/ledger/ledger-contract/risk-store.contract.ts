import type { CounterLimit, ReserveRequest, ReserveResult } from '../../../../core/ledger/risk-store';
import type { LedgerBackend } from './backends';
import { reserveFromChildren } from './risk-children';

const T0 = Date.parse('2024-03-01T12:00:00.000Z');
const MINUTE = 60_000;
const BOOK = 'wf-1/risk-1';

function limit(max: number, overrides: Partial<CounterLimit> = {}): CounterLimit {
	return { code: 'max_orders_per_day', symbol: null, sinceMs: T0 - 24 * 60 * MINUTE, max, ...overrides };
}

function request(overrides: Partial<ReserveRequest> = {}): ReserveRequest {
	const at = new Date(overrides.at ?? T0);
	return {
		book: BOOK,
		symbol: 'AAPL',
		alertId: null,
		at,
		expiresAt: new Date(at.getTime() + 5 * MINUTE),
		limits: [],
		killSwitch: null,
		detail: { side: 'buy', quantity: 1 },
		...overrides,
	};
}

function reservedCount(results: ReserveResult[]): number {
	return results.filter((result) => result.reserved).length;
}

export function riskStoreContract(backend: LedgerBackend): void {
	describe('risk store', () => {
		it('stores a reservation and reads it back', async () => {
			const { risk } = await (await backend.newStore()).open();

			const result = await risk.reserve(request({ alertId: 'a-1', detail: { side: 'sell', quantity: 3 } }));

			expect(result).toEqual({ reserved: true, reservationId: expect.any(String), repeated: false });
			const id = result.reserved ? result.reservationId : '';
			expect(await risk.getReservation(id)).toEqual({
				id,
				book: BOOK,
				symbol: 'AAPL',
				alertId: 'a-1',
				status: 'reserved',
				reservedAt: '2024-03-01T12:00:00.000Z',
				expiresAt: '2024-03-01T12:05:00.000Z',
				settledAt: null,
				reason: null,
				detail: { side: 'sell', quantity: 3 },
			});
			expect(await risk.getReservation('unknown')).toBeNull();
		});

		it('refuses at the limit, reporting every breach, and counts per symbol and span', async () => {
			const { risk } = await (await backend.newStore()).open();
			const limits = (symbol: string): CounterLimit[] => [limit(3), limit(1, { code: 'max_orders_per_symbol', symbol })];
			// Before the span: never counted.
			await risk.reserve(request({ at: new Date(T0 - 25 * 60 * MINUTE), expiresAt: new Date(T0 + MINUTE) }));

			expect((await risk.reserve(request({ limits: limits('AAPL') }))).reserved).toBe(true);
			expect(await risk.reserve(request({ limits: limits('AAPL') }))).toEqual({
				reserved: false,
				breaches: [{ code: 'max_orders_per_symbol', count: 1, max: 1 }],
				killSwitch: null,
			});
			expect((await risk.reserve(request({ symbol: 'MSFT', limits: limits('MSFT') }))).reserved).toBe(true);
			expect((await risk.reserve(request({ symbol: 'TSLA', limits: limits('TSLA') }))).reserved).toBe(true);
			expect(await risk.reserve(request({ limits: limits('AAPL') }))).toEqual({
				reserved: false,
				breaches: [
					{ code: 'max_orders_per_day', count: 3, max: 3 },
					{ code: 'max_orders_per_symbol', count: 1, max: 1 },
				],
				killSwitch: null,
			});
			expect(await risk.reserve(request({ symbol: 'NVDA', limits: limits('NVDA') }))).toEqual({
				reserved: false,
				breaches: [{ code: 'max_orders_per_day', count: 3, max: 3 }],
				killSwitch: null,
			});
			// Other books have their own counts.
			expect((await risk.reserve(request({ book: 'wf-2/risk-1', limits: limits('AAPL') }))).reserved).toBe(true);
		});

		it('counts from a fractional start exactly', async () => {
			const { risk } = await (await backend.newStore()).open();
			await risk.reserve(request());

			expect(await risk.reserve(request({ limits: [limit(1, { sinceMs: T0 - 0.5 })] }))).toMatchObject({ reserved: false });
			expect(await risk.reserve(request({ limits: [limit(1, { sinceMs: T0 + 0.5 })] }))).toMatchObject({ reserved: true });
		});

		it('stops counting a released or expired reservation; a confirmed one counts for good', async () => {
			const { risk } = await (await backend.newStore()).open();
			const limits = [limit(2)];
			const first = await risk.reserve(request({ limits, expiresAt: new Date(T0 + MINUTE) }));
			const second = await risk.reserve(request({ limits, expiresAt: new Date(T0 + MINUTE) }));
			const firstId = first.reserved ? first.reservationId : '';
			const secondId = second.reserved ? second.reservationId : '';
			expect((await risk.reserve(request({ limits }))).reserved).toBe(false);

			const released = await risk.release(firstId, new Date(T0 + 1000), 'order_failed');
			expect(released).toMatchObject({ status: 'released', settledAt: '2024-03-01T12:00:01.000Z', reason: 'order_failed' });
			const confirmed = await risk.confirm(secondId, new Date(T0 + 2000));
			expect(confirmed).toMatchObject({ status: 'confirmed', settledAt: '2024-03-01T12:00:02.000Z', reason: null });
			// Releasing a confirmed reservation changes nothing.
			expect(await risk.release(secondId, new Date(T0 + 3000), 'late')).toEqual(confirmed);
			expect(await risk.confirm('unknown', new Date(T0))).toBeNull();
			expect(await risk.release('unknown', new Date(T0), 'x')).toBeNull();

			const third = await risk.reserve(request({ limits, at: new Date(T0 + 4000), expiresAt: new Date(T0 + 10_000) }));
			expect(third.reserved).toBe(true);
			expect(await risk.reserve(request({ limits, at: new Date(T0 + 5000) }))).toMatchObject({
				reserved: false,
				breaches: [{ code: 'max_orders_per_day', count: 2, max: 2 }],
			});
			// Once the third expires unconfirmed, only the confirmed one counts.
			expect(await risk.reserve(request({ limits, at: new Date(T0 + 10_000) }))).toMatchObject({ reserved: true });
		});

		it('gives a repeated alert its live reservation back, even at the limit', async () => {
			const { risk } = await (await backend.newStore()).open();
			const limits = [limit(1)];
			const first = await risk.reserve(request({ alertId: 'a-1', limits }));
			expect(first).toMatchObject({ reserved: true, repeated: false });
			const id = first.reserved ? first.reservationId : '';

			expect(await risk.reserve(request({ alertId: 'a-1', limits, at: new Date(T0 + 1000) }))).toEqual({
				reserved: true,
				reservationId: id,
				repeated: true,
			});
			expect(await risk.reserve(request({ alertId: 'a-2', limits }))).toMatchObject({ reserved: false });
			expect(await risk.listReservations({ alertId: 'a-1' })).toHaveLength(1);

			await risk.release(id, new Date(T0 + 2000), 'order_failed');
			const again = await risk.reserve(request({ alertId: 'a-1', limits, at: new Date(T0 + 3000) }));
			expect(again).toMatchObject({ reserved: true, repeated: false });
			expect(again.reserved && again.reservationId).not.toBe(id);
		});

		it('refuses while the kill switch is on, and only where it applies', async () => {
			const { risk } = await (await backend.newStore()).open();
			expect(await risk.getKillSwitch('halt')).toEqual({ name: 'halt', on: false, reason: null, changedAt: null });

			const on = await risk.setKillSwitch('halt', true, 'drawdown', new Date(T0));
			expect(on).toEqual({ name: 'halt', on: true, reason: 'drawdown', changedAt: '2024-03-01T12:00:00.000Z' });
			expect(await risk.getKillSwitch('halt')).toEqual(on);

			expect(await risk.reserve(request({ killSwitch: 'halt' }))).toEqual({ reserved: false, breaches: [], killSwitch: on });
			expect((await risk.reserve(request({ killSwitch: null }))).reserved).toBe(true);
			expect((await risk.reserve(request({ killSwitch: 'other' }))).reserved).toBe(true);
			expect(await risk.reserve(request({ killSwitch: 'halt', limits: [limit(2)] }))).toEqual({
				reserved: false,
				breaches: [{ code: 'max_orders_per_day', count: 2, max: 2 }],
				killSwitch: on,
			});

			const off = await risk.setKillSwitch('halt', false, null, new Date(T0 + 1000));
			expect(off).toEqual({ name: 'halt', on: false, reason: null, changedAt: '2024-03-01T12:00:01.000Z' });
			expect((await risk.reserve(request({ killSwitch: 'halt' }))).reserved).toBe(true);
		});

		it('lists reservations by book and alert id, oldest first, and purges old ones', async () => {
			const { risk } = await (await backend.newStore()).open();
			await risk.reserve(request({ alertId: 'late', at: new Date(T0 + 2000) }));
			await risk.reserve(request({ alertId: 'early', at: new Date(T0) }));
			await risk.reserve(request({ alertId: 'other-book', book: 'wf-2/risk-1', at: new Date(T0 + 1000) }));

			expect((await risk.listReservations({ book: BOOK })).map((row) => row.alertId)).toEqual(['early', 'late']);
			expect((await risk.listReservations()).map((row) => row.alertId)).toEqual(['early', 'other-book', 'late']);
			expect((await risk.listReservations({ limit: 1 })).map((row) => row.alertId)).toEqual(['early']);
			expect((await risk.listReservations({ alertId: 'late' })).map((row) => row.book)).toEqual([BOOK]);

			expect(await risk.purgeReservationsBefore(new Date(T0 + 1500))).toBe(2);
			expect((await risk.listReservations()).map((row) => row.alertId)).toEqual(['late']);
		});

		it('reserves exactly 10 of 200 concurrent calls against a limit of 10, over two connections', async () => {
			const store = await backend.newStore();
			const handles = [await store.open(), await store.open()];

			const results = await Promise.all(
				Array.from({ length: 200 }, (_, index) =>
					handles[index % 2].risk.reserve(request({ alertId: `burst-${index}`, limits: [limit(10)] })),
				),
			);

			expect(reservedCount(results)).toBe(10);
			for (const result of results.filter((one) => !one.reserved)) {
				expect(result).toEqual({ reserved: false, breaches: [{ code: 'max_orders_per_day', count: 10, max: 10 }], killSwitch: null });
			}
			expect(await handles[0].risk.listReservations({ book: BOOK })).toHaveLength(10);
		}, 120_000);

		it('reserves exactly 10 in total of 200 calls from two processes sharing the store', async () => {
			const store = await backend.newStore();
			// Creates the tables before the race, as an n8n that already ran would have.
			await store.open();

			const results = await reserveFromChildren(store.spec, {
				children: 2,
				callsPerChild: 100,
				book: BOOK,
				atMs: T0,
				limit: limit(10),
			});

			expect(results).toHaveLength(200);
			expect(results.filter((result) => result.reserved)).toHaveLength(10);
			expect(await (await store.open()).risk.listReservations({ book: BOOK })).toHaveLength(10);
		}, 180_000);

		it('keeps the counts across a restart: the 11th is still refused', async () => {
			const store = await backend.newStore();
			const before = await store.open();
			const limits = [limit(10)];
			for (let index = 0; index < 10; index++) {
				expect((await before.risk.reserve(request({ alertId: `a-${index}`, limits }))).reserved).toBe(true);
			}

			await store.restart();

			const after = await store.open();
			expect(await after.risk.reserve(request({ alertId: 'a-10', limits, at: new Date(T0 + 1000) }))).toEqual({
				reserved: false,
				breaches: [{ code: 'max_orders_per_day', count: 10, max: 10 }],
				killSwitch: null,
			});
			expect(await after.risk.listReservations({ book: BOOK })).toHaveLength(10);
		}, 120_000);

		it('keeps the first start-of-day mark of an account, even when 20 callers race to set it', async () => {
			const { risk } = await (await backend.newStore()).open();
			const marks = await Promise.all(
				Array.from({ length: 20 }, async (_, index) => await risk.markDayStart('paper:main|realised_pnl', '2024-03-01', 100 + index, new Date(T0))),
			);
			expect(new Set(marks).size).toBe(1);
			expect(await risk.markDayStart('paper:main|realised_pnl', '2024-03-01', -50.5, new Date(T0))).toBe(marks[0]);
			expect(await risk.markDayStart('paper:main|realised_pnl', '2024-03-02', -50.5, new Date(T0))).toBe(-50.5);
			expect(await risk.markDayStart('paper:other|realised_pnl', '2024-03-01', 7.25, new Date(T0))).toBe(7.25);
		});
	});
}
