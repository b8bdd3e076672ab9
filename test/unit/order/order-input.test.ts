import { alertOrderInputSchema, orderSettingsSchema } from '../../../core/order/order-input';

const ALL_NULL = {
	alertId: null,
	action: null,
	side: null,
	sentiment: null,
	symbol: null,
	quantity: null,
	quantityType: null,
	orderType: null,
	price: null,
	limitPrice: null,
	stopPrice: null,
	timeInForce: null,
	takeProfitPrice: null,
	takeProfitPercent: null,
	takeProfitAmount: null,
	stopLossPrice: null,
	stopLossPercent: null,
	stopLossAmount: null,
	stopLossType: null,
	targetPosition: null,
	prevTargetPosition: null,
};

/** The issues of a failed parse as path → message. */
function issuesOf(raw: Record<string, unknown>): Record<string, string> {
	const parsed = alertOrderInputSchema.safeParse(raw);
	if (parsed.success) throw new Error(`expected issues, parsed ${JSON.stringify(parsed.data)}`);
	return Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
}

describe('alertOrderInputSchema', () => {
	it('reads numbers from numbers and numeric strings, trimming spaces', () => {
		const parsed = alertOrderInputSchema.parse({
			quantity: '2.5',
			price: ' 101.25 ',
			limitPrice: 100,
			stopPrice: '1e2',
			takeProfitPrice: '110',
			stopLossPrice: 95.5,
			targetPosition: '-3',
			prevTargetPosition: 0,
		});

		expect(parsed).toEqual({
			...ALL_NULL,
			quantity: 2.5,
			price: 101.25,
			limitPrice: 100,
			stopPrice: 100,
			takeProfitPrice: 110,
			stopLossPrice: 95.5,
			targetPosition: -3,
			prevTargetPosition: 0,
		});
	});

	it('turns \'\', blank strings, null and missing fields into null', () => {
		expect(alertOrderInputSchema.parse({})).toEqual(ALL_NULL);
		expect(alertOrderInputSchema.parse(ALL_NULL)).toEqual(ALL_NULL);
		const blanks = Object.fromEntries(Object.keys(ALL_NULL).map((key) => [key, '']));
		expect(alertOrderInputSchema.parse(blanks)).toEqual(ALL_NULL);
		const spaces = Object.fromEntries(Object.keys(ALL_NULL).map((key) => [key, '  ']));
		expect(alertOrderInputSchema.parse(spaces)).toEqual(ALL_NULL);
	});

	it('reads words case-insensitively and trims them', () => {
		const parsed = alertOrderInputSchema.parse({
			action: 'BUY',
			side: ' Sell ',
			sentiment: 'Flat',
			orderType: 'STOP_LIMIT',
			timeInForce: 'Gtc',
		});

		expect(parsed).toMatchObject({ action: 'buy', side: 'sell', sentiment: 'flat', orderType: 'stop_limit', timeInForce: 'gtc' });
	});

	it('trims the alert id and symbol and reads a numeric alert id as text', () => {
		expect(alertOrderInputSchema.parse({ alertId: 12345, symbol: ' AAPL ' })).toMatchObject({ alertId: '12345', symbol: 'AAPL' });
		expect(alertOrderInputSchema.parse({ alertId: ' sig-1 ' }).alertId).toBe('sig-1');
	});

	it('keeps a symbol\'s case', () => {
		expect(alertOrderInputSchema.parse({ symbol: 'btcUSDT' }).symbol).toBe('btcUSDT');
	});

	it('reports a quantity that is not a number', () => {
		expect(Object.keys(issuesOf({ quantity: 'abc' }))).toEqual(['quantity']);
	});

	it('reports a negative or zero price or quantity as "must be greater than 0"', () => {
		expect(issuesOf({ price: -1 })).toEqual({ price: 'must be greater than 0' });
		expect(issuesOf({ price: '-101.5' })).toEqual({ price: 'must be greater than 0' });
		expect(issuesOf({ quantity: 0 })).toEqual({ quantity: 'must be greater than 0' });
		expect(issuesOf({ stopLossPrice: -5 })).toEqual({ stopLossPrice: 'must be greater than 0' });
		expect(issuesOf({ stopLossPercent: 0, takeProfitAmount: 'x' })).toEqual({ stopLossPercent: 'must be greater than 0', takeProfitAmount: 'must be a number' });
		expect(Object.keys(issuesOf({ stopLossType: 'trailing' }))).toEqual(['stopLossType']);
		expect(alertOrderInputSchema.parse({ stopLossType: ' Trailing_Stop ' }).stopLossType).toBe('trailing_stop');
	});

	it('reports an infinite number', () => {
		expect(Object.keys(issuesOf({ quantity: 'Infinity' }))).toEqual(['quantity']);
		expect(Object.keys(issuesOf({ targetPosition: Number.NEGATIVE_INFINITY }))).toEqual(['targetPosition']);
	});

	it('allows a negative target position (a short)', () => {
		expect(alertOrderInputSchema.parse({ targetPosition: -2, prevTargetPosition: '-1.5' })).toMatchObject({
			targetPosition: -2,
			prevTargetPosition: -1.5,
		});
	});

	it('reports words it does not know', () => {
		expect(Object.keys(issuesOf({ action: 'hold', side: 'long', orderType: 'trailing', timeInForce: 'forever' })).sort()).toEqual([
			'action',
			'orderType',
			'side',
			'timeInForce',
		]);
	});

	it('reports every bad field at once', () => {
		expect(Object.keys(issuesOf({ quantity: 'abc', price: -1, limitPrice: 'x' })).sort()).toEqual(['limitPrice', 'price', 'quantity']);
	});
});

describe('orderSettingsSchema', () => {
	const valid = {
		sizingMode: 'notional',
		sizingValue: 1000,
		quantityStep: 0.001,
		targetPositionMode: false,
		reverse: true,
		defaultTimeInForce: 'day',
	};

	it('accepts valid settings as they are, with no sized-quantity cap by default', () => {
		expect(orderSettingsSchema.parse(valid)).toEqual({ ...valid, maxSizedQuantity: null });
	});

	it('keeps a positive maxSizedQuantity, and null as no cap', () => {
		expect(orderSettingsSchema.parse({ ...valid, maxSizedQuantity: 2.5 }).maxSizedQuantity).toBe(2.5);
		expect(orderSettingsSchema.parse({ ...valid, maxSizedQuantity: null }).maxSizedQuantity).toBeNull();
	});

	it('rejects a maxSizedQuantity of 0, a negative, NaN, Infinity or text', () => {
		for (const maxSizedQuantity of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, '5']) {
			const parsed = orderSettingsSchema.safeParse({ ...valid, maxSizedQuantity });
			expect(parsed.success).toBe(false);
			expect(!parsed.success && parsed.error.issues.map((issue) => issue.path.join('.'))).toEqual(['maxSizedQuantity']);
		}
	});

	it('rejects an unknown sizing mode, a negative value or step, and an unknown time in force', () => {
		expect(orderSettingsSchema.safeParse({ ...valid, sizingMode: 'kelly' }).success).toBe(false);
		expect(orderSettingsSchema.safeParse({ ...valid, sizingValue: -1 }).success).toBe(false);
		expect(orderSettingsSchema.safeParse({ ...valid, quantityStep: -0.01 }).success).toBe(false);
		expect(orderSettingsSchema.safeParse({ ...valid, sizingValue: Number.NaN }).success).toBe(false);
		expect(orderSettingsSchema.safeParse({ ...valid, defaultTimeInForce: 'week' }).success).toBe(false);
	});
});
