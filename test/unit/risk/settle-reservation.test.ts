import { InvalidOrderError, NetworkError, BrokerUnavailableError } from '../../../core/brokers/broker-errors';
import type { Ledger } from '../../../core/ledger/ledger';
import { openSqliteLedger } from '../../../core/ledger/open-ledger';
import { reservationIdOf, settleReservation } from '../../../core/risk/settle-reservation';

let ledger: Ledger;
beforeEach(() => {
	ledger = openSqliteLedger(':memory:');
});
afterEach(async () => {
	await ledger.close();
});

async function reserve(): Promise<string> {
	const at = new Date();
	const result = await ledger.risk.reserve({
		book: 'b',
		symbol: 'AAPL',
		alertId: null,
		at,
		expiresAt: new Date(at.getTime() + 60_000),
		limits: [],
		killSwitch: null,
		detail: null,
	});
	if (!result.reserved) throw new Error('not reserved');
	return result.reservationId;
}

describe('settleReservation', () => {
	it('confirms when the order was placed', async () => {
		const id = await reserve();
		expect((await settleReservation(ledger.risk, id, { placed: true }, new Date()))?.status).toBe('confirmed');
	});

	it('releases on a definite failure, with the reason', async () => {
		const id = await reserve();
		const error = new InvalidOrderError('quantity below the minimum', { broker: 'alpaca' });
		const settled = await settleReservation(ledger.risk, id, { placed: false, reason: error.message, error }, new Date());
		expect(settled).toMatchObject({ status: 'released', reason: 'quantity below the minimum' });
	});

	it.each([
		['network error', new NetworkError('socket hang up', { broker: 'oanda' })],
		['broker outage', new BrokerUnavailableError('503', { broker: 'binance' })],
	])('keeps counting after a %s: the order may exist', async (_name, error) => {
		const id = await reserve();
		expect((await settleReservation(ledger.risk, id, { placed: false, reason: error.message, error }, new Date()))?.status).toBe('confirmed');
	});

	it('says null for a reservation another ledger made', async () => {
		expect(await settleReservation(ledger.risk, 'not-here', { placed: true }, new Date())).toBeNull();
	});
});

describe('reservationIdOf', () => {
	it('reads risk.reservation.id and nothing else', () => {
		expect(reservationIdOf({ risk: { reservation: { id: 'r-1' } } })).toBe('r-1');
		expect(reservationIdOf({ risk: { reservation: null } })).toBeNull();
		expect(reservationIdOf({ reservation: { id: 'r-1' } })).toBeNull();
		expect(reservationIdOf(null)).toBeNull();
	});
});
