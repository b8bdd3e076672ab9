import { receiveAlert } from '../../../core/intake/receive-alert';
import type {
	Admission,
	AdmissionPolicy,
	RejectedSignal,
	SignalEntry,
	SignalLedger,
	SignalOutcome,
	SignalStart,
	StoredSignal,
} from '../../../core/ledger/signal-ledger';
import { configWith, json, PRIMARY, RECEIVED_AT_ISO, request, SCOPE } from './intake-fixture';

/** A ledger whose writes all fail, as one on a full or unreachable disk would. */
class BrokenLedger implements SignalLedger {
	readonly admitted: Array<{ entry: SignalEntry & { alertId: string }; policy: AdmissionPolicy }> = [];
	readonly rejected: RejectedSignal[] = [];

	constructor(readonly error: Error) {}

	async admitAlert(entry: SignalEntry & { alertId: string }, policy: AdmissionPolicy): Promise<Admission> {
		this.admitted.push({ entry, policy });
		throw this.error;
	}

	async admitSignal(entry: SignalEntry & { alertId: string }, dedupeWindowMs: number): Promise<SignalOutcome> {
		return (await this.admitAlert(entry, { dedupeWindowMs, redeliverAfterMs: 0 })).outcome;
	}

	async markStarted(): Promise<boolean> {
		throw this.error;
	}

	async startOf(): Promise<SignalStart | null> {
		throw this.error;
	}

	async recordRejectedSignal(entry: RejectedSignal): Promise<void> {
		this.rejected.push(entry);
		throw this.error;
	}

	async listSignals(): Promise<StoredSignal[]> {
		return [];
	}

	async purgeSignalsBefore(): Promise<number> {
		return 0;
	}

	async close(): Promise<void> {}
}

describe('receiveAlert: ledger failures', () => {
	it('answers 503 ledger_unavailable with outcome failed when the ledger cannot admit the alert', async () => {
		const error = new Error('database is locked');
		const ledger = new BrokenLedger(error);

		const result = await receiveAlert(
			request(json({ token: PRIMARY, id: 'a-1', action: 'buy', symbol: 'AAPL' })),
			configWith(),
			ledger,
		);

		expect(result).toEqual({
			outcome: 'failed',
			answer: { status: 503, body: { error: 'ledger_unavailable' } },
			error,
		});
		expect(result.outcome === 'failed' && result.error).toBe(error);
		expect(ledger.admitted).toEqual([
			{
				entry: {
					receivedAt: new Date(RECEIVED_AT_ISO),
					scope: SCOPE,
					sourceIp: '127.0.0.1',
					alertId: 'a-1',
					body: '{"token":"[redacted]","id":"a-1","action":"buy","symbol":"AAPL"}',
					// The trigger's output item, kept for recovery: the token redacted there too.
					item: expect.objectContaining({ alertId: 'a-1', symbol: 'AAPL', raw: { token: '[redacted]', id: 'a-1', action: 'buy', symbol: 'AAPL' } }),
				},
				policy: { dedupeWindowMs: 600_000, redeliverAfterMs: 0 },
			},
		]);
		expect(ledger.rejected).toEqual([]);
	});

	it('still answers 401 when the ledger cannot record the refusal', async () => {
		const ledger = new BrokenLedger(new Error('disk I/O error'));

		const result = await receiveAlert(request(json({ action: 'buy', symbol: 'AAPL' })), configWith(), ledger);

		expect(result).toEqual({
			outcome: 'rejected',
			answer: { status: 401, body: { error: 'unauthorized' } },
			rejection: {
				reason: 'unauthorized',
				status: 401,
				details: [{ field: 'token', message: 'missing or wrong token' }],
				alertId: null,
				sourceIp: '127.0.0.1',
				receivedAt: RECEIVED_AT_ISO,
				body: { action: 'buy', symbol: 'AAPL' },
			},
		});
		expect(ledger.rejected).toHaveLength(1);
		expect(ledger.rejected[0]).toMatchObject({ httpStatus: 401, reason: 'unauthorized', alertId: null });
		expect(ledger.admitted).toEqual([]);
	});

	it('still answers 400 when the ledger cannot record an invalid alert', async () => {
		const ledger = new BrokenLedger(new Error('disk I/O error'));

		const result = await receiveAlert(request(json({ token: PRIMARY, action: 'hold', symbol: 'AAPL' })), configWith(), ledger);

		expect(result.outcome).toBe('rejected');
		expect(result.answer.status).toBe(400);
		expect(ledger.rejected).toHaveLength(1);
	});
});
