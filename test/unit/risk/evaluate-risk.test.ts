import type { Ledger } from '../../../core/ledger/ledger';
import { openSqliteLedger } from '../../../core/ledger/open-ledger';
import { accountHolding, evaluateItem, noRules } from './risk-fixtures';

let ledger: Ledger;
beforeEach(() => {
	ledger = openSqliteLedger(':memory:');
});
afterEach(async () => {
	await ledger.close();
});

const at = (iso: string) => new Date(iso);
const codes = (decision: { reasons: Array<{ code: string }> }) => decision.reasons.map((reason) => reason.code);

describe('stateless rules', () => {
	it('reports every rule that failed, not only the first', async () => {
		const settings = noRules({
			symbolAllowlist: ['NASDAQ:*'],
			symbolBlocklist: ['AAPL'],
			allowedActions: ['exit'],
			maxQuantity: { limit: 1, mode: 'reject' },
		});
		const decision = await evaluateItem({ exchange: 'NYSE' }, settings, ledger.risk, new Date());
		expect(decision.passed).toBe(false);
		expect(codes(decision)).toEqual(['max_quantity', 'symbol_not_allowed', 'symbol_blocked', 'action_not_allowed']);
		expect(decision.reservation).toBeNull();
	});

	it('size limits do not apply to exits, with or without a quantity', async () => {
		const settings = noRules({ maxQuantity: { limit: 1, mode: 'reject' }, maxNotional: { limit: 10, mode: 'clamp', fallbackPrice: null } });
		const withoutQuantity = await evaluateItem({ action: 'exit', quantity: null }, settings, ledger.risk, new Date());
		expect(withoutQuantity).toMatchObject({ passed: true, role: 'exit', quantity: { requested: null, approved: null, clampedBy: [] } });
		const held = accountHolding([{ symbol: 'AAPL', quantity: 500, averagePrice: 100 }]);
		const large = await evaluateItem({ action: 'sell', sentiment: 'flat', quantity: 500 }, settings, ledger.risk, new Date(), held);
		expect(large).toMatchObject({ passed: true, role: 'exit', quantity: { requested: null, approved: null, clampedBy: [] } });
		expect(large.plan?.legs).toEqual([{ leg: 'close', side: 'sell', quantity: 500, reduceOnly: true }]);
		expect(codes(await evaluateItem({ quantity: null }, settings, ledger.risk, new Date()))).toEqual(['quantity_unknown']);
	});

	it('a clamped quantity passes with the new quantity', async () => {
		const decision = await evaluateItem({ quantity: 50 }, noRules({ maxQuantity: { limit: 20, mode: 'clamp' } }), ledger.risk, new Date());
		expect(decision).toMatchObject({ passed: true, quantity: { requested: 50, approved: 20, clampedBy: ['max_quantity'] } });
	});

	it('outside the session an entry is refused; an exit passes when exits are let through', async () => {
		const session = { timeZone: 'America/New_York', days: ['mon', 'tue', 'wed', 'thu', 'fri'] as never, windows: [{ startMinute: 570, endMinute: 960 }], letExitsThrough: true };
		const night = at('2026-11-24T03:00:00Z');
		expect(codes(await evaluateItem({}, noRules({ session }), ledger.risk, night))).toEqual(['outside_session']);
		expect((await evaluateItem({ action: 'exit' }, noRules({ session }), ledger.risk, night)).passed).toBe(true);
		const strict = { ...session, letExitsThrough: false };
		expect(codes(await evaluateItem({ action: 'exit' }, noRules({ session: strict }), ledger.risk, night))).toEqual(['outside_session']);
	});
});

describe('order counters', () => {
	it('max orders per symbol per rolling minute: the slot frees exactly one window later', async () => {
		const settings = noRules({ rateLimits: [{ per: 'symbol', max: 2, window: 'minute', size: 1 }] });
		const t0 = at('2026-11-24T10:00:00.000Z').getTime();
		expect((await evaluateItem({}, settings, ledger.risk, new Date(t0))).passed).toBe(true);
		expect((await evaluateItem({}, settings, ledger.risk, new Date(t0 + 10_000))).passed).toBe(true);
		const third = await evaluateItem({}, settings, ledger.risk, new Date(t0 + 59_999));
		expect(third.reasons).toEqual([{ code: 'max_orders_per_symbol', message: '2 orders in AAPL in the last 1 minute; the limit is 2' }]);
		expect((await evaluateItem({ symbol: 'MSFT' }, settings, ledger.risk, new Date(t0 + 59_999))).passed).toBe(true);
		expect((await evaluateItem({}, settings, ledger.risk, new Date(t0 + 60_000))).passed).toBe(true);
	});

	it('max orders in total counts every symbol', async () => {
		const settings = noRules({ rateLimits: [{ per: 'total', max: 2, window: 'hour', size: 4 }] });
		const now = new Date();
		expect((await evaluateItem({ symbol: 'A' }, settings, ledger.risk, now)).passed).toBe(true);
		expect((await evaluateItem({ symbol: 'B' }, settings, ledger.risk, now)).passed).toBe(true);
		const third = await evaluateItem({ symbol: 'C' }, settings, ledger.risk, now);
		expect(third.reasons[0].message).toBe('2 orders in the last 4 hours; the limit is 2');
	});

	it('cooldown per symbol after an order', async () => {
		const settings = noRules({ cooldownMs: 30_000 });
		const t0 = Date.parse('2026-11-24T10:00:00Z');
		expect((await evaluateItem({}, settings, ledger.risk, new Date(t0))).passed).toBe(true);
		expect(codes(await evaluateItem({}, settings, ledger.risk, new Date(t0 + 29_999)))).toEqual(['cooldown']);
		expect((await evaluateItem({ symbol: 'MSFT' }, settings, ledger.risk, new Date(t0 + 1))).passed).toBe(true);
		expect((await evaluateItem({}, settings, ledger.risk, new Date(t0 + 30_000))).passed).toBe(true);
	});

	it('max orders per calendar day starts again at local midnight, DST day included', async () => {
		const settings = noRules({ maxOrdersPerDay: { max: 1, timeZone: 'America/New_York' } });
		// 8 March 2026, the day New York moves to summer time: midnight is 05:00 UTC, the next one 04:00 UTC.
		const first = await evaluateItem({}, settings, ledger.risk, at('2026-03-08T05:00:00Z'));
		await ledger.risk.confirm(first.reservation!.id, at('2026-03-08T05:00:01Z'));
		const sameDay = await evaluateItem({}, settings, ledger.risk, at('2026-03-09T03:59:59Z'));
		expect(sameDay.reasons).toEqual([{ code: 'max_orders_per_day', message: '1 orders today (America/New_York); the limit is 1 per day' }]);
		expect((await evaluateItem({}, settings, ledger.risk, at('2026-03-09T04:00:00Z'))).passed).toBe(true);
	});

	it('exits are never counted nor stopped by the counters', async () => {
		const settings = noRules({ maxOrdersPerDay: { max: 1, timeZone: 'UTC' } });
		const now = new Date();
		expect((await evaluateItem({}, settings, ledger.risk, now)).passed).toBe(true);
		const exit = await evaluateItem({ action: 'exit' }, settings, ledger.risk, now);
		expect(exit).toMatchObject({ passed: true, role: 'exit', reservation: null });
		expect(await ledger.risk.listReservations()).toHaveLength(1);
	});
});

describe('reservations', () => {
	const settings = noRules({ maxOrdersPerDay: { max: 1, timeZone: 'UTC' }, reservationTtlMs: 60_000 });

	it('a released reservation frees its place; a confirmed one does not', async () => {
		const now = at('2026-11-24T10:00:00Z');
		const first = await evaluateItem({}, settings, ledger.risk, now);
		expect((await evaluateItem({}, settings, ledger.risk, now)).passed).toBe(false);
		await ledger.risk.release(first.reservation!.id, now, 'broker rejected');
		const second = await evaluateItem({}, settings, ledger.risk, now);
		expect(second.passed).toBe(true);
		await ledger.risk.confirm(second.reservation!.id, now);
		expect((await ledger.risk.release(second.reservation!.id, now, 'too late'))!.status).toBe('confirmed');
		expect((await evaluateItem({}, settings, ledger.risk, now)).passed).toBe(false);
	});

	it('an unconfirmed reservation stops counting when it expires', async () => {
		const t0 = Date.parse('2026-11-24T10:00:00Z');
		expect((await evaluateItem({}, settings, ledger.risk, new Date(t0))).passed).toBe(true);
		expect((await evaluateItem({}, settings, ledger.risk, new Date(t0 + 59_999))).passed).toBe(false);
		expect((await evaluateItem({}, settings, ledger.risk, new Date(t0 + 60_000))).passed).toBe(true);
	});

	it('the same alert checked twice gets its reservation back and counts once', async () => {
		const now = new Date();
		const first = await evaluateItem({ alertId: 'a-1' }, settings, ledger.risk, now);
		const again = await evaluateItem({ alertId: 'a-1' }, settings, ledger.risk, now);
		expect(again.reservation).toEqual({ ...first.reservation, repeated: true });
		expect(await ledger.risk.listReservations()).toHaveLength(1);
	});
});

describe('kill switch', () => {
	const settings = noRules({ killSwitch: 'main' });

	it('rejects every entry while on, lets exits through, and passes again once off', async () => {
		await ledger.risk.setKillSwitch('main', true, 'broker outage', new Date());
		const entry = await evaluateItem({}, settings, ledger.risk, new Date());
		expect(entry.reasons).toEqual([{ code: 'kill_switch', message: 'kill switch "main" is on: broker outage' }]);
		expect((await evaluateItem({ action: 'exit' }, settings, ledger.risk, new Date())).passed).toBe(true);
		await ledger.risk.setKillSwitch('main', false, null, new Date());
		expect((await evaluateItem({}, settings, ledger.risk, new Date())).passed).toBe(true);
	});

	it('another switch name does not affect this node', async () => {
		await ledger.risk.setKillSwitch('other', true, null, new Date());
		expect((await evaluateItem({}, settings, ledger.risk, new Date())).passed).toBe(true);
		expect(await ledger.risk.getKillSwitch('never-set')).toEqual({ name: 'never-set', on: false, reason: null, changedAt: null });
	});
});
