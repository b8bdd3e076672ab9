import { checkQuantity as checkQuantityOf, notionalPrice } from '../../../core/risk/quantity-rules';
import type { RiskSettings } from '../../../core/risk/risk-settings';
import { noRules } from './risk-fixtures';

/** The opening leg of an alert with these fields, valued as Risk Check values it. */
function checkQuantity(order: { quantity?: number; price?: number | null; limitPrice?: number }, settings: RiskSettings) {
	const price = notionalPrice({ limitPrice: order.limitPrice ?? null, price: order.price === undefined ? 100 : order.price }, settings.maxNotional?.fallbackPrice ?? null);
	return checkQuantityOf(order.quantity ?? 10, price, settings);
}

describe('max quantity', () => {
	it('rejects above the limit and passes at it', () => {
		const settings = noRules({ maxQuantity: { limit: 10, mode: 'reject' } });
		expect(checkQuantity(({ quantity: 10 }), settings)).toMatchObject({ quantity: 10, reasons: [] });
		const over = checkQuantity(({ quantity: 10.5 }), settings);
		expect(over.reasons).toEqual([{ code: 'max_quantity', message: 'quantity 10.5 is above the limit of 10 per order' }]);
	});

	it('clamps down to the limit, rounded to the step, and says so', () => {
		const settings = noRules({ maxQuantity: { limit: 7.5, mode: 'clamp' }, quantityStep: 2 });
		expect(checkQuantity(({ quantity: 12 }), settings)).toMatchObject({ quantity: 6, clampedBy: ['max_quantity'], reasons: [] });
	});

	it('clamped to zero is a rejection', () => {
		const settings = noRules({ maxQuantity: { limit: 0.5, mode: 'clamp' }, quantityStep: 1 });
		const outcome = checkQuantity(({ quantity: 3 }), settings);
		expect(outcome.quantity).toBe(0);
		expect(outcome.reasons.map((reason) => reason.code)).toEqual(['clamped_to_zero']);
	});

});

describe('max notional', () => {
	it('values the order at the limit price first, then the price, then the fallback', () => {
		const settings = noRules({ maxNotional: { limit: 1000, mode: 'reject', fallbackPrice: 50 } });
		expect(checkQuantity(({ quantity: 10, price: 101, limitPrice: 99 }), settings).reasons).toEqual([]);
		expect(checkQuantity(({ quantity: 10, price: 101 }), settings).reasons[0]).toEqual({
			code: 'max_notional',
			message: 'notional 1010 (10 × 101) is above the limit of 1000 per order',
		});
		expect(checkQuantity(({ quantity: 20, price: null }), settings).reasons).toEqual([]);
		expect(checkQuantity(({ quantity: 21, price: null }), settings).reasons[0].code).toBe('max_notional');
	});

	it('clamps to the most the notional allows, on the step', () => {
		const settings = noRules({ maxNotional: { limit: 1000, mode: 'clamp', fallbackPrice: null }, quantityStep: 0.001 });
		expect(checkQuantity(({ quantity: 1, price: 30_000 }), settings)).toMatchObject({ quantity: 0.033, clampedBy: ['max_notional'] });
	});

	it('both clamps apply, the tighter one wins', () => {
		const settings = noRules({ maxQuantity: { limit: 5, mode: 'clamp' }, maxNotional: { limit: 300, mode: 'clamp', fallbackPrice: null } });
		expect(checkQuantity(({ quantity: 8, price: 100 }), settings)).toMatchObject({ quantity: 3, clampedBy: ['max_quantity', 'max_notional'] });
	});

	it('no price anywhere is refused', () => {
		const outcome = checkQuantity(({ price: null }), noRules({ maxNotional: { limit: 1, mode: 'reject', fallbackPrice: null } }));
		expect(outcome.reasons.map((reason) => reason.code)).toEqual(['price_unknown']);
	});
});
