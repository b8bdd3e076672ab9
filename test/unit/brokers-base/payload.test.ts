import { PayloadError, required } from '../../../core/brokers/base/payload';

describe('required', () => {
	it('passes a found value on, falsy ones included', () => {
		expect(required({ id: 'o-1' }, 'no order')).toEqual({ id: 'o-1' });
		expect(required(0, 'no count')).toBe(0);
		expect(required('', 'no text')).toBe('');
	});

	it.each([null, undefined])('turns %p into a PayloadError naming what was missing', (value) => {
		expect(() => required(value, 'no orderCreateTransaction')).toThrow(new PayloadError('no orderCreateTransaction'));
	});
});
