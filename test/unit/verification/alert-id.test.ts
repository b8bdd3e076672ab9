import { createHash } from 'node:crypto';

import { deriveAlertId } from '../../../core/signal/alert-id';

function expectedHashId(text: string): string {
	return `h-${createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 32)}`;
}

describe('deriveAlertId', () => {
	it("returns the sender's own alert id unchanged when there is one", () => {
		expect(deriveAlertId('order-42', { action: 'buy' })).toBe('order-42');
		expect(deriveAlertId('  spaced id ', 'text body')).toBe('  spaced id ');
	});

	it('hashes the body when the sender id is null or empty', () => {
		const body = { action: 'buy', symbol: 'AAPL' };
		const hashed = deriveAlertId(null, body);

		expect(deriveAlertId('', body)).toBe(hashed);
		expect(hashed).toMatch(/^h-[0-9a-f]{32}$/);
	});

	it('hashes a JSON body as sorted-key JSON: h- and the first 32 hex digits of its SHA-256', () => {
		const body = { symbol: 'AAPL', action: 'buy', qty: 1.5, nested: { z: [3, { y: true, x: null }], a: 'b' } };

		expect(deriveAlertId(null, body)).toBe(
			expectedHashId('{"action":"buy","nested":{"a":"b","z":[3,{"x":null,"y":true}]},"qty":1.5,"symbol":"AAPL"}'),
		);
	});

	it('gives equal bodies with a different key order, at any depth, the same id', () => {
		const first = { action: 'buy', symbol: 'AAPL', meta: { a: 1, b: 2 } };
		const second = { meta: { b: 2, a: 1 }, symbol: 'AAPL', action: 'buy' };

		expect(deriveAlertId(null, second)).toBe(deriveAlertId(null, first));
	});

	it('gives different bodies different ids', () => {
		const ids = new Set([
			deriveAlertId(null, { action: 'buy', symbol: 'AAPL' }),
			deriveAlertId(null, { action: 'sell', symbol: 'AAPL' }),
			deriveAlertId(null, { action: 'buy', symbol: 'AAPL', qty: 1 }),
			deriveAlertId(null, { action: 'buy', symbol: 'AAPL', qty: '1' }),
			deriveAlertId(null, { list: [1, 2] }),
			deriveAlertId(null, { list: [2, 1] }),
			deriveAlertId(null, 'buy AAPL'),
		]);

		expect(ids.size).toBe(7);
	});

	it('hashes a text body after trimming surrounding white space', () => {
		expect(deriveAlertId(null, '  buy AAPL 10\n')).toBe(expectedHashId('buy AAPL 10'));
		expect(deriveAlertId(null, 'buy AAPL 10')).toBe(expectedHashId('buy AAPL 10'));
		expect(deriveAlertId(null, 'buy AAPL 11')).not.toBe(expectedHashId('buy AAPL 10'));
	});

	it('is stable: the same input always gives the same id', () => {
		expect(deriveAlertId(null, { a: 1 })).toBe(deriveAlertId(null, { a: 1 }));
		expect(deriveAlertId(null, { a: 1 })).toBe(expectedHashId('{"a":1}'));
	});
});
