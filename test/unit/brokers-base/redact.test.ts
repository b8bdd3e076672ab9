import { clipped, MESSAGE_LIMIT, redactorFor } from '../../../core/brokers/base/redact';

describe('redactorFor', () => {
	it('replaces every secret, the longer one whole, and keeps short values', () => {
		const redact = redactorFor(['KEY123', 'KEY123SECRET', 'ab', undefined, null]);
		expect(redact('key KEY123SECRET and KEY123, tab')).toBe('key [redacted] and [redacted], tab');
	});

	it('drops the query string of URLs, where signed requests carry their signature', () => {
		const redact = redactorFor([]);
		expect(redact('GET https://api.example.com/v5/order?symbol=BTC&sign=abc failed')).toBe('GET https://api.example.com/v5/order failed');
	});
});

describe('clipped', () => {
	it('cuts a long message to the limit and trims', () => {
		expect(clipped('  short  ')).toBe('short');
		const long = clipped('x'.repeat(1000));
		expect(long).toHaveLength(MESSAGE_LIMIT);
		expect(long.endsWith('…')).toBe(true);
	});
});
