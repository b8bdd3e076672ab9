import {
	ALTERNATIVE_TOKEN_FIELD,
	isAuthorised,
	type PresentedToken,
	TOKEN_HEADER,
	TOKEN_QUERY_PARAMETER,
	tokenMatches,
} from '../../../core/signal/token-check';

const PRIMARY = 'primary-token-0123456789';
const SECONDARY = 'secondary-token-abcdefgh';
const ACCEPTED = [PRIMARY, SECONDARY];

const header = (value: unknown): PresentedToken => ({ source: 'header', value });
const query = (value: unknown): PresentedToken => ({ source: 'query', value });
const body = (value: unknown): PresentedToken => ({ source: 'body', value });

describe('token names', () => {
	it('reads the token from the x-webhook-token header, the token query parameter and a passphrase field', () => {
		expect(TOKEN_HEADER).toBe('x-webhook-token');
		expect(TOKEN_QUERY_PARAMETER).toBe('token');
		expect(ALTERNATIVE_TOKEN_FIELD).toBe('passphrase');
	});
});

describe('tokenMatches', () => {
	it('matches an identical token', () => {
		expect(tokenMatches(PRIMARY, PRIMARY)).toBe(true);
	});

	it('refuses a token that differs in one character, in case, or by surrounding space', () => {
		expect(tokenMatches('primary-token-0123456788', PRIMARY)).toBe(false);
		expect(tokenMatches(PRIMARY.toUpperCase(), PRIMARY)).toBe(false);
		expect(tokenMatches(` ${PRIMARY}`, PRIMARY)).toBe(false);
		expect(tokenMatches(`${PRIMARY}\n`, PRIMARY)).toBe(false);
	});

	it('refuses tokens of other lengths, including a prefix and the empty string, without throwing', () => {
		expect(tokenMatches(PRIMARY.slice(0, 12), PRIMARY)).toBe(false);
		expect(tokenMatches(`${PRIMARY}x`, PRIMARY)).toBe(false);
		expect(tokenMatches('', PRIMARY)).toBe(false);
	});
});

describe('isAuthorised', () => {
	it('accepts the primary token from any source', () => {
		expect(isAuthorised([header(PRIMARY)], ACCEPTED)).toBe(true);
		expect(isAuthorised([query(PRIMARY)], ACCEPTED)).toBe(true);
		expect(isAuthorised([body(PRIMARY)], ACCEPTED)).toBe(true);
	});

	it('accepts the secondary token', () => {
		expect(isAuthorised([body(SECONDARY)], ACCEPTED)).toBe(true);
	});

	it('accepts several presented tokens when every one of them is accepted', () => {
		expect(isAuthorised([header(PRIMARY), body(SECONDARY), query(PRIMARY)], ACCEPTED)).toBe(true);
	});

	it('refuses a wrong token', () => {
		expect(isAuthorised([header('wrong-token-0123456789')], ACCEPTED)).toBe(false);
	});

	it('refuses a request without any token', () => {
		expect(isAuthorised([], ACCEPTED)).toBe(false);
	});

	it('refuses an empty-string token', () => {
		expect(isAuthorised([body('')], ACCEPTED)).toBe(false);
	});

	it.each([
		['a number', 123456789012345],
		['an array holding the token', [PRIMARY]],
		['an object holding the token', { token: PRIMARY }],
		['null', null],
		['undefined', undefined],
		['a boolean', true],
	])('refuses a token that is %s rather than text', (_, value) => {
		expect(isAuthorised([body(value)], ACCEPTED)).toBe(false);
	});

	it('refuses a numeric token even when its digits equal an accepted token', () => {
		expect(isAuthorised([body(123456789012)], ['123456789012'])).toBe(false);
		expect(isAuthorised([body('123456789012')], ['123456789012'])).toBe(true);
	});

	it('refuses a mix of a right and a wrong token, in either order and from any sources', () => {
		expect(isAuthorised([header(PRIMARY), body('wrong-token-0123456789')], ACCEPTED)).toBe(false);
		expect(isAuthorised([query('wrong-token-0123456789'), header(PRIMARY)], ACCEPTED)).toBe(false);
		expect(isAuthorised([body(PRIMARY), body(42)], ACCEPTED)).toBe(false);
	});

	it('refuses everything when no token is accepted', () => {
		expect(isAuthorised([header(PRIMARY)], [])).toBe(false);
		expect(isAuthorised([header('')], [])).toBe(false);
	});
});
