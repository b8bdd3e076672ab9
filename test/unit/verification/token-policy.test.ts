import { checkTokenPolicy, MIN_TOKEN_LENGTH } from '../../../core/signal/token-policy';

const GOOD = 'abcdefghijkl'; // exactly 12 characters

describe('checkTokenPolicy', () => {
	it('requires at least 12 characters', () => {
		expect(MIN_TOKEN_LENGTH).toBe(12);
		expect(GOOD).toHaveLength(12);
	});

	it('accepts a 12-character token without a secondary token', () => {
		expect(checkTokenPolicy(GOOD, undefined)).toEqual([]);
		expect(checkTokenPolicy(GOOD, null)).toEqual([]);
		expect(checkTokenPolicy(GOOD, '')).toEqual([]);
	});

	it('accepts a long token with a long secondary token', () => {
		expect(checkTokenPolicy('a'.repeat(64), 'b'.repeat(12))).toEqual([]);
	});

	it.each([undefined, null, ''])('reports a missing token (%p) as required', (token) => {
		expect(checkTokenPolicy(token, undefined)).toEqual([{ field: 'token', message: 'is required' }]);
	});

	it('reports an 11-character token as too short', () => {
		expect(checkTokenPolicy('abcdefghijk', undefined)).toEqual([
			{ field: 'token', message: 'must have at least 12 characters' },
		]);
	});

	it.each([[123456789012345], [['abcdefghijkl']], [{ token: 'abcdefghijkl' }], [true]])(
		'reports a token that is not text (%p)',
		(token) => {
			expect(checkTokenPolicy(token, undefined)).toEqual([{ field: 'token', message: 'must be text' }]);
		},
	);

	it('reports a short secondary token by its own field', () => {
		expect(checkTokenPolicy(GOOD, 'short')).toEqual([
			{ field: 'secondaryToken', message: 'must have at least 12 characters' },
		]);
	});

	it('reports a secondary token that is not text', () => {
		expect(checkTokenPolicy(GOOD, 42)).toEqual([{ field: 'secondaryToken', message: 'must be text' }]);
	});

	it('reports both fields, token first, when both are wrong', () => {
		expect(checkTokenPolicy('', 'short')).toEqual([
			{ field: 'token', message: 'is required' },
			{ field: 'secondaryToken', message: 'must have at least 12 characters' },
		]);
	});
});
