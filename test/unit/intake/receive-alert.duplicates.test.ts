import { receiveAlert } from '../../../core/intake/receive-alert';
import type { SqliteSignalLedger } from '../../../core/ledger/sqlite/sqlite-signal-ledger';
import {
	acceptedAlert,
	configWith,
	HASHED_ID,
	json,
	openTempLedger,
	PRIMARY,
	RECEIVED_AT,
	RECEIVED_AT_ISO,
	request,
	SCOPE,
	type TempLedger,
} from './intake-fixture';

const MINUTE = 60_000;
const WINDOW = 10 * MINUTE;
const at = (offsetMs: number) => new Date(RECEIVED_AT.getTime() + offsetMs);

describe('receiveAlert: duplicates', () => {
	let temp: TempLedger;
	let ledger: SqliteSignalLedger;

	beforeEach(() => {
		temp = openTempLedger();
		ledger = temp.ledger;
	});

	afterEach(async () => {
		await temp.dispose();
	});

	// No time in it, so moving receivedAt forward never makes it stale.
	const text = json({ token: PRIMARY, action: 'buy', symbol: 'AAPL', qty: 1 });
	const storedBody = '{"token":"[redacted]","action":"buy","symbol":"AAPL","qty":1}';

	it('answers a second delivery within the window 200 duplicate, emits no alert and logs it as duplicate', async () => {
		const first = await receiveAlert(request(text), configWith(), ledger);
		const second = await receiveAlert(request(text, { receivedAt: at(MINUTE) }), configWith(), ledger);

		const { alertId } = acceptedAlert(first);
		expect(alertId).toMatch(HASHED_ID);
		expect(second).toEqual({
			outcome: 'duplicate',
			answer: { status: 200, body: { status: 'duplicate', alertId, originalStarted: false } },
			alertId,
			originalStarted: false,
		});
		expect('alert' in second).toBe(false);
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
				body: storedBody,
				details: null,
			},
			{
				id: 2,
				receivedAt: at(MINUTE).toISOString(),
				scope: SCOPE,
				sourceIp: '127.0.0.1',
				outcome: 'duplicate',
				httpStatus: 200,
				reason: null,
				alertId,
				body: storedBody,
				details: {
					originalAcceptedAt: RECEIVED_AT_ISO,
					originalStarted: false,
					originalStartedAt: null,
					originalStartedBy: null,
				},
			},
		]);
	});

	it('treats a delivery 1 ms before the window ends as a duplicate', async () => {
		await receiveAlert(request(text), configWith(), ledger);

		const late = await receiveAlert(request(text, { receivedAt: at(WINDOW - 1) }), configWith(), ledger);

		expect(late.outcome).toBe('duplicate');
	});

	it('accepts the same alert again once the window has passed', async () => {
		const first = await receiveAlert(request(text), configWith(), ledger);
		const again = await receiveAlert(request(text, { receivedAt: at(WINDOW + 1) }), configWith(), ledger);

		const { alertId } = acceptedAlert(first);
		expect(again.answer).toEqual({ status: 200, body: { status: 'accepted', alertId } });
		expect(acceptedAlert(again).receivedAt).toBe(at(WINDOW + 1).toISOString());
		expect((await ledger.listSignals()).map((row) => row.outcome)).toEqual(['accepted', 'accepted']);
	});

	it('accepts both deliveries when the duplicate window is 0', async () => {
		const config = configWith({ duplicateWindowMinutes: 0 });

		const first = await receiveAlert(request(text), config, ledger);
		const second = await receiveAlert(request(text), config, ledger);

		expect(first.outcome).toBe('accepted');
		expect(second.outcome).toBe('accepted');
		expect(second.answer).toEqual(first.answer);
		expect((await ledger.listSignals()).map((row) => row.outcome)).toEqual(['accepted', 'accepted']);
	});

	it('detects duplicates per scope: the same alert to another trigger is accepted', async () => {
		await receiveAlert(request(text), configWith(), ledger);

		const other = await receiveAlert(request(text), configWith({ scope: 'wf1/node2' }), ledger);

		expect(other.outcome).toBe('accepted');
	});

	it('treats deliveries with the same sender id as duplicates even when their bodies differ', async () => {
		const first = await receiveAlert(
			request(json({ token: PRIMARY, id: 'sig-1', action: 'buy', symbol: 'AAPL', qty: 1 })),
			configWith(),
			ledger,
		);
		const second = await receiveAlert(
			request(json({ token: PRIMARY, id: 'sig-1', action: 'buy', symbol: 'AAPL', qty: 2 })),
			configWith(),
			ledger,
		);

		expect(first.outcome).toBe('accepted');
		expect(second).toEqual({
			outcome: 'duplicate',
			answer: { status: 200, body: { status: 'duplicate', alertId: 'sig-1', originalStarted: false } },
			alertId: 'sig-1',
			originalStarted: false,
		});
	});

	it('accepts exactly one of 100 concurrent deliveries of the same body and answers the rest duplicate', async () => {
		const config = configWith();

		const results = await Promise.all(
			Array.from({ length: 100 }, () => receiveAlert(request(text), config, ledger)),
		);

		const accepted = results.filter((result) => result.outcome === 'accepted');
		const duplicates = results.filter((result) => result.outcome === 'duplicate');
		expect(accepted).toHaveLength(1);
		expect(duplicates).toHaveLength(99);
		const { alertId } = acceptedAlert(accepted[0]);
		for (const duplicate of duplicates) {
			expect(duplicate.answer).toEqual({ status: 200, body: { status: 'duplicate', alertId, originalStarted: false } });
		}
		const rows = await ledger.listSignals();
		expect(rows).toHaveLength(100);
		expect(rows.filter((row) => row.outcome === 'accepted')).toHaveLength(1);
		expect(rows.filter((row) => row.outcome === 'duplicate')).toHaveLength(99);
		expect(new Set(rows.map((row) => row.alertId))).toEqual(new Set([alertId]));
	});
});
