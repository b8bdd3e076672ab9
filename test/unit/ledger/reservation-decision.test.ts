import { reservationRefusal } from '../../../core/ledger/reservation-decision';
import type { CounterLimit, KillSwitchState } from '../../../core/ledger/risk-store';

const perDay: CounterLimit = { code: 'max_orders_per_day', symbol: null, sinceMs: 0, max: 5 };
const perSymbol: CounterLimit = { code: 'max_orders_per_symbol_per_day', symbol: 'AAPL', sinceMs: 0, max: 2 };
const off: KillSwitchState = { name: 'desk', on: false, reason: null, changedAt: null };
const on: KillSwitchState = { name: 'desk', on: true, reason: 'news', changedAt: '2026-12-03T10:00:00.000Z' };

describe('reservationRefusal', () => {
	it('allows the reservation while every count is below its max and the switch is off or absent', () => {
		expect(reservationRefusal([{ limit: perDay, count: 4 }, { limit: perSymbol, count: 1 }], off)).toBeNull();
		expect(reservationRefusal([], null)).toBeNull();
	});

	it('reports every limit reached, with its count and max, in the order given', () => {
		expect(reservationRefusal([{ limit: perDay, count: 7 }, { limit: perSymbol, count: 2 }], off)).toEqual({
			reserved: false,
			breaches: [
				{ code: 'max_orders_per_day', count: 7, max: 5 },
				{ code: 'max_orders_per_symbol_per_day', count: 2, max: 2 },
			],
			killSwitch: null,
		});
	});

	it('refuses while the kill switch is on, naming it, and still reports the breaches', () => {
		expect(reservationRefusal([{ limit: perDay, count: 1 }], on)).toEqual({ reserved: false, breaches: [], killSwitch: on });
		expect(reservationRefusal([{ limit: perDay, count: 5 }], on)).toEqual({
			reserved: false,
			breaches: [{ code: 'max_orders_per_day', count: 5, max: 5 }],
			killSwitch: on,
		});
	});
});
