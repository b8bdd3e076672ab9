import { checkQuantity } from '../../../core/risk/quantity-rules';
import { alertInput, noRules } from './risk-fixtures';

describe('max quantity', () => {
	it('rejects above the limit and passes at it', () => {
		const settings = noRules({ maxQuantity: { limit: 10, mode: 'reject' } });
		expect(checkQuantity(alertInput({ quantity: 10 }), settings)).toMatchObject({ quantity: 10, reasons: [] });
		const over = checkQuantity(alertInput({ quantity: 10.5 }), settings);
		expect(over.reasons).toEqual([{ code: 'max_quantity', message: 'quantity 10.5 is above the limit of 10 per order' }]);
	});

	it('clamps down to the limit, rounded to the step, and says so', () => {
		const settings = noRules({ maxQuantity: { limit: 7.5, mode: 'clamp' }, quantityStep: 2 });
		expect(checkQuantity(alertInput({ quantity: 12 }), settings)).toMatchObject({ quantity: 6, clampedBy: ['max_quantity'], reasons: [] });
	});

	it('clamped to zero is a rejection', () => {
		const settings = noRules({ maxQuantity: { limit: 0.5, mode: 'clamp' }, quantityStep: 1 });
		const outcome = checkQuantity(alertInput({ quantity: 3 }), settings);
		expect(outcome.quantity).toBe(0);
		expect(outcome.reasons.map((reason) => reason.code)).toEqual(['clamped_to_zero']);
	});

	it('an alert without a quantity cannot be checked, so it is refused', () => {
		const outcome = checkQuantity(alertInput({ quantity: null }), noRules({ maxQuantity: { limit: 1, mode: 'clamp' } }));
		expect(outcome.reasons.map((reason) => reason.code)).toEqual(['quantity_unknown']);
	});
});

describe('max notional', () => {
	it('values the order at the limit price first, then the price, then the fallback', () => {
		const settings = noRules({ maxNotional: { limit: 1000, mode: 'reject', fallbackPrice: 50 } });
		expect(checkQuantity(alertInput({ quantity: 10, price: 101, limitPrice: 99 }), settings).reasons).toEqual([]);
		expect(checkQuantity(alertInput({ quantity: 10, price: 101 }), settings).reasons[0]).toEqual({
			code: 'max_notional',
			message: 'notional 1010 (10 × 101) is above the limit of 1000 per order',
		});
		expect(checkQuantity(alertInput({ quantity: 20, price: null }), settings).reasons).toEqual([]);
		expect(checkQuantity(alertInput({ quantity: 21, price: null }), settings).reasons[0].code).toBe('max_notional');
	});

	it('clamps to the most the notional allows, on the step', () => {
		const settings = noRules({ maxNotional: { limit: 1000, mode: 'clamp', fallbackPrice: null }, quantityStep: 0.001 });
		expect(checkQuantity(alertInput({ quantity: 1, price: 30_000 }), settings)).toMatchObject({ quantity: 0.033, clampedBy: ['max_notional'] });
	});

	it('both clamps apply, the tighter one wins', () => {
		const settings = noRules({ maxQuantity: { limit: 5, mode: 'clamp' }, maxNotional: { limit: 300, mode: 'clamp', fallbackPrice: null } });
		expect(checkQuantity(alertInput({ quantity: 8, price: 100 }), settings)).toMatchObject({ quantity: 3, clampedBy: ['max_quantity', 'max_notional'] });
	});

	it('no price anywhere is refused', () => {
		const outcome = checkQuantity(alertInput({ price: null }), noRules({ maxNotional: { limit: 1, mode: 'reject', fallbackPrice: null } }));
		expect(outcome.reasons.map((reason) => reason.code)).toEqual(['price_unknown']);
	});
});
