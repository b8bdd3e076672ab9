import { executeAlert } from '../../../core/order/execute-alert';
import { resolveExits } from '../../../core/order/exit-prices';
import { planAlertOrders } from '../../../core/order/plan-alert-orders';
import { alertInput, orderHarness, orderSettings, SCOPE } from './order-fixture';

// Exits given as a percent or an amount become prices measured from the entry's price; a
// trailing stop stays a distance; a broker that cannot trail refuses before anything is sent.

const exitsOf = (fields: Parameters<typeof alertInput>[0], side: 'buy' | 'sell' = 'buy') => resolveExits(alertInput(fields), side);

describe('resolveExits', () => {
	it('keeps prices as given', () => {
		expect(exitsOf({ price: 100, takeProfitPrice: 110, stopLossPrice: 95 })).toEqual({
			ok: true,
			value: { takeProfitPrice: 110, stopLossPrice: 95, trailingStop: null, sizingStop: 95 },
		});
	});

	it('measures percents and amounts from the alert price, up for a long\'s take profit and down for its stop', () => {
		expect(exitsOf({ price: 100, takeProfitPercent: 1.5, stopLossAmount: 2.25 })).toEqual({
			ok: true,
			value: { takeProfitPrice: 101.5, stopLossPrice: 97.75, trailingStop: null, sizingStop: 97.75 },
		});
	});

	it('measures them the other way for a short', () => {
		expect(exitsOf({ price: 200, takeProfitAmount: 10, stopLossPercent: 1 }, 'sell')).toEqual({
			ok: true,
			value: { takeProfitPrice: 190, stopLossPrice: 202, trailingStop: null, sizingStop: 202 },
		});
	});

	it('measures from a limit entry\'s limit and a stop entry\'s stop, not the alert price', () => {
		expect(exitsOf({ price: 105, orderType: 'limit', limitPrice: 100, takeProfitPercent: 10 })).toMatchObject({ value: { takeProfitPrice: 110 } });
		expect(exitsOf({ price: 95, orderType: 'stop', stopPrice: 100, stopLossPercent: 10 })).toMatchObject({ value: { stopLossPrice: 90 } });
	});

	it('leaves no binary residue in a percent price', () => {
		expect(exitsOf({ price: 0.07, takeProfitPercent: 10 })).toMatchObject({ value: { takeProfitPrice: 0.077 } });
	});

	it('a price wins over a percent of the same exit', () => {
		expect(exitsOf({ price: 100, takeProfitPrice: 120, takeProfitPercent: 5 })).toMatchObject({ value: { takeProfitPrice: 120 } });
	});

	it('keeps a trailing stop as its distance and sizes from where it starts', () => {
		expect(exitsOf({ price: 100, stopLossType: 'trailing_stop', stopLossPercent: 2 })).toEqual({
			ok: true,
			value: { takeProfitPrice: null, stopLossPrice: null, trailingStop: { amount: null, percent: 2 }, sizingStop: 98 },
		});
		expect(exitsOf({ stopLossType: 'trailing_stop', stopLossAmount: 3 }, 'sell')).toMatchObject({
			value: { trailingStop: { amount: 3, percent: null }, sizingStop: null },
		});
	});

	it('fails with the field to fix: no price to measure from, a trailing stop without distance or with a price, a price at or below 0', () => {
		expect(exitsOf({ takeProfitPercent: 5 })).toEqual({
			ok: false,
			failure: { code: 'price_missing', field: 'price', message: "a take profit given as a percent needs the entry's price: send price in the alert" },
		});
		expect(exitsOf({ price: 100, stopLossType: 'trailing_stop' })).toMatchObject({ ok: false, failure: { code: 'missing_field', field: 'stopLoss' } });
		expect(exitsOf({ price: 100, stopLossType: 'trailing_stop', stopLossPrice: 95, stopLossAmount: 1 })).toMatchObject({
			ok: false,
			failure: { code: 'invalid_field', field: 'stopLossPrice' },
		});
		expect(exitsOf({ price: 100, stopLossAmount: 100 })).toMatchObject({ ok: false, failure: { code: 'invalid_field', field: 'stop loss' } });
	});
});

describe('planning and sending exits', () => {
	const context = { scope: SCOPE, position: async () => 0, equity: async () => 10_000 };

	it('puts the resolved prices and the trailing stop on the opening leg only', async () => {
		const planned = await planAlertOrders(
			alertInput({ action: 'buy', quantity: 3, price: 50, takeProfitPercent: 10, stopLossType: 'trailing_stop', stopLossAmount: 1 }),
			orderSettings(),
			context,
		);
		expect(planned.ok && planned.value.steps).toEqual([
			expect.objectContaining({ intent: expect.objectContaining({ takeProfitPrice: 55, stopLossPrice: null, trailingStop: { amount: 1, percent: null } }) }),
		]);
	});

	it('sizes a risk-based entry from a stop loss given as a percent', async () => {
		const planned = await planAlertOrders(
			alertInput({ action: 'buy', price: 100, stopLossPercent: 2 }),
			orderSettings({ sizingMode: 'riskPercent', sizingValue: 1 }),
			context,
		);
		// 1 % of 10 000 risked over 2 per unit.
		expect(planned.ok && planned.value.steps).toEqual([expect.objectContaining({ intent: expect.objectContaining({ quantity: 50, stopLossPrice: 98 }) })]);
	});

	it('refuses a trailing stop on a broker that cannot trail, before sending anything', async () => {
		const { broker, executeContext } = orderHarness();

		const result = await executeAlert(
			alertInput({ action: 'buy', quantity: 1, price: 10, stopLossType: 'trailing_stop', stopLossPercent: 1 }),
			orderSettings(),
			executeContext(false),
		);

		expect(result).toMatchObject({ ok: false, failure: { code: 'unsupported', field: 'stopLossType' } });
		expect(!result.ok && result.failure.message).toContain('fake does not take a trailing stop with the entry');
		expect(broker.placeCalls).toEqual([]);
	});
});
