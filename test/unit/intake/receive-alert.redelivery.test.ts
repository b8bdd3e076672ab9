import type { IntakeResult } from '../../../core/intake/intake-result';
import { receiveAlert } from '../../../core/intake/receive-alert';
import type { SqliteSignalLedger } from '../../../core/ledger/sqlite/sqlite-signal-ledger';
import {
	acceptedAlert,
	configWith,
	json,
	openTempLedger,
	PRIMARY,
	RECEIVED_AT,
	RECEIVED_AT_ISO,
	request,
	type TempLedger,
} from './intake-fixture';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const WINDOW = 10 * MINUTE;
const AFTER = 30 * SECOND;
const at = (offsetMs: number) => new Date(RECEIVED_AT.getTime() + offsetMs);
const iso = (offsetMs: number) => at(offsetMs).toISOString();

// No time in it, so moving receivedAt forward never makes it stale.
const ALERT_ID = 'sig-7';
const text = json({ token: PRIMARY, id: ALERT_ID, action: 'buy', symbol: 'AAPL', qty: 1 });

const duplicateAnswer = (originalStarted: boolean) => ({
	status: 200,
	body: { status: 'duplicate', alertId: ALERT_ID, originalStarted },
});

function redeliveredOf(result: IntakeResult): boolean {
	if (result.outcome !== 'accepted') throw new Error(`expected accepted, got ${result.outcome}`);
	return result.redelivered;
}

describe('receiveAlert: resends of an accepted alert whose execution may not have started', () => {
	let temp: TempLedger;
	let ledger: SqliteSignalLedger;

	beforeEach(() => {
		temp = openTempLedger();
		ledger = temp.ledger;
	});

	afterEach(async () => {
		await temp.dispose();
	});

	const send = async (offsetMs: number, redeliverSeconds = 0): Promise<IntakeResult> =>
		await receiveAlert(
			request(text, { receivedAt: at(offsetMs) }),
			configWith({ redeliverIfNotStartedAfterSeconds: redeliverSeconds }),
			ledger,
		);

	describe('saying whether the original started', () => {
		it('answers originalStarted true and logs the mark when an execution marked the alert started', async () => {
			await send(0);
			expect(await ledger.markStarted(ALERT_ID, at(2 * SECOND), 'Risk Check wf1/rc1 execution 41')).toBe(true);

			const resend = await send(MINUTE);

			expect(resend).toEqual({ outcome: 'duplicate', answer: duplicateAnswer(true), alertId: ALERT_ID, originalStarted: true });
			const [, logged] = await ledger.listSignals();
			expect([logged.outcome, logged.details]).toEqual([
				'duplicate',
				{
					originalAcceptedAt: RECEIVED_AT_ISO,
					originalStarted: true,
					originalStartedAt: iso(2 * SECOND),
					originalStartedBy: 'Risk Check wf1/rc1 execution 41',
				},
			]);
		});

		it('answers originalStarted false when nothing marked it started', async () => {
			await send(0);

			const resend = await send(MINUTE);

			expect(resend.answer).toEqual(duplicateAnswer(false));
			expect((await ledger.listSignals())[1].details).toMatchObject({ originalStarted: false, originalStartedAt: null });
		});

		it('does not count a mark left by an earlier acceptance of the same alert id', async () => {
			await send(0);
			await ledger.markStarted(ALERT_ID, at(SECOND), 'Broker Order wf1/bo1 execution 1');
			// The window has passed: accepted anew, and this execution never starts.
			expect((await send(WINDOW + MINUTE)).outcome).toBe('accepted');

			const resend = await send(WINDOW + 2 * MINUTE);

			expect(resend.answer).toEqual(duplicateAnswer(false));
			expect((await ledger.listSignals())[2].details).toEqual({
				originalAcceptedAt: iso(WINDOW + MINUTE),
				originalStarted: false,
				originalStartedAt: null,
				originalStartedBy: null,
			});
		});
	});

	describe('with Redeliver If Not Started After off (the default)', () => {
		it('keeps answering duplicate however old the unstarted original is', async () => {
			await send(0);

			const resend = await send(WINDOW - 1);

			expect(resend.answer).toEqual(duplicateAnswer(false));
			expect(configWith().redeliverAfterMs).toBe(0);
		});
	});

	describe('with Redeliver If Not Started After 30 s', () => {
		it('answers duplicate 1 ms before the original is 30 s old', async () => {
			await send(0, 30);

			expect((await send(AFTER - 1, 30)).answer).toEqual(duplicateAnswer(false));
		});

		it('accepts a resend again once the unstarted original is 30 s old, logs it as a redelivery and emits the alert', async () => {
			await send(0, 30);

			const resend = await send(AFTER, 30);

			expect(resend.answer).toEqual({ status: 200, body: { status: 'accepted', alertId: ALERT_ID, redelivered: true } });
			expect(redeliveredOf(resend)).toBe(true);
			expect(acceptedAlert(resend)).toMatchObject({ alertId: ALERT_ID, receivedAt: iso(AFTER), action: 'buy', symbol: 'AAPL' });
			expect((await ledger.listSignals()).map((row) => [row.outcome, row.receivedAt, row.details])).toEqual([
				['accepted', RECEIVED_AT_ISO, null],
				['accepted', iso(AFTER), { redelivered: true, redeliveryOf: { acceptedAt: RECEIVED_AT_ISO } }],
			]);
		});

		it('answers a plain first delivery without a redelivered field', async () => {
			const first = await send(0, 30);

			expect(first.answer).toEqual({ status: 200, body: { status: 'accepted', alertId: ALERT_ID } });
			expect(redeliveredOf(first)).toBe(false);
		});

		it('does not redeliver an original that was marked started', async () => {
			await send(0, 30);
			await ledger.markStarted(ALERT_ID, at(SECOND), 'Risk Check wf1/rc1 execution 41');

			expect((await send(5 * MINUTE, 30)).answer).toEqual(duplicateAnswer(true));
		});

		it('renews the claim: the next resend counts from the redelivery, and a started redelivery holds for a window from it', async () => {
			await send(0, 30);
			expect(redeliveredOf(await send(AFTER, 30))).toBe(true);

			const soon = await send(AFTER + SECOND, 30);
			await ledger.markStarted(ALERT_ID, at(AFTER + 2 * SECOND), 'Risk Check wf1/rc1 execution 42');
			// The original's window would have ended here; the renewed one has not.
			const later = await send(WINDOW + SECOND, 30);

			expect(soon.answer).toEqual(duplicateAnswer(false));
			expect((await ledger.listSignals())[2].details).toMatchObject({ originalAcceptedAt: iso(AFTER) });
			expect(later.answer).toEqual(duplicateAnswer(true));
		});

		it('redelivers again when the redelivered execution does not start either', async () => {
			await send(0, 30);
			await send(AFTER, 30);

			const again = await send(2 * AFTER, 30);

			expect(redeliveredOf(again)).toBe(true);
			expect((await ledger.listSignals())[2].details).toEqual({ redelivered: true, redeliveryOf: { acceptedAt: iso(AFTER) } });
		});

		it('re-admits exactly one of 50 concurrent late resends', async () => {
			await send(0, 30);

			const results = await Promise.all(Array.from({ length: 50 }, async () => await send(MINUTE, 30)));

			expect(results.filter((result) => result.outcome === 'accepted')).toHaveLength(1);
			expect(results.filter((result) => result.outcome === 'duplicate')).toHaveLength(49);
			const outcomes = (await ledger.listSignals()).map((row) => row.outcome);
			expect(outcomes.filter((outcome) => outcome === 'accepted')).toHaveLength(2);
			expect(outcomes.filter((outcome) => outcome === 'duplicate')).toHaveLength(49);
		});
	});
});
