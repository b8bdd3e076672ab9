import { decodeBody } from '../../../core/intake/body-text';
import { RedactedBody } from '../../../core/intake/redacted-body';
import { parseAlertBody } from '../../../core/signal/parse-body';
import { PRIMARY } from './intake-fixture';

const secrets = { tokenFields: ['token', 'passphrase'], tokens: [PRIMARY] };

function parsedOf(text: string) {
	const parsed = parseAlertBody(text);
	if (!parsed.ok) throw new Error('test body does not parse');
	return parsed.value;
}

describe('RedactedBody', () => {
	it('stores a JSON body as its fields with the token replaced, the same object the fields are normalised from', () => {
		const text = JSON.stringify({ token: PRIMARY, symbol: 'AAPL', note: `pasted ${PRIMARY}` });
		const body = new RedactedBody(text, secrets);
		const parsed = parsedOf(text);

		const stored = body.stored(parsed);
		expect(stored).toEqual({ token: '[redacted]', symbol: 'AAPL', note: 'pasted [redacted]' });
		expect(body.fields(parsed)).toBe(stored);
	});

	it('stores any other body as its text with the token replaced, made once', () => {
		const text = `token=${PRIMARY} symbol=AAPL action=buy`;
		const body = new RedactedBody(text, secrets);

		const stored = body.stored(parsedOf(text));
		expect(stored).toBe('token=[redacted] symbol=AAPL action=buy');
		expect(body.text()).toBe(stored);
	});

	it('redacts the fields of another parse of the body anew', () => {
		const body = new RedactedBody('', secrets);

		expect(body.fields(parsedOf('{"symbol":"AAPL"}'))).toEqual({ symbol: 'AAPL' });
		expect(body.fields(parsedOf('{"symbol":"MSFT"}'))).toEqual({ symbol: 'MSFT' });
	});
});

describe('decodeBody', () => {
	it('reads bytes as UTF-8, passes text through and takes no body as an empty one', () => {
		expect(decodeBody(Buffer.from('{"symbol":"Ä"}', 'utf8'))).toBe('{"symbol":"Ä"}');
		expect(decodeBody('symbol=AAPL')).toBe('symbol=AAPL');
		expect(decodeBody(undefined)).toBe('');
	});
});
