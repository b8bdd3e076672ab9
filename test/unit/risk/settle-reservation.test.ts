import {
	AuthenticationError,
	BrokerError,
	BrokerUnavailableError,
	DuplicateClientOrderIdError,
	InsufficientFundsError,
	InvalidOrderError,
	NetworkError,
	RateLimitedError,
	UnsupportedError,
} from '../../../core/brokers/broker-errors';
import type { Ledger } from '../../../core/ledger/ledger';
import { openSqliteLedger } from '../../../core/ledger/open-ledger';
import { NotSentError, OrderOutcomeUnknownError, PlacingElsewhereError } from '../../../core/order/placement-errors';
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
		['insufficient funds', new InsufficientFundsError('insufficient balance', { broker: 'binance' })],
		['bad credentials', new AuthenticationError('invalid api key', { broker: 'alpaca' })],
		['an unsupported order', new UnsupportedError('no stop orders', { broker: 'oanda' })],
	])('releases on a definite refusal: %s', async (_name, error) => {
		const id = await reserve();
		const settled = await settleReservation(ledger.risk, id, { placed: false, reason: error.message, error }, new Date());
		expect(settled).toMatchObject({ status: 'released', reason: error.message });
	});

	it('releases when nothing was sent (no error: plan failure, nothing to do, dry run)', async () => {
		const id = await reserve();
		const settled = await settleReservation(ledger.risk, id, { placed: false, reason: 'dry run' }, new Date());
		expect(settled).toMatchObject({ status: 'released', reason: 'dry run' });
	});

	it('releases on a NotSentError: placeOnce stopped before the broker', async () => {
		const id = await reserve();
		const error = new NotSentError('The order claim could not be written to the ledger', new Error('database is locked'));
		const settled = await settleReservation(ledger.risk, id, { placed: false, reason: error.message, error }, new Date());
		expect(settled).toMatchObject({ status: 'released', reason: error.message });
	});

	it.each([
		['a network error', new NetworkError('socket hang up', { broker: 'oanda' })],
		['a broker outage', new BrokerUnavailableError('503', { broker: 'binance' })],
		['a rate limit', new RateLimitedError('429', { broker: 'alpaca' })],
		['a plain BrokerError (a ccxt ExchangeError of unknown meaning)', new BrokerError('exchange error', { broker: 'kraken' })],
		['a duplicate id that could not be read back', new DuplicateClientOrderIdError('duplicate', { broker: 'oanda' })],
		['an unknown exception', new TypeError("Cannot read properties of undefined (reading 'id')")],
		['a ledger error after sending', new Error('SQLITE_BUSY: database is locked')],
		['another execution placing the order', new PlacingElsewhereError('Order tv-1 is being placed by another execution', 'tv-1')],
		['an unknown outcome after a failed read-back', new OrderOutcomeUnknownError('may or may not have taken it', 'tv-1')],
	])('keeps counting after %s: the order may exist', async (_name, error) => {
		const id = await reserve();
		const settled = await settleReservation(ledger.risk, id, { placed: false, reason: error.message, error }, new Date());
		expect(settled).toMatchObject({ status: 'confirmed', reason: null });
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
