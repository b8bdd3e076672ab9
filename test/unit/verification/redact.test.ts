import { REDACTED, redactFields, redactText } from '../../../core/signal/redact';

const SECRET = 'Sup3r-Secret-Token-42';
const SECOND_SECRET = 'other.secret+token$';
const FIELDS = ['token', 'passphrase'];
const SECRETS = [SECRET, SECOND_SECRET];

describe('REDACTED', () => {
	it('is the literal "[redacted]"', () => {
		expect(REDACTED).toBe('[redacted]');
	});
});

describe('redactFields', () => {
	it('replaces the value of a top-level token field and leaves other fields as they are', () => {
		expect(
			redactFields({ token: 'whatever-was-sent', action: 'buy', qty: 10, live: true, note: null }, FIELDS, SECRETS),
		).toEqual({ token: '[redacted]', action: 'buy', qty: 10, live: true, note: null });
	});

	it('replaces token fields at any depth, including inside arrays', () => {
		const body = {
			auth: { token: 'a', inner: { passphrase: 'b', keep: 'c' } },
			orders: [{ passphrase: 'd', symbol: 'AAPL' }, { symbol: 'MSFT' }],
		};

		expect(redactFields(body, FIELDS, SECRETS)).toEqual({
			auth: { token: '[redacted]', inner: { passphrase: '[redacted]', keep: 'c' } },
			orders: [{ passphrase: '[redacted]', symbol: 'AAPL' }, { symbol: 'MSFT' }],
		});
	});

	it('matches field names without regard to case, both in the body and in the configured names', () => {
		expect(redactFields({ TOKEN: 'a', PassPhrase: 'b', Token: 'c' }, FIELDS, [])).toEqual({
			TOKEN: '[redacted]',
			PassPhrase: '[redacted]',
			Token: '[redacted]',
		});
		expect(redactFields({ secret_key: 'a' }, ['Secret_Key'], [])).toEqual({ secret_key: '[redacted]' });
	});

	it('replaces a token field whatever the type of its value', () => {
		expect(redactFields({ token: 12345, passphrase: { nested: 'x' } }, FIELDS, [])).toEqual({
			token: '[redacted]',
			passphrase: '[redacted]',
		});
		expect(redactFields({ token: [SECRET] }, FIELDS, SECRETS)).toEqual({ token: '[redacted]' });
	});

	it('replaces a known secret embedded in any other string value, every time it appears', () => {
		const body = { comment: `key ${SECRET} and again ${SECRET}!`, other: `x${SECOND_SECRET}y` };

		expect(redactFields(body, FIELDS, SECRETS)).toEqual({
			comment: 'key [redacted] and again [redacted]!',
			other: 'x[redacted]y',
		});
	});

	it('replaces known secrets inside arrays of strings at any depth', () => {
		expect(redactFields(['a', SECRET, [`pre-${SECRET}`, 7]], FIELDS, SECRETS)).toEqual([
			'a',
			'[redacted]',
			['pre-[redacted]', 7],
		]);
	});

	it('redacts a bare string body that is a secret or holds one', () => {
		expect(redactFields(`buy ${SECRET}`, FIELDS, SECRETS)).toBe('buy [redacted]');
	});

	it('leaves fields whose names only contain a token field name untouched', () => {
		const body = { tokenCount: 3, my_token: 'abc', passphrases: 'x' };

		expect(redactFields(body, FIELDS, SECRETS)).toEqual({ tokenCount: 3, my_token: 'abc', passphrases: 'x' });
	});

	it('ignores an empty secret instead of splitting every string', () => {
		expect(redactFields({ action: 'buy' }, FIELDS, [''])).toEqual({ action: 'buy' });
	});

	it('returns a copy and leaves the input unchanged', () => {
		const body = { token: 'abc', nested: { comment: SECRET } };

		const result = redactFields(body, FIELDS, SECRETS);

		expect(result).not.toBe(body);
		expect(body).toEqual({ token: 'abc', nested: { comment: SECRET } });
	});

	it('passes numbers, booleans and null through', () => {
		expect(redactFields(42, FIELDS, SECRETS)).toBe(42);
		expect(redactFields(false, FIELDS, SECRETS)).toBe(false);
		expect(redactFields(null, FIELDS, SECRETS)).toBeNull();
	});

	it('keeps a "__proto__" key as a plain own field without changing any prototype', () => {
		const body = JSON.parse('{"__proto__": {"token": "abc", "polluted": "yes"}, "action": "buy"}') as object;

		const result = redactFields(body, FIELDS, SECRETS) as Record<string, unknown>;

		expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
		expect(Object.keys(result)).toEqual(['__proto__', 'action']);
		expect(Object.getOwnPropertyDescriptor(result, '__proto__')?.value).toEqual({
			token: '[redacted]',
			polluted: 'yes',
		});
		expect(result.polluted).toBeUndefined();
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(JSON.stringify(result)).toBe('{"__proto__":{"token":"[redacted]","polluted":"yes"},"action":"buy"}');
	});

	it('replaces a known secret used as an object key, so the stored JSON never holds it', () => {
		const body = JSON.parse(`{"${SECRET}": true, "action": "buy"}`) as object;

		const stored = JSON.stringify(redactFields(body, FIELDS, SECRETS));

		expect(stored).not.toContain(SECRET);
		expect(stored).toBe('{"[redacted]":true,"action":"buy"}');
	});
});

describe('redactText', () => {
	it.each([
		['token=abc', 'token=[redacted]'],
		['token = abc', 'token = [redacted]'],
		['TOKEN=abc', 'TOKEN=[redacted]'],
		['passphrase=s3cr3t', 'passphrase=[redacted]'],
		['buy AAPL token=abc qty=1', 'buy AAPL token=[redacted] qty=1'],
		['action=buy&token=abc&qty=1', 'action=buy&token=[redacted]&qty=1'],
		['action=buy;token=abc;qty=1', 'action=buy;token=[redacted];qty=1'],
		['action=buy,token=abc,qty=1', 'action=buy,token=[redacted],qty=1'],
		['action=buy\ntoken=abc\nqty=1', 'action=buy\ntoken=[redacted]\nqty=1'],
		['token="abc def" qty=1', 'token=[redacted] qty=1'],
		["token='abc def' qty=1", 'token=[redacted] qty=1'],
		['token=', 'token=[redacted]'],
		['token=a passphrase=b token=c', 'token=[redacted] passphrase=[redacted] token=[redacted]'],
	])('replaces the value in the form %p', (text, expected) => {
		expect(redactText(text, FIELDS, [])).toBe(expected);
	});

	it.each([
		['{"token": "abc", "action": "buy"', '{"token": "[redacted]", "action": "buy"'],
		['{"token":"abc","action":"buy",}', '{"token":"[redacted]","action":"buy",}'],
		['{"Token" : "abc"} trailing', '{"Token" : "[redacted]"} trailing'],
		['{"token": "a\\"b,c", "x": 1,', '{"token": "[redacted]", "x": 1,'],
		['{"token": 12345, "x"', '{"token": "[redacted]", "x"'],
		['{"passphrase": "abc"', '{"passphrase": "[redacted]"'],
		['{"token": "abc', '{"token": "[redacted]"'],
		['[{"token": "a"}, {"token": "b"}', '[{"token": "[redacted]"}, {"token": "[redacted]"}'],
	])('replaces a JSON member in JSON that does not parse: %p', (text, expected) => {
		expect(redactText(text, FIELDS, [])).toBe(expected);
	});

	it('replaces a known secret anywhere in the text, every time it appears', () => {
		const text = `buy AAPL key${SECRET}x and ${SECRET} and ${SECOND_SECRET}.`;

		expect(redactText(text, FIELDS, SECRETS)).toBe('buy AAPL key[redacted]x and [redacted] and [redacted].');
	});

	it('replaces a known secret that sits under a field name that is not a token field', () => {
		expect(redactText(`{"comment": "${SECRET}"`, FIELDS, SECRETS)).toBe('{"comment": "[redacted]"');
	});

	it('replaces a known secret and its token field together without doubling the marker', () => {
		expect(redactText(`{"token": "${SECRET}", "a": 1`, FIELDS, SECRETS)).toBe('{"token": "[redacted]", "a": 1');
		expect(redactText(`token=${SECRET} a=1`, FIELDS, SECRETS)).toBe('token=[redacted] a=1');
	});

	it.each([
		'action=buy qty=1 symbol=AAPL',
		'mytoken=abc',
		'x_token=abc',
		'{"tokenCount": 3, "my_token": "abc"}',
		'buy AAPL at 150 with token bucket',
		'',
	])('leaves text without a token value untouched: %p', (text) => {
		expect(redactText(text, FIELDS, SECRETS)).toBe(text);
	});

	it('treats a configured field name literally, not as a regular expression', () => {
		expect(redactText('authXkey=abc auth.key=def', ['auth.key'], [])).toBe('authXkey=abc auth.key=[redacted]');
		expect(redactText('{"a+b": "x", "aab": "y"', ['a+b'], [])).toBe('{"a+b": "[redacted]", "aab": "y"');
	});

	it('ignores an empty secret', () => {
		expect(redactText('action=buy', FIELDS, [''])).toBe('action=buy');
	});
});
