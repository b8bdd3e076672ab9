import type { IntakeResult } from '../../../core/intake/intake-result';
import { receiveAlert } from '../../../core/intake/receive-alert';
import type { SqliteSignalLedger } from '../../../core/ledger/sqlite/sqlite-signal-ledger';
import {
	acceptedAlert,
	BLANK_SIGNAL,
	configWith,
	json,
	openTempLedger,
	PRIMARY,
	RECEIVED_AT_ISO,
	rejectionOf,
	request,
	SCOPE,
	SECONDARY,
	type TempLedger,
	WRONG,
} from './intake-fixture';

const UNAUTHORIZED_DETAILS = [{ field: 'token', message: 'missing or wrong token' }];

describe('receiveAlert: where the token may be sent', () => {
	let temp: TempLedger;
	let ledger: SqliteSignalLedger;

	beforeEach(() => {
		temp = openTempLedger();
		ledger = temp.ledger;
	});

	afterEach(async () => {
		await temp.dispose();
	});

	const tokenFree = json({ action: 'buy', symbol: 'AAPL' });

	it('accepts the token in the x-webhook-token header', async () => {
		const result = await receiveAlert(request(tokenFree, { headers: { 'x-webhook-token': PRIMARY } }), configWith(), ledger);

		const alert = acceptedAlert(result);
		expect(alert).toEqual({
			...BLANK_SIGNAL,
			alertId: alert.alertId,
			receivedAt: RECEIVED_AT_ISO,
			action: 'buy',
			side: 'buy',
			symbol: 'AAPL',
			raw: { action: 'buy', symbol: 'AAPL' },
		});
		expect(result.answer).toEqual({ status: 200, body: { status: 'accepted', alertId: alert.alertId } });
	});

	it('accepts the token in the token query parameter', async () => {
		const result = await receiveAlert(request(tokenFree, { query: { token: PRIMARY } }), configWith(), ledger);

		expect(acceptedAlert(result)).toMatchObject({ action: 'buy', symbol: 'AAPL', raw: { action: 'buy', symbol: 'AAPL' } });
	});

	it('accepts the token in a passphrase body field, redacted in raw and left out of extra', async () => {
		const result = await receiveAlert(
			request(json({ passphrase: PRIMARY, action: 'buy', symbol: 'AAPL' })),
			configWith(),
			ledger,
		);

		const alert = acceptedAlert(result);
		expect(alert.extra).toEqual({});
		expect(alert.raw).toEqual({ passphrase: '[redacted]', action: 'buy', symbol: 'AAPL' });
		expect((await ledger.listSignals()).map((row) => row.body)).toEqual([
			'{"passphrase":"[redacted]","action":"buy","symbol":"AAPL"}',
		]);
	});

	it('accepts the token in a custom token field, redacted in raw and left out of extra', async () => {
		const result = await receiveAlert(
			request(json({ secret: PRIMARY, action: 'buy', symbol: 'AAPL' })),
			configWith({ tokenField: 'secret' }),
			ledger,
		);

		const alert = acceptedAlert(result);
		expect(alert.extra).toEqual({});
		expect(alert.raw).toEqual({ secret: '[redacted]', action: 'buy', symbol: 'AAPL' });
		expect((await ledger.listSignals()).map((row) => row.body)).toEqual([
			'{"secret":"[redacted]","action":"buy","symbol":"AAPL"}',
		]);
	});

	it('does not read a token from the token field when another field name is configured', async () => {
		const result = await receiveAlert(
			request(json({ token: PRIMARY, action: 'buy', symbol: 'AAPL' })),
			configWith({ tokenField: 'secret' }),
			ledger,
		);

		expect(result.answer).toEqual({ status: 401, body: { error: 'unauthorized' } });
	});

	it('accepts the secondary token', async () => {
		const result = await receiveAlert(
			request(json({ token: SECONDARY, action: 'buy', symbol: 'AAPL' })),
			configWith(),
			ledger,
		);

		expect(acceptedAlert(result).raw).toEqual({ token: '[redacted]', action: 'buy', symbol: 'AAPL' });
	});

	it('accepts tokens from several places when every one is right', async () => {
		const result = await receiveAlert(
			request(json({ token: SECONDARY, action: 'buy', symbol: 'AAPL' }), {
				headers: { 'x-webhook-token': PRIMARY },
				query: { token: PRIMARY },
			}),
			configWith(),
			ledger,
		);

		expect(result.outcome).toBe('accepted');
	});
});

describe('receiveAlert: 401 unauthorized', () => {
	let temp: TempLedger;
	let ledger: SqliteSignalLedger;

	beforeEach(() => {
		temp = openTempLedger();
		ledger = temp.ledger;
	});

	afterEach(async () => {
		await temp.dispose();
	});

	/** The full 401 result and its single ledger row, with the body as stored. */
	async function expectUnauthorized(result: IntakeResult, body: unknown, storedBody: string): Promise<void> {
		expect(result).toEqual({
			outcome: 'rejected',
			answer: { status: 401, body: { error: 'unauthorized' } },
			rejection: {
				reason: 'unauthorized',
				status: 401,
				details: UNAUTHORIZED_DETAILS,
				alertId: null,
				sourceIp: '127.0.0.1',
				receivedAt: RECEIVED_AT_ISO,
				body,
			},
		});
		expect(await ledger.listSignals()).toEqual([
			{
				id: 1,
				receivedAt: RECEIVED_AT_ISO,
				scope: SCOPE,
				sourceIp: '127.0.0.1',
				outcome: 'rejected',
				httpStatus: 401,
				reason: 'unauthorized',
				alertId: null,
				body: storedBody,
				details: UNAUTHORIZED_DETAILS,
			},
		]);
	}

	async function expectWrongTokenHidden(result: IntakeResult): Promise<void> {
		expect(JSON.stringify(rejectionOf(result).body)).not.toContain(WRONG);
		for (const row of await ledger.listSignals()) expect(row.body).not.toContain(WRONG);
	}

	it('refuses a body without any token', async () => {
		const result = await receiveAlert(request(json({ action: 'buy', symbol: 'AAPL' })), configWith(), ledger);

		await expectUnauthorized(result, { action: 'buy', symbol: 'AAPL' }, '{"action":"buy","symbol":"AAPL"}');
	});

	it('refuses a wrong token and stores neither it nor shows it on the rejection', async () => {
		const result = await receiveAlert(
			request(json({ token: WRONG, action: 'buy', symbol: 'AAPL' })),
			configWith(),
			ledger,
		);

		await expectUnauthorized(
			result,
			{ token: '[redacted]', action: 'buy', symbol: 'AAPL' },
			'{"token":"[redacted]","action":"buy","symbol":"AAPL"}',
		);
		await expectWrongTokenHidden(result);
	});

	it('refuses the right token given as a JSON number', async () => {
		const result = await receiveAlert(
			request('{"token":123456789012345,"action":"buy","symbol":"AAPL"}'),
			configWith({ tokens: ['123456789012345'] }),
			ledger,
		);

		await expectUnauthorized(
			result,
			{ token: '[redacted]', action: 'buy', symbol: 'AAPL' },
			'{"token":"[redacted]","action":"buy","symbol":"AAPL"}',
		);
	});

	it('refuses a token given as a number in the body', async () => {
		const result = await receiveAlert(
			request('{"token":42,"action":"buy","symbol":"AAPL"}'),
			configWith(),
			ledger,
		);

		expect(result.answer).toEqual({ status: 401, body: { error: 'unauthorized' } });
	});

	it('refuses the token given twice in the query (an array), storing the unread body as text', async () => {
		const result = await receiveAlert(
			request(json({ action: 'buy', symbol: 'AAPL' }), { query: { token: [PRIMARY, PRIMARY] } }),
			configWith(),
			ledger,
		);

		// Refused before the body is parsed, so it is stored as received (redacted), not as JSON.
		await expectUnauthorized(result, '{"action":"buy","symbol":"AAPL"}', '{"action":"buy","symbol":"AAPL"}');
	});

	it('refuses the token given twice in the header (an array)', async () => {
		const result = await receiveAlert(
			request(json({ action: 'buy', symbol: 'AAPL' }), { headers: { 'x-webhook-token': [PRIMARY, PRIMARY] } }),
			configWith(),
			ledger,
		);

		expect(result.answer).toEqual({ status: 401, body: { error: 'unauthorized' } });
	});

	it('refuses a right header token together with a wrong body token, and hides the wrong one', async () => {
		const result = await receiveAlert(
			request(json({ token: WRONG, action: 'buy', symbol: 'AAPL' }), { headers: { 'x-webhook-token': PRIMARY } }),
			configWith(),
			ledger,
		);

		await expectUnauthorized(
			result,
			{ token: '[redacted]', action: 'buy', symbol: 'AAPL' },
			'{"token":"[redacted]","action":"buy","symbol":"AAPL"}',
		);
		await expectWrongTokenHidden(result);
	});

	it('refuses a right body token together with a wrong query token', async () => {
		const result = await receiveAlert(
			request(json({ token: PRIMARY, action: 'buy', symbol: 'AAPL' }), { query: { token: WRONG } }),
			configWith(),
			ledger,
		);

		expect(result.answer).toEqual({ status: 401, body: { error: 'unauthorized' } });
		await expectWrongTokenHidden(result);
	});

	it('refuses a right token field together with a wrong passphrase field', async () => {
		const result = await receiveAlert(
			request(json({ token: PRIMARY, passphrase: WRONG, action: 'buy', symbol: 'AAPL' })),
			configWith(),
			ledger,
		);

		await expectUnauthorized(
			result,
			{ token: '[redacted]', passphrase: '[redacted]', action: 'buy', symbol: 'AAPL' },
			'{"token":"[redacted]","passphrase":"[redacted]","action":"buy","symbol":"AAPL"}',
		);
	});

	it('refuses an empty token', async () => {
		const result = await receiveAlert(
			request(json({ token: '', action: 'buy', symbol: 'AAPL' })),
			configWith(),
			ledger,
		);

		expect(result.answer).toEqual({ status: 401, body: { error: 'unauthorized' } });
	});

	it('answers 401, not 400, to an unparseable body without a token', async () => {
		const result = await receiveAlert(request('hello there'), configWith(), ledger);

		await expectUnauthorized(result, 'hello there', 'hello there');
	});

	it('answers 401, not 400, to malformed JSON whose only token is inside it, and redacts that token in the stored text', async () => {
		const result = await receiveAlert(
			request(`{"token":"${PRIMARY}","action":"buy","symbol":"AAPL"`),
			configWith(),
			ledger,
		);

		await expectUnauthorized(
			result,
			'{"token":"[redacted]","action":"buy","symbol":"AAPL"',
			'{"token":"[redacted]","action":"buy","symbol":"AAPL"',
		);
	});

	it('redacts a wrong token in malformed JSON', async () => {
		const result = await receiveAlert(request(`{"token":"${WRONG}","action":"buy"`), configWith(), ledger);

		await expectUnauthorized(result, '{"token":"[redacted]","action":"buy"', '{"token":"[redacted]","action":"buy"');
	});

	it('redacts a wrong token given as token=... in a text body', async () => {
		const result = await receiveAlert(request(`buy 10 AAPL token=${WRONG}`), configWith(), ledger);

		await expectUnauthorized(result, 'buy 10 AAPL token=[redacted]', 'buy 10 AAPL token=[redacted]');
	});

	it('redacts a wrong token given as "token"=... (quoted key) in a text body', async () => {
		// The text parser unquotes the key, so this value is read and checked as the token.
		const result = await receiveAlert(request(`buy 10 AAPL "token"=${WRONG}`), configWith(), ledger);

		expect(result.answer).toEqual({ status: 401, body: { error: 'unauthorized' } });
		await expectWrongTokenHidden(result);
	});
});
