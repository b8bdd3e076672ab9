import { decimalText, positiveDecimalText } from '../../../core/brokers/base/decimal-text';

describe('decimalText', () => {
	it.each([
		[1e-7, '0.0000001'],
		[1e21, '1000000000000000000000'],
		[0.1 + 0.2, '0.3'],
		[0.7 * 3, '2.1'],
		[-100, '-100'],
		[1.08452, '1.08452'],
		[-0, '0'],
		[123456789.123, '123456789.123'],
	])('%p → %p', (value, text) => {
		expect(decimalText(value)).toBe(text);
	});

	it('rounds to the nearest at maxDecimals and drops trailing zeros', () => {
		expect(decimalText(1.23456789012, { maxDecimals: 9 })).toBe('1.23456789');
		expect(decimalText(2.5000000004, { maxDecimals: 9 })).toBe('2.5');
		expect(decimalText(0.0000000004, { maxDecimals: 9 })).toBe('0');
	});

	it('refuses what is not a finite number', () => {
		expect(() => decimalText(Number.NaN)).toThrow(RangeError);
		expect(() => decimalText(Number.POSITIVE_INFINITY)).toThrow('not a finite number: Infinity');
	});
});

describe('positiveDecimalText', () => {
	it('writes a positive amount and is null for zero, negatives and amounts that round to zero', () => {
		expect(positiveDecimalText(0.5)).toBe('0.5');
		expect(positiveDecimalText(0)).toBeNull();
		expect(positiveDecimalText(-1)).toBeNull();
		expect(positiveDecimalText(4e-10, { maxDecimals: 9 })).toBeNull();
		expect(positiveDecimalText(Number.NaN)).toBeNull();
	});
});
