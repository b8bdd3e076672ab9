import type { OrderSettings } from '../../../core/order/order-input';
import { MIN_STOP_DISTANCE_FRACTION, roundDownToStep, sizeOrder } from '../../../core/order/sizing';
import { alertInput, orderSettings } from './order-fixture';

/** An equity source that counts how often it is read. */
function equitySource(equity: number) {
	const source = { calls: 0, read: async () => (source.calls++, equity) };
	return source;
}

describe('roundDownToStep', () => {
	it('leaves a quantity as it is with step 0, minus binary-fraction residue', () => {
		expect(0.1 + 0.2).not.toBe(0.3);
		expect(roundDownToStep(0.1 + 0.2, 0)).toBe(0.3);
		expect(roundDownToStep(1.23456789, 0)).toBe(1.23456789);
	});

	it('rounds 0.1 + 0.2 to 0.3 with step 0.1, not down to 0.2', () => {
		expect(roundDownToStep(0.1 + 0.2, 0.1)).toBe(0.3);
		expect(0.3 / 0.1).toBeLessThan(3);
		expect(roundDownToStep(0.3, 0.1)).toBe(0.3);
	});

	it('rounds down to a multiple of 0.001', () => {
		expect(roundDownToStep(1.23456, 0.001)).toBe(1.234);
		expect(roundDownToStep(1.2349999, 0.001)).toBe(1.234);
		expect(roundDownToStep(1000 / 3, 0.001)).toBe(333.333);
		expect(roundDownToStep(0.0009, 0.001)).toBe(0);
	});

	it('rounds down to whole units with step 1', () => {
		expect(roundDownToStep(7.9, 1)).toBe(7);
		expect(roundDownToStep(7, 1)).toBe(7);
		expect(roundDownToStep(0.99, 1)).toBe(0);
	});

	it('rounds down to a multiple of a step above 1', () => {
		expect(roundDownToStep(149, 25)).toBe(125);
	});
});

describe('sizeOrder', () => {
	const settings = (overrides: Partial<OrderSettings>) => orderSettings(overrides);

	it('alert: takes the alert\'s quantity and never reads equity', async () => {
		const equity = equitySource(10_000);

		expect(await sizeOrder(alertInput({ quantity: 3 }), settings({ sizingMode: 'alert' }), equity.read, 'buy')).toEqual({ ok: true, value: 3 });
		expect(equity.calls).toBe(0);
	});

	it('alert: fails with quantity_missing when the alert has no quantity', async () => {
		expect(await sizeOrder(alertInput(), settings({ sizingMode: 'alert' }), equitySource(10_000).read, 'buy')).toEqual({
			ok: false,
			failure: {
				code: 'quantity_missing',
				field: 'quantity',
				message: 'the alert has no quantity: send qty in the alert or choose another sizing mode',
			},
		});
	});

	it('fixed: orders the sizing value whatever the alert says, without reading equity', async () => {
		const equity = equitySource(10_000);

		const sized = await sizeOrder(alertInput({ quantity: 9, price: 50 }), settings({ sizingMode: 'fixed', sizingValue: 2.5 }), equity.read, 'buy');

		expect(sized).toEqual({ ok: true, value: 2.5 });
		expect(equity.calls).toBe(0);
	});

	it('notional: 1000 at a price of 250 is 4 units, without reading equity', async () => {
		const equity = equitySource(10_000);

		const sized = await sizeOrder(alertInput({ price: 250 }), settings({ sizingMode: 'notional', sizingValue: 1000 }), equity.read, 'buy');

		expect(sized).toEqual({ ok: true, value: 4 });
		expect(equity.calls).toBe(0);
	});

	it('notional: divides by the limit price of a limit order rather than the alert price', async () => {
		const sized = await sizeOrder(
			alertInput({ orderType: 'limit', price: 250, limitPrice: 200 }),
			settings({ sizingMode: 'notional', sizingValue: 1000 }),
			equitySource(10_000).read,
			'buy',
		);

		expect(sized).toEqual({ ok: true, value: 5 });
	});

	it('notional: rounds 1000 / 3 down to the quantity step', async () => {
		const sized = await sizeOrder(
			alertInput({ price: 3 }),
			settings({ sizingMode: 'notional', sizingValue: 1000, quantityStep: 0.001 }),
			equitySource(10_000).read,
			'buy',
		);

		expect(sized).toEqual({ ok: true, value: 333.333 });
	});

	it('percentOfEquity: 10% of 20000 at a price of 50 is 40 units, reading equity once', async () => {
		const equity = equitySource(20_000);

		const sized = await sizeOrder(alertInput({ price: 50 }), settings({ sizingMode: 'percentOfEquity', sizingValue: 10 }), equity.read, 'buy');

		expect(sized).toEqual({ ok: true, value: 40 });
		expect(equity.calls).toBe(1);
	});

	it('riskPercent: risks equity × % over the distance to the stop-loss, long or short', async () => {
		const equity = equitySource(10_000);
		const risk = settings({ sizingMode: 'riskPercent', sizingValue: 1 });

		// 10000 × 1% = 100 at risk; |100 − 95| = 5 per unit → 20 units.
		expect(await sizeOrder(alertInput({ price: 100, stopLossPrice: 95 }), risk, equity.read, 'buy')).toEqual({ ok: true, value: 20 });
		// A short: |100 − 104| = 4 per unit → 25 units.
		expect(await sizeOrder(alertInput({ action: 'sell', price: 100, stopLossPrice: 104 }), risk, equity.read, 'sell')).toEqual({
			ok: true,
			value: 25,
		});
		expect(equity.calls).toBe(2);
	});

	it('riskPercent: rounds down to the quantity step', async () => {
		// 10000 × 2% = 200 at risk; |100 − 97| = 3 per unit → 66.666… → 66 with step 1.
		const sized = await sizeOrder(
			alertInput({ price: 100, stopLossPrice: 97 }),
			settings({ sizingMode: 'riskPercent', sizingValue: 2, quantityStep: 1 }),
			equitySource(10_000).read,
			'buy',
		);

		expect(sized).toEqual({ ok: true, value: 66 });
	});

	it('riskPercent: takes the stop price as the stop-loss of a market order that has no stop-loss price', async () => {
		const sized = await sizeOrder(
			alertInput({ price: 100, stopPrice: 90 }),
			settings({ sizingMode: 'riskPercent', sizingValue: 1 }),
			equitySource(10_000).read,
			'buy',
		);

		expect(sized).toEqual({ ok: true, value: 10 });
	});

	it('riskPercent: does not take the entry trigger of a stop order as its stop-loss', async () => {
		const equity = equitySource(10_000);

		const sized = await sizeOrder(
			alertInput({ orderType: 'stop', price: 100, stopPrice: 101 }),
			settings({ sizingMode: 'riskPercent', sizingValue: 1 }),
			equity.read,
			'buy',
		);

		expect(sized).toEqual({
			ok: false,
			failure: { code: 'stop_missing', field: 'stopLossPrice', message: 'risk-based sizing needs a stop-loss price' },
		});
		expect(equity.calls).toBe(0);
	});

	it('riskPercent: does not take the entry trigger of a stop-limit order as its stop-loss', async () => {
		// The stop price of a stop-limit order is where it enters, 0.5 from its limit: taking it as
		// the stop-loss would size 10000 × 1% / 0.5 = 200 units (20000 of exposure) on 10000 equity.
		const sized = await sizeOrder(
			alertInput({ orderType: 'stop_limit', price: 99, stopPrice: 100, limitPrice: 100.5 }),
			settings({ sizingMode: 'riskPercent', sizingValue: 1 }),
			equitySource(10_000).read,
			'buy',
		);

		expect(sized).toEqual({
			ok: false,
			failure: { code: 'stop_missing', field: 'stopLossPrice', message: 'risk-based sizing needs a stop-loss price' },
		});
	});

	it('riskPercent: fails with stop_missing when there is no stop at all, without reading equity', async () => {
		const equity = equitySource(10_000);

		const sized = await sizeOrder(alertInput({ price: 100 }), settings({ sizingMode: 'riskPercent', sizingValue: 1 }), equity.read, 'buy');

		expect(sized).toEqual({
			ok: false,
			failure: { code: 'stop_missing', field: 'stopLossPrice', message: 'risk-based sizing needs a stop-loss price' },
		});
		expect(equity.calls).toBe(0);
	});

	it('riskPercent: fails with invalid_field when the stop-loss equals the entry price (the wrong side for either side), without reading equity', async () => {
		const equity = equitySource(10_000);
		const risk = settings({ sizingMode: 'riskPercent', sizingValue: 1 });

		const buy = await sizeOrder(alertInput({ price: 100, stopLossPrice: 100 }), risk, equity.read, 'buy');
		const sell = await sizeOrder(alertInput({ price: 100, stopLossPrice: 100 }), risk, equity.read, 'sell');

		expect(buy).toEqual({
			ok: false,
			failure: {
				code: 'invalid_field',
				field: 'stopLossPrice',
				message: 'the stop-loss price 100 is on the wrong side of the entry price 100 for a buy: it must be below it',
			},
		});
		expect(sell).toEqual({
			ok: false,
			failure: {
				code: 'invalid_field',
				field: 'stopLossPrice',
				message: 'the stop-loss price 100 is on the wrong side of the entry price 100 for a sell: it must be above it',
			},
		});
		expect(equity.calls).toBe(0);
	});

	it('riskPercent: refuses a buy whose stop-loss is above the entry price', async () => {
		const equity = equitySource(10_000);

		const sized = await sizeOrder(alertInput({ price: 100, stopLossPrice: 105 }), settings({ sizingMode: 'riskPercent', sizingValue: 1 }), equity.read, 'buy');

		expect(sized).toEqual({
			ok: false,
			failure: {
				code: 'invalid_field',
				field: 'stopLossPrice',
				message: 'the stop-loss price 105 is on the wrong side of the entry price 100 for a buy: it must be below it',
			},
		});
		expect(equity.calls).toBe(0);
	});

	it('riskPercent: refuses a sell whose stop-loss is below the entry price', async () => {
		const sized = await sizeOrder(
			alertInput({ action: 'sell', price: 100, stopLossPrice: 95 }),
			settings({ sizingMode: 'riskPercent', sizingValue: 1 }),
			equitySource(10_000).read,
			'sell',
		);

		expect(sized).toEqual({
			ok: false,
			failure: {
				code: 'invalid_field',
				field: 'stopLossPrice',
				message: 'the stop-loss price 95 is on the wrong side of the entry price 100 for a sell: it must be above it',
			},
		});
	});

	it('riskPercent: judges the side from the side argument, not from the alert\'s action', async () => {
		// An "add" alert carries its side separately; the planner passes the order's side.
		const risk = settings({ sizingMode: 'riskPercent', sizingValue: 1 });

		const addShort = await sizeOrder(alertInput({ action: 'add', side: 'sell', price: 100, stopLossPrice: 104 }), risk, equitySource(10_000).read, 'sell');
		const buyWithShortStop = await sizeOrder(alertInput({ action: 'buy', price: 100, stopLossPrice: 104 }), risk, equitySource(10_000).read, 'sell');

		expect(addShort).toEqual({ ok: true, value: 25 });
		expect(buyWithShortStop).toEqual({ ok: true, value: 25 });
	});

	it('riskPercent: checks the side against the limit price of a limit order, the price it enters at', async () => {
		// The alert price 100 is above the stop 98, but the buy enters at its limit of 97, below the stop.
		const sized = await sizeOrder(
			alertInput({ orderType: 'limit', price: 100, limitPrice: 97, stopLossPrice: 98 }),
			settings({ sizingMode: 'riskPercent', sizingValue: 1 }),
			equitySource(10_000).read,
			'buy',
		);

		expect(!sized.ok && sized.failure).toEqual(expect.objectContaining({ code: 'invalid_field', field: 'stopLossPrice' }));
		expect(!sized.ok && sized.failure.message).toMatch(/wrong side of the entry price 97 for a buy/);
	});

	it('riskPercent: refuses a stop closer than 0.01 % of the price (MIN_STOP_DISTANCE_FRACTION), without reading equity', async () => {
		const equity = equitySource(10_000);
		const risk = settings({ sizingMode: 'riskPercent', sizingValue: 1 });

		// 0.01 % of 100 is 0.01: a stop 0.005 away would size 100 / 0.005 = 20000 units.
		const buy = await sizeOrder(alertInput({ price: 100, stopLossPrice: 99.995 }), risk, equity.read, 'buy');
		const sell = await sizeOrder(alertInput({ price: 100, stopLossPrice: 100.005 }), risk, equity.read, 'sell');

		expect(MIN_STOP_DISTANCE_FRACTION).toBe(0.0001);
		expect(buy).toEqual({
			ok: false,
			failure: {
				code: 'invalid_field',
				field: 'stopLossPrice',
				message: 'the stop-loss price 99.995 is too close to the entry price 100 (less than 0.01 %) to size by risk',
			},
		});
		expect(!sell.ok && sell.failure).toEqual(expect.objectContaining({ code: 'invalid_field', field: 'stopLossPrice' }));
		expect(!sell.ok && sell.failure.message).toMatch(/too close to the entry price 100/);
		expect(equity.calls).toBe(0);
	});

	it('riskPercent: accepts a stop just beyond the minimum distance', async () => {
		// 50000 × 0.01 % = 5; a stop 6 away: 10000 × 1% / 6 = 16.66… → 16 with step 1.
		const sized = await sizeOrder(
			alertInput({ price: 50_000, stopLossPrice: 49_994 }),
			settings({ sizingMode: 'riskPercent', sizingValue: 1, quantityStep: 1 }),
			equitySource(10_000).read,
			'buy',
		);

		expect(sized).toEqual({ ok: true, value: 16 });
	});

	it('riskPercent: a stop inside the minimum distance on a high price is refused too', async () => {
		// 50000 × 0.01 % = 5; a stop 4 away is too close.
		const sized = await sizeOrder(
			alertInput({ price: 50_000, stopLossPrice: 49_996 }),
			settings({ sizingMode: 'riskPercent', sizingValue: 1 }),
			equitySource(10_000).read,
			'buy',
		);

		expect(!sized.ok && sized.failure.code).toBe('invalid_field');
	});

	it.each([
		['notional', 'sizing by amount needs a price in the alert'],
		['percentOfEquity', 'sizing by percent of equity needs a price in the alert'],
		['riskPercent', 'risk-based sizing needs a price in the alert'],
	] as const)('%s: fails with price_missing when the alert has no price, without reading equity', async (sizingMode, message) => {
		const equity = equitySource(10_000);

		const sized = await sizeOrder(alertInput({ stopLossPrice: 95 }), settings({ sizingMode, sizingValue: 10 }), equity.read, 'buy');

		expect(sized).toEqual({ ok: false, failure: { code: 'price_missing', field: 'price', message } });
		expect(equity.calls).toBe(0);
	});

	it('fails with quantity_rounds_to_zero when the size is below one quantity step', async () => {
		const sized = await sizeOrder(
			alertInput({ price: 250 }),
			settings({ sizingMode: 'notional', sizingValue: 100, quantityStep: 1 }),
			equitySource(10_000).read,
			'buy',
		);

		expect(sized).toEqual({
			ok: false,
			failure: {
				code: 'quantity_rounds_to_zero',
				field: 'quantity',
				message: 'the order size 0.4 rounds down to 0 with quantity step 1',
			},
		});
	});

	it('fails with quantity_rounds_to_zero for a fixed size of 0', async () => {
		const sized = await sizeOrder(alertInput(), settings({ sizingMode: 'fixed', sizingValue: 0 }), equitySource(10_000).read, 'buy');

		expect(sized.ok).toBe(false);
		expect(!sized.ok && sized.failure.code).toBe('quantity_rounds_to_zero');
	});

	it('fails rather than orders when the account\'s equity is 0 or negative', async () => {
		const percent = settings({ sizingMode: 'percentOfEquity', sizingValue: 10 });

		const broke = await sizeOrder(alertInput({ price: 50 }), percent, equitySource(0).read, 'buy');
		const negative = await sizeOrder(alertInput({ price: 50 }), percent, equitySource(-500).read, 'buy');

		expect(!broke.ok && broke.failure.code).toBe('quantity_rounds_to_zero');
		expect(!negative.ok && negative.failure.code).toBe('quantity_rounds_to_zero');
	});
});

describe('sizeOrder: maxSizedQuantity', () => {
	const settings = (overrides: Partial<OrderSettings>) => orderSettings(overrides);

	it('is off (null) in the fixture, and leaves a large size as it is', async () => {
		expect(orderSettings().maxSizedQuantity).toBeNull();
		expect(await sizeOrder(alertInput({ quantity: 1_000_000 }), settings({}), equitySource(10_000).read, 'buy')).toEqual({ ok: true, value: 1_000_000 });
	});

	it.each([
		['alert', { quantity: 50 }, 0],
		['fixed', {}, 50],
		['notional', { price: 2 }, 100],
		['percentOfEquity', { price: 2 }, 1],
		['riskPercent', { price: 100, stopLossPrice: 99 }, 1],
	] as const)('%s: a size above the cap is lowered to it', async (sizingMode, fields, sizingValue) => {
		// Uncapped: 50 (alert), 50 (fixed), 50 (100 / 2), 50 (10000 × 1 % / 2), 100 (10000 × 1 % / 1).
		const uncapped = await sizeOrder(alertInput(fields), settings({ sizingMode, sizingValue }), equitySource(10_000).read, 'buy');
		const capped = await sizeOrder(alertInput(fields), settings({ sizingMode, sizingValue, maxSizedQuantity: 7 }), equitySource(10_000).read, 'buy');

		expect(uncapped.ok && uncapped.value).toBeGreaterThan(7);
		expect(capped).toEqual({ ok: true, value: 7 });
	});

	it('leaves a size at or below the cap as it is', async () => {
		const at = await sizeOrder(alertInput({ quantity: 7 }), settings({ maxSizedQuantity: 7 }), equitySource(10_000).read, 'buy');
		const below = await sizeOrder(alertInput({ quantity: 3.5 }), settings({ maxSizedQuantity: 7 }), equitySource(10_000).read, 'buy');

		expect(at).toEqual({ ok: true, value: 7 });
		expect(below).toEqual({ ok: true, value: 3.5 });
	});

	it('caps before the step rounding: a cap of 7.5 with step 1 orders 7', async () => {
		const sized = await sizeOrder(alertInput({ quantity: 20 }), settings({ maxSizedQuantity: 7.5, quantityStep: 1 }), equitySource(10_000).read, 'buy');

		expect(sized).toEqual({ ok: true, value: 7 });
	});

	it('a cap below one quantity step fails with quantity_rounds_to_zero, naming the capped size', async () => {
		const sized = await sizeOrder(alertInput({ quantity: 20 }), settings({ maxSizedQuantity: 0.5, quantityStep: 1 }), equitySource(10_000).read, 'buy');

		expect(sized).toEqual({
			ok: false,
			failure: { code: 'quantity_rounds_to_zero', field: 'quantity', message: 'the order size 0.5 rounds down to 0 with quantity step 1' },
		});
	});

	it('bounds a risk size that a near stop would otherwise make huge', async () => {
		// 10000 × 1 % / 0.02 = 5000 units uncapped.
		const sized = await sizeOrder(
			alertInput({ price: 100, stopLossPrice: 99.98 }),
			settings({ sizingMode: 'riskPercent', sizingValue: 1, maxSizedQuantity: 10 }),
			equitySource(10_000).read,
			'buy',
		);

		expect(sized).toEqual({ ok: true, value: 10 });
	});
});
