import { receiveAlert } from '../../../core/intake/receive-alert';
import type { SqliteSignalLedger } from '../../../core/ledger/sqlite/sqlite-signal-ledger';
import { acceptedAlert, configWith, json, openTempLedger, PRIMARY, rejectionOf, request, type TempLedger, WRONG } from './intake-fixture';

const PLACEHOLDER_HINT = 'the alert was not created from a strategy/indicator that fills it';

describe('receiveAlert: unquoted placeholders in JSON', () => {
	let temp: TempLedger;
	let ledger: SqliteSignalLedger;

	beforeEach(() => {
		temp = openTempLedger();
		ledger = temp.ledger;
	});

	afterEach(async () => {
		await temp.dispose();
	});

	it('answers 400 naming the field and the placeholder, not 401, when the token is in the body', async () => {
		const text = `{"token":"${PRIMARY}","action":"buy","symbol":"AAPL","price":{{close}}}`;

		const result = await receiveAlert(request(text), configWith(), ledger);

		const details = [{ field: 'price', message: `un-rendered TradingView placeholder "{{close}}": ${PLACEHOLDER_HINT}` }];
		expect(result.answer).toEqual({ status: 400, body: { error: 'invalid_alert', details } });
		expect(rejectionOf(result).body).toBe('{"token":"[redacted]","action":"buy","symbol":"AAPL","price":{{close}}}');
		expect(JSON.stringify(result)).not.toContain(PRIMARY);
		expect(await ledger.listSignals()).toMatchObject([
			{
				httpStatus: 400,
				reason: 'invalid_alert',
				body: '{"token":"[redacted]","action":"buy","symbol":"AAPL","price":{{close}}}',
				details,
			},
		]);
	});

	it('names every placeholder, nested ones by their path', async () => {
		const text = `{"token":"${PRIMARY}","action":"buy","symbol":{{ticker}},"strategy":{"order":{"contracts":{{strategy.order.contracts}}}}}`;

		const result = await receiveAlert(request(text), configWith(), ledger);

		expect(result.answer).toEqual({
			status: 400,
			body: {
				error: 'invalid_alert',
				details: [
					{ field: 'symbol', message: `un-rendered TradingView placeholder "{{ticker}}": ${PLACEHOLDER_HINT}` },
					{
						field: 'strategy.order.contracts',
						message: `un-rendered TradingView placeholder "{{strategy.order.contracts}}": ${PLACEHOLDER_HINT}`,
					},
				],
			},
		});
	});

	it('still answers 401 when the token in such a body is wrong', async () => {
		const result = await receiveAlert(request(`{"token":"${WRONG}","price":{{close}}}`), configWith(), ledger);

		expect(result.answer).toEqual({ status: 401, body: { error: 'unauthorized' } });
		expect(JSON.stringify(result)).not.toContain(WRONG);
	});
});

describe('receiveAlert: symbols with characters beyond ASCII', () => {
	let temp: TempLedger;
	let ledger: SqliteSignalLedger;

	beforeEach(() => {
		temp = openTempLedger();
		ledger = temp.ledger;
	});

	afterEach(async () => {
		await temp.dispose();
	});

	const send = async (fields: Record<string, unknown>, allowNonAsciiSymbols?: boolean) =>
		await receiveAlert(
			request(json({ token: PRIMARY, action: 'buy', ...fields })),
			configWith(allowNonAsciiSymbols === undefined ? {} : { allowNonAsciiSymbols }),
			ledger,
		);
	const invalid = (field: string, message: string) => ({
		status: 400,
		body: { error: 'invalid_alert', details: [{ field, message }] },
	});
	const lookAlike = (field: string, text: string, codePoint: string) =>
		invalid(
			field,
			`${field} "${text}" contains ${codePoint}, which is not ASCII: a look-alike letter could name another instrument ("Allow Non-ASCII Symbols" accepts it)`,
		);

	it('refuses a Cyrillic look-alike letter by default, naming the symbol field', async () => {
		expect((await send({ symbol: '\u0410APL' })).answer).toEqual(lookAlike('symbol', '\u0410APL', 'U+0410'));
	});

	it('refuses fullwidth letters, in ticker and exchange too', async () => {
		expect((await send({ ticker: '\uFF21\uFF21\uFF30\uFF2C' })).answer).toEqual(
			lookAlike('ticker', '\uFF21\uFF21\uFF30\uFF2C', 'U+FF21'),
		);
		expect((await send({ symbol: 'AAPL', exchange: 'NASD\u0410Q' })).answer).toEqual(
			lookAlike('exchange', 'NASD\u0410Q', 'U+0410'),
		);
	});

	it('always refuses zero-width and control characters, even when non-ASCII symbols are allowed', async () => {
		for (const allowed of [false, true]) {
			expect((await send({ symbol: 'AA\u200BPL' }, allowed)).answer).toEqual(
				invalid('symbol', 'symbol contains U+200B, an invisible or control character'),
			);
			expect((await send({ symbol: 'AA\u0007PL' }, allowed)).answer).toEqual(
				invalid('symbol', 'symbol contains U+0007, an invisible or control character'),
			);
		}
	});

	it('accepts a non-ASCII symbol when the option allows it', async () => {
		expect(acceptedAlert(await send({ symbol: '\u0410APL' }, true)).symbol).toBe('\u0410APL');
	});

	it('refuses a look-alike symbol in a sentence', async () => {
		const result = await receiveAlert(request(`buy 1 \u0410APL token=${PRIMARY}`), configWith(), ledger);

		expect(result.answer).toEqual(lookAlike('symbol', '\u0410APL', 'U+0410'));
	});
});
