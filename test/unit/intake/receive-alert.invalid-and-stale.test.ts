import type { FieldIssue } from '../../../core/signal/field-issue';
import { receiveAlert } from '../../../core/intake/receive-alert';
import type { SqliteSignalLedger } from '../../../core/ledger/sqlite/sqlite-signal-ledger';
import {
	acceptedAlert,
	configWith,
	HASHED_ID,
	json,
	openTempLedger,
	PRIMARY,
	RECEIVED_AT_ISO,
	rejectionOf,
	request,
	SCOPE,
	type TempLedger,
} from './intake-fixture';

const ACTION_WORDS = 'buy, sell, add, exit, cancel, breakeven or price (long, short, close and flat also work)';

describe('receiveAlert: 400 invalid alert', () => {
	let temp: TempLedger;
	let ledger: SqliteSignalLedger;

	beforeEach(() => {
		temp = openTempLedger();
		ledger = temp.ledger;
	});

	afterEach(async () => {
		await temp.dispose();
	});

	/** Sends `fields` with the token in the body and expects a 400 naming exactly `details`. */
	async function expectInvalid(fields: Record<string, unknown>, details: FieldIssue[]): Promise<void> {
		const result = await receiveAlert(request(json({ token: PRIMARY, ...fields })), configWith(), ledger);

		const redacted = { token: '[redacted]', ...fields };
		expect(result).toEqual({
			outcome: 'rejected',
			answer: { status: 400, body: { error: 'invalid_alert', details } },
			rejection: {
				reason: 'invalid_alert',
				status: 400,
				details,
				alertId: null,
				sourceIp: '127.0.0.1',
				receivedAt: RECEIVED_AT_ISO,
				body: redacted,
			},
		});
		expect(await ledger.listSignals()).toEqual([
			{
				id: 1,
				receivedAt: RECEIVED_AT_ISO,
				scope: SCOPE,
				sourceIp: '127.0.0.1',
				outcome: 'rejected',
				httpStatus: 400,
				reason: 'invalid_alert',
				alertId: null,
				body: JSON.stringify(redacted),
				details,
			},
		]);
	}

	it('refuses malformed JSON, with the token in the header, naming the body and the position', async () => {
		const text = '{"action":"buy","symbol":"AAPL","qty":"10"';

		const result = await receiveAlert(request(text, { headers: { 'x-webhook-token': PRIMARY } }), configWith(), ledger);

		const details = [
			{
				field: 'body',
				message: expect.stringMatching(/^the alert body is not valid JSON: .+ at line 1, column 43$/),
			},
		];
		expect(result).toEqual({
			outcome: 'rejected',
			answer: { status: 400, body: { error: 'invalid_alert', details } },
			rejection: {
				reason: 'invalid_alert',
				status: 400,
				details,
				alertId: null,
				sourceIp: '127.0.0.1',
				receivedAt: RECEIVED_AT_ISO,
				body: text,
			},
		});
		expect(await ledger.listSignals()).toMatchObject([
			{ outcome: 'rejected', httpStatus: 400, reason: 'invalid_alert', alertId: null, body: text, details },
		]);
	});

	it('refuses an empty body that carries a header token', async () => {
		const result = await receiveAlert(request('', { headers: { 'x-webhook-token': PRIMARY } }), configWith(), ledger);

		expect(result.answer).toEqual({
			status: 400,
			body: { error: 'invalid_alert', details: [{ field: 'body', message: 'the alert body is empty' }] },
		});
	});

	it('refuses an un-rendered placeholder, naming its field', async () => {
		await expectInvalid({ action: 'buy', symbol: '{{ticker}}' }, [
			{
				field: 'symbol',
				message:
					'un-rendered TradingView placeholder "{{ticker}}": the alert was not created from a strategy/indicator that fills it',
			},
		]);
	});

	it('refuses NaN, naming its field', async () => {
		await expectInvalid({ action: 'buy', symbol: 'AAPL', qty: 'NaN' }, [
			{ field: 'qty', message: 'qty is NaN: TradingView renders a value that is not available (na) as NaN' },
		]);
	});

	it('refuses a negative quantity, naming its field', async () => {
		await expectInvalid({ action: 'buy', symbol: 'AAPL', quantity: -5 }, [
			{ field: 'quantity', message: 'quantity must be greater than 0' },
		]);
	});

	it('refuses an unknown action, naming its field', async () => {
		await expectInvalid({ action: 'hold', symbol: 'AAPL' }, [
			{ field: 'action', message: `action "hold" is not recognised; expected ${ACTION_WORDS}` },
		]);
	});

	it('refuses a missing symbol, naming its field', async () => {
		await expectInvalid({ action: 'buy', qty: 1 }, [
			{ field: 'symbol', message: 'symbol is required, e.g. "AAPL" or "BINANCE:BTCUSDT"' },
		]);
	});

	it('names every problem at once', async () => {
		await expectInvalid({ action: 'hold', qty: -1 }, [
			{ field: 'action', message: `action "hold" is not recognised; expected ${ACTION_WORDS}` },
			{ field: 'symbol', message: 'symbol is required, e.g. "AAPL" or "BINANCE:BTCUSDT"' },
			{ field: 'qty', message: 'qty must be greater than 0' },
		]);
	});

	it('does not claim the alertId of a refused alert, so the corrected resend is accepted', async () => {
		const bad = await receiveAlert(
			request(json({ token: PRIMARY, id: 'a-1', action: 'buy', symbol: 'AAPL', qty: 'NaN' })),
			configWith(),
			ledger,
		);
		const good = await receiveAlert(
			request(json({ token: PRIMARY, id: 'a-1', action: 'buy', symbol: 'AAPL', qty: 1 })),
			configWith(),
			ledger,
		);

		expect(bad.answer.status).toBe(400);
		expect(good.answer).toEqual({ status: 200, body: { status: 'accepted', alertId: 'a-1' } });
	});
});

describe('receiveAlert: 422 stale alert', () => {
	let temp: TempLedger;
	let ledger: SqliteSignalLedger;

	beforeEach(() => {
		temp = openTempLedger();
		ledger = temp.ledger;
	});

	afterEach(async () => {
		await temp.dispose();
	});

	const oldAlert = json({ token: PRIMARY, action: 'buy', symbol: 'AAPL', time: '2026-01-02T03:02:00Z' });

	it('refuses an alert whose time is older than the maximum age and records it with its alertId', async () => {
		const result = await receiveAlert(request(oldAlert), configWith(), ledger);

		const { alertId } = rejectionOf(result);
		expect(alertId).toMatch(HASHED_ID);
		const details = [{ field: 'alertTime', message: 'alert is 125 s old, older than the 60 s allowed' }];
		expect(result).toEqual({
			outcome: 'rejected',
			answer: { status: 422, body: { error: 'stale_alert', details } },
			rejection: {
				reason: 'stale_alert',
				status: 422,
				details,
				alertId,
				sourceIp: '127.0.0.1',
				receivedAt: RECEIVED_AT_ISO,
				body: { token: '[redacted]', action: 'buy', symbol: 'AAPL', time: '2026-01-02T03:02:00Z' },
			},
		});
		expect(await ledger.listSignals()).toEqual([
			{
				id: 1,
				receivedAt: RECEIVED_AT_ISO,
				scope: SCOPE,
				sourceIp: '127.0.0.1',
				outcome: 'rejected',
				httpStatus: 422,
				reason: 'stale_alert',
				alertId,
				body: '{"token":"[redacted]","action":"buy","symbol":"AAPL","time":"2026-01-02T03:02:00Z"}',
				details,
			},
		]);
	});

	it('refuses an alert whose time is further in the future than the maximum age', async () => {
		const result = await receiveAlert(
			request(json({ token: PRIMARY, action: 'buy', symbol: 'AAPL', time: '2026-01-02T03:06:06Z' })),
			configWith(),
			ledger,
		);

		expect(result.answer).toEqual({
			status: 422,
			body: {
				error: 'stale_alert',
				details: [{ field: 'alertTime', message: 'alert time is 121 s in the future, more than the 60 s allowed' }],
			},
		});
	});

	it('accepts an alert exactly as old as the maximum age', async () => {
		const result = await receiveAlert(
			request(json({ token: PRIMARY, action: 'buy', symbol: 'AAPL', time: '2026-01-02T03:03:05Z' })),
			configWith(),
			ledger,
		);

		expect(acceptedAlert(result).alertTime).toBe('2026-01-02T03:03:05.000Z');
	});

	it('accepts the old alert when the maximum age is 0', async () => {
		const result = await receiveAlert(request(oldAlert), configWith({ maxAlertAgeSeconds: 0 }), ledger);

		const alert = acceptedAlert(result);
		expect(alert.alertTime).toBe('2026-01-02T03:02:00.000Z');
		expect(result.answer).toEqual({ status: 200, body: { status: 'accepted', alertId: alert.alertId } });
		expect((await ledger.listSignals()).map((row) => [row.outcome, row.httpStatus])).toEqual([['accepted', 200]]);
	});

	it('does not claim the alertId of a stale alert', async () => {
		await receiveAlert(request(oldAlert), configWith(), ledger);

		const retry = await receiveAlert(request(oldAlert), configWith({ maxAlertAgeSeconds: 0 }), ledger);

		expect(retry.outcome).toBe('accepted');
	});
});
