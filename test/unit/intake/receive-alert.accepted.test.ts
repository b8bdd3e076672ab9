import { receiveAlert } from '../../../core/intake/receive-alert';
import type { SqliteSignalLedger } from '../../../core/ledger/sqlite/sqlite-signal-ledger';
import {
	acceptedAlert,
	BLANK_SIGNAL,
	configWith,
	HASHED_ID,
	json,
	openTempLedger,
	PRIMARY,
	RECEIVED_AT_ISO,
	request,
	SCOPE,
	SECONDARY,
	type TempLedger,
} from './intake-fixture';

describe('receiveAlert: accepted alerts', () => {
	let temp: TempLedger;
	let ledger: SqliteSignalLedger;

	beforeEach(() => {
		temp = openTempLedger();
		ledger = temp.ledger;
	});

	afterEach(async () => {
		await temp.dispose();
	});

	describe('a JSON body with the token in its token field', () => {
		const text = json({
			token: PRIMARY,
			action: 'buy',
			symbol: 'NASDAQ:aapl',
			qty: '10',
			price: '189.5',
			time: '2026-01-02T03:04:00Z',
			comment: 'breakout',
		});

		it('answers 200 accepted with the alertId and emits the normalised alert with the token redacted in raw', async () => {
			const result = await receiveAlert(request(text), configWith(), ledger);

			const alert = acceptedAlert(result);
			expect(alert.alertId).toMatch(HASHED_ID);
			expect(result).toEqual({
				outcome: 'accepted',
				answer: { status: 200, body: { status: 'accepted', alertId: alert.alertId } },
				alert: {
					...BLANK_SIGNAL,
					alertId: alert.alertId,
					receivedAt: RECEIVED_AT_ISO,
					action: 'buy',
					side: 'buy',
					symbol: 'AAPL',
					exchange: 'NASDAQ',
					quantity: 10,
					price: 189.5,
					alertTime: '2026-01-02T03:04:00.000Z',
					extra: { comment: 'breakout' },
					raw: {
						token: '[redacted]',
						action: 'buy',
						symbol: 'NASDAQ:aapl',
						qty: '10',
						price: '189.5',
						time: '2026-01-02T03:04:00Z',
						comment: 'breakout',
					},
				},
				redelivered: false,
			});
		});

		it('records one accepted row with status 200 and the body without the token', async () => {
			const result = await receiveAlert(request(text), configWith(), ledger);

			const { alertId } = acceptedAlert(result);
			expect(await ledger.listSignals()).toEqual([
				{
					id: 1,
					receivedAt: RECEIVED_AT_ISO,
					scope: SCOPE,
					sourceIp: '127.0.0.1',
					outcome: 'accepted',
					httpStatus: 200,
					reason: null,
					alertId,
					body: '{"token":"[redacted]","action":"buy","symbol":"NASDAQ:aapl","qty":"10","price":"189.5","time":"2026-01-02T03:04:00Z","comment":"breakout"}',
					details: null,
				},
			]);
		});
	});

	it("uses the sender's id as the alertId", async () => {
		const result = await receiveAlert(
			request(json({ token: PRIMARY, id: 'order-42', action: 'sell', symbol: 'MSFT' })),
			configWith(),
			ledger,
		);

		expect(result.answer).toEqual({ status: 200, body: { status: 'accepted', alertId: 'order-42' } });
		expect(acceptedAlert(result)).toMatchObject({ alertId: 'order-42', action: 'sell', side: 'sell', extra: {} });
		expect((await ledger.listSignals()).map((row) => row.alertId)).toEqual(['order-42']);
	});

	it("uses the sender's alertId field as the alertId", async () => {
		const result = await receiveAlert(
			request(json({ token: PRIMARY, alertId: 'tv-7', action: 'buy', symbol: 'MSFT' })),
			configWith(),
			ledger,
		);

		expect(result.answer).toEqual({ status: 200, body: { status: 'accepted', alertId: 'tv-7' } });
	});

	describe('without a sender id', () => {
		const withToken = (token: string) => json({ token, action: 'buy', symbol: 'AAPL', qty: 1 });

		it('derives the same h- alertId from the same body sent with the secondary token, so the resend is a duplicate', async () => {
			const first = await receiveAlert(request(withToken(PRIMARY)), configWith(), ledger);
			const second = await receiveAlert(request(withToken(SECONDARY)), configWith(), ledger);

			const { alertId } = acceptedAlert(first);
			expect(alertId).toMatch(HASHED_ID);
			expect(second).toEqual({
				outcome: 'duplicate',
				answer: { status: 200, body: { status: 'duplicate', alertId, originalStarted: false } },
				alertId,
				originalStarted: false,
			});
		});

		it('derives the same h- alertId for either token when duplicate detection is off', async () => {
			const config = configWith({ duplicateWindowMinutes: 0 });

			const first = acceptedAlert(await receiveAlert(request(withToken(PRIMARY)), config, ledger));
			const second = acceptedAlert(await receiveAlert(request(withToken(SECONDARY)), config, ledger));

			expect(first.alertId).toMatch(HASHED_ID);
			expect(second.alertId).toBe(first.alertId);
		});

		it('derives a different alertId when any other field differs', async () => {
			const config = configWith({ duplicateWindowMinutes: 0 });

			const one = acceptedAlert(await receiveAlert(request(withToken(PRIMARY)), config, ledger));
			const two = acceptedAlert(
				await receiveAlert(request(json({ token: PRIMARY, action: 'buy', symbol: 'AAPL', qty: 2 })), config, ledger),
			);

			expect(two.alertId).toMatch(HASHED_ID);
			expect(two.alertId).not.toBe(one.alertId);
		});

		it('derives the same alertId whatever the order of the JSON members', async () => {
			const config = configWith({ duplicateWindowMinutes: 0 });

			const one = acceptedAlert(await receiveAlert(request(withToken(PRIMARY)), config, ledger));
			const reordered = acceptedAlert(
				await receiveAlert(request(json({ qty: 1, symbol: 'AAPL', action: 'buy', token: SECONDARY })), config, ledger),
			);

			expect(reordered.alertId).toBe(one.alertId);
		});
	});

	describe('a text body', () => {
		it('accepts a sentence with the token as a key=value pair and keeps raw as the redacted text', async () => {
			const result = await receiveAlert(request(`buy 10 AAPL token=${PRIMARY}`), configWith(), ledger);

			const alert = acceptedAlert(result);
			expect(alert).toEqual({
				...BLANK_SIGNAL,
				alertId: alert.alertId,
				receivedAt: RECEIVED_AT_ISO,
				action: 'buy',
				side: 'buy',
				symbol: 'AAPL',
				quantity: 10,
				raw: 'buy 10 AAPL token=[redacted]',
			});
			expect(alert.alertId).toMatch(HASHED_ID);
			expect((await ledger.listSignals()).map((row) => row.body)).toEqual(['buy 10 AAPL token=[redacted]']);
		});

		it('derives the same alertId for the sentence sent with the secondary token', async () => {
			const config = configWith({ duplicateWindowMinutes: 0 });

			const one = acceptedAlert(await receiveAlert(request(`buy 10 AAPL token=${PRIMARY}`), config, ledger));
			const two = acceptedAlert(await receiveAlert(request(`buy 10 AAPL token=${SECONDARY}`), config, ledger));

			expect(two.alertId).toBe(one.alertId);
		});
	});

	it('accepts a body given as a string as it accepts the same body as a Buffer', async () => {
		const text = json({ token: PRIMARY, action: 'buy', symbol: 'AAPL' });
		const config = configWith({ duplicateWindowMinutes: 0 });

		const fromBuffer = acceptedAlert(await receiveAlert(request(text), config, ledger));
		const fromString = acceptedAlert(await receiveAlert({ ...request(undefined), rawBody: text }, config, ledger));

		expect(fromString).toEqual(fromBuffer);
	});
});
