import { receiveAlert } from '../../../core/intake/receive-alert';
import type { SqliteSignalLedger } from '../../../core/ledger/sqlite/sqlite-signal-ledger';
import * as parseBody from '../../../core/signal/parse-body';
import { configWith, json, openTempLedger, PRIMARY, rejectionOf, request, type TempLedger, WRONG } from './intake-fixture';

const KIB_64 = 64 * 1024;
const fill = (unit: string): string => unit.repeat(Math.ceil(KIB_64 / unit.length)).slice(0, KIB_64);
const UNAUTHORIZED = { status: 401, body: { error: 'unauthorized' } };

describe('receiveAlert: hostile bodies', () => {
	let temp: TempLedger;
	let ledger: SqliteSignalLedger;

	beforeEach(() => {
		temp = openTempLedger();
		ledger = temp.ledger;
	});

	afterEach(async () => {
		jest.restoreAllMocks();
		await temp.dispose();
	});

	describe('with a wrong header or query token', () => {
		it.each([
			['letters', fill('a')],
			['runs of "="', fill('a==')],
			['unclosed quotes', fill('k="')],
			['nested brackets', fill('[')],
			['nested objects', fill('{"a":')],
			['digits ending in a letter', `buy ${fill('1').slice(5)}x`],
		])('answers 401 to 64 KiB of %s without parsing the body', async (_name, text) => {
			const parse = jest.spyOn(parseBody, 'parseAlertBody');

			const fromHeader = await receiveAlert(request(text, { headers: { 'x-webhook-token': WRONG } }), configWith(), ledger);
			const fromQuery = await receiveAlert(request(text, { query: { token: WRONG } }), configWith(), ledger);

			expect(fromHeader.answer).toEqual(UNAUTHORIZED);
			expect(fromQuery.answer).toEqual(UNAUTHORIZED);
			expect(parse).not.toHaveBeenCalled();
			expect((await ledger.listSignals()).map((row) => [row.httpStatus, row.reason])).toEqual([
				[401, 'unauthorized'],
				[401, 'unauthorized'],
			]);
		});

		it('stores the unread body as redacted text', async () => {
			const text = json({ token: PRIMARY, action: 'buy', symbol: 'AAPL' });

			const result = await receiveAlert(request(text, { headers: { 'x-webhook-token': WRONG } }), configWith(), ledger);

			expect(rejectionOf(result).body).toBe('{"token":"[redacted]","action":"buy","symbol":"AAPL"}');
		});
	});

	describe('JSON nested 30,000 deep', () => {
		const deep = `{"token":"${PRIMARY}","a":${'['.repeat(30_000)}${']'.repeat(30_000)}}`;
		const tooDeep = {
			status: 400,
			body: {
				error: 'invalid_alert',
				details: [
					{
						field: 'body',
						message: 'the alert body nests objects or lists more than 32 levels deep (at line 1, column 68)',
					},
				],
			},
		};

		it('answers 400 naming the nesting when the header token is right', async () => {
			const result = await receiveAlert(
				request(deep.replace(PRIMARY, 'x'.repeat(PRIMARY.length)), { headers: { 'x-webhook-token': PRIMARY } }),
				configWith(),
				ledger,
			);

			expect(result.answer).toEqual(tooDeep);
		});

		it('answers 401 when the only token is inside it, since it cannot be read', async () => {
			const result = await receiveAlert(request(deep), configWith(), ledger);

			expect(result.answer).toEqual(UNAUTHORIZED);
			expect(JSON.stringify(rejectionOf(result))).not.toContain(PRIMARY);
		});
	});

	it('reads a sentence whose symbol is a long run of digits ending in a letter, with the token in the body', async () => {
		const symbol = `${fill('1').slice(100)}X`;

		const result = await receiveAlert(request(`buy ${symbol} token=${PRIMARY}`), configWith(), ledger);

		expect(result.answer).toEqual({ status: 200, body: { status: 'accepted', alertId: expect.stringMatching(/^h-/) } });
		expect(result.outcome === 'accepted' && result.alert.symbol).toBe(symbol);
	});

	describe('when something throws while the body is read', () => {
		it('answers 401 if no token was seen to be right yet', async () => {
			jest.spyOn(parseBody, 'parseAlertBody').mockImplementation(() => {
				throw new RangeError('Maximum call stack size exceeded');
			});

			const result = await receiveAlert(request(json({ token: PRIMARY, action: 'buy', symbol: 'AAPL' })), configWith(), ledger);

			expect(result.answer).toEqual(UNAUTHORIZED);
			expect((await ledger.listSignals()).map((row) => row.httpStatus)).toEqual([401]);
		});

		it('answers 400, never 5xx, once the header token was right', async () => {
			jest.spyOn(parseBody, 'parseAlertBody').mockImplementation(() => {
				throw new RangeError('Maximum call stack size exceeded');
			});

			const result = await receiveAlert(
				request(json({ action: 'buy', symbol: 'AAPL' }), { headers: { 'x-webhook-token': PRIMARY } }),
				configWith(),
				ledger,
			);

			expect(result.answer).toEqual({
				status: 400,
				body: { error: 'invalid_alert', details: [{ field: 'body', message: 'the alert could not be read' }] },
			});
			expect((await ledger.listSignals()).map((row) => [row.httpStatus, row.reason])).toEqual([[400, 'invalid_alert']]);
		});
	});
});
