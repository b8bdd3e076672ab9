import { z } from 'zod';

import { PayloadError, parsedBy, required } from '../../../core/brokers/base/payload';

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

describe('parsedBy', () => {
	const parse = parsedBy(z.object({ trades: z.array(z.object({ id: z.string() })) }), 'no readable trades list');

	it('answers what the schema read', () => {
		expect(parse({ trades: [{ id: '6373', extra: 1 }] })).toEqual({ trades: [{ id: '6373' }] });
	});

	it.each([{}, '<html></html>', { trades: [{ id: 6373 }] }])('turns %p into a PayloadError with the problem', (body) => {
		expect(() => parse(body)).toThrow(new PayloadError('no readable trades list'));
	});
});
