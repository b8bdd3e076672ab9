import { existsSync } from 'node:fs';

import type { SignalEntry, SignalOutcome } from '../../../core/ledger/signal-ledger';
import { SqliteSignalLedger } from '../../../core/ledger/sqlite/sqlite-signal-ledger';
import { readOnlyRows } from '../../support/sqlite-rows';
import { makeTempDir, type TempDir } from './temp-ledger-dir';

const T0 = Date.parse('2024-03-01T12:00:00.000Z');
const MINUTE = 60_000;
const WINDOW = 10 * MINUTE;
const SCOPE = 'wf-1/node-1';

function entry(
	alertId: string,
	atMs: number,
	overrides: Partial<SignalEntry> = {},
): SignalEntry & { alertId: string } {
	return {
		receivedAt: new Date(atMs),
		scope: SCOPE,
		sourceIp: '52.89.214.238',
		body: '{"action":"buy","symbol":"AAPL"}',
		...overrides,
		alertId,
	};
}

function countOutcomes(outcomes: SignalOutcome[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const outcome of outcomes) counts[outcome] = (counts[outcome] ?? 0) + 1;
	return counts;
}

describe('SqliteSignalLedger', () => {
	let dir: TempDir;
	let dbPath: string;
	const opened: SqliteSignalLedger[] = [];

	const open = (path = dbPath): SqliteSignalLedger => {
		const ledger = new SqliteSignalLedger(path);
		opened.push(ledger);
		return ledger;
	};

	beforeEach(() => {
		dir = makeTempDir();
		dbPath = dir.file('ledger.sqlite');
	});

	afterEach(async () => {
		for (const ledger of opened.splice(0)) await ledger.close();
		dir.remove();
	});

	describe('duplicate detection', () => {
		it('accepts the first delivery of an alertId and marks a repeat within the window as duplicate', async () => {
			const ledger = open();

			expect(await ledger.admitSignal(entry('alert-1', T0), WINDOW)).toBe('accepted');
			expect(await ledger.admitSignal(entry('alert-1', T0 + MINUTE), WINDOW)).toBe('duplicate');
			expect(await ledger.admitSignal(entry('alert-1', T0 + 5 * MINUTE), WINDOW)).toBe('duplicate');
		});

		it('stays duplicate until 1 ms before the window ends and accepts again exactly when it has passed', async () => {
			const ledger = open();

			expect(await ledger.admitSignal(entry('alert-1', T0), WINDOW)).toBe('accepted');
			expect(await ledger.admitSignal(entry('alert-1', T0 + WINDOW - 1), WINDOW)).toBe('duplicate');
			expect(await ledger.admitSignal(entry('alert-1', T0 + WINDOW), WINDOW)).toBe('accepted');
		});

		it('does not extend the window when a duplicate arrives; a re-acceptance starts a new window', async () => {
			const ledger = open();

			expect(await ledger.admitSignal(entry('alert-1', T0), WINDOW)).toBe('accepted');
			expect(await ledger.admitSignal(entry('alert-1', T0 + WINDOW - 1), WINDOW)).toBe('duplicate');
			// Measured from the accepted delivery at T0, not from the duplicate just before.
			expect(await ledger.admitSignal(entry('alert-1', T0 + WINDOW), WINDOW)).toBe('accepted');
			expect(await ledger.admitSignal(entry('alert-1', T0 + WINDOW + 1), WINDOW)).toBe('duplicate');
			expect(await ledger.admitSignal(entry('alert-1', T0 + 2 * WINDOW - 1), WINDOW)).toBe('duplicate');
			expect(await ledger.admitSignal(entry('alert-1', T0 + 2 * WINDOW), WINDOW)).toBe('accepted');
		});

		it('keeps a delivery that arrives with an earlier receivedAt than a live claim a duplicate', async () => {
			const ledger = open();

			expect(await ledger.admitSignal(entry('alert-1', T0), WINDOW)).toBe('accepted');
			expect(await ledger.admitSignal(entry('alert-1', T0 - MINUTE), WINDOW)).toBe('duplicate');
		});

		it('accepts every delivery when the window is 0 and records no claim', async () => {
			const ledger = open();

			const outcomes = [
				await ledger.admitSignal(entry('alert-1', T0), 0),
				await ledger.admitSignal(entry('alert-1', T0), 0),
				await ledger.admitSignal(entry('alert-1', T0 + 1), 0),
			];

			expect(outcomes).toEqual(['accepted', 'accepted', 'accepted']);
			expect(readOnlyRows(dbPath, 'SELECT * FROM signal_claim')).toEqual([]);
			expect((await ledger.listSignals()).map((signal) => signal.outcome)).toEqual([
				'accepted',
				'accepted',
				'accepted',
			]);
		});

		it('treats a negative window like 0: no duplicate detection', async () => {
			const ledger = open();

			expect(await ledger.admitSignal(entry('alert-1', T0), -1)).toBe('accepted');
			expect(await ledger.admitSignal(entry('alert-1', T0), -1)).toBe('accepted');
		});

		it('with window 0 a delivery is accepted even while a claim from a non-zero window is live', async () => {
			const ledger = open();

			expect(await ledger.admitSignal(entry('alert-1', T0), WINDOW)).toBe('accepted');
			expect(await ledger.admitSignal(entry('alert-1', T0 + 1), 0)).toBe('accepted');
			// The window-0 delivery neither removed nor renewed the live claim.
			expect(await ledger.admitSignal(entry('alert-1', T0 + 2), WINDOW)).toBe('duplicate');
		});

		it('keeps the same alertId in different scopes apart', async () => {
			const ledger = open();

			expect(await ledger.admitSignal(entry('alert-1', T0, { scope: 'wf-1/node-1' }), WINDOW)).toBe('accepted');
			expect(await ledger.admitSignal(entry('alert-1', T0, { scope: 'wf-2/node-1' }), WINDOW)).toBe('accepted');
			expect(await ledger.admitSignal(entry('alert-1', T0, { scope: 'wf-1/node-2' }), WINDOW)).toBe('accepted');
			expect(await ledger.admitSignal(entry('alert-1', T0 + 1, { scope: 'wf-2/node-1' }), WINDOW)).toBe(
				'duplicate',
			);
		});

		it('keeps different alertIds in the same scope apart', async () => {
			const ledger = open();

			expect(await ledger.admitSignal(entry('alert-1', T0), WINDOW)).toBe('accepted');
			expect(await ledger.admitSignal(entry('alert-2', T0), WINDOW)).toBe('accepted');
			expect(await ledger.admitSignal(entry('alert-1', T0 + 1), WINDOW)).toBe('duplicate');
			expect(await ledger.admitSignal(entry('alert-2', T0 + 1), WINDOW)).toBe('duplicate');
		});

		it('stores the claim with the receivedAt of the accepted delivery and its expiry', async () => {
			const ledger = open();

			await ledger.admitSignal(entry('alert-1', T0), WINDOW);
			await ledger.admitSignal(entry('alert-1', T0 + MINUTE), WINDOW);

			expect(readOnlyRows(dbPath, 'SELECT * FROM signal_claim')).toEqual([
				{ scope: SCOPE, alert_id: 'alert-1', claimed_at_ms: T0, expires_at_ms: T0 + WINDOW },
			]);
		});
	});

	describe('signal log', () => {
		it('logs each admitted signal with its outcome and status 200, a duplicate with whether its original started', async () => {
			const ledger = open();

			await ledger.admitSignal(entry('alert-1', T0), WINDOW);
			await ledger.admitSignal(entry('alert-1', T0 + 1000, { sourceIp: null, body: 'second' }), WINDOW);

			expect(await ledger.listSignals()).toEqual([
				{
					id: 1,
					receivedAt: '2024-03-01T12:00:00.000Z',
					scope: SCOPE,
					sourceIp: '52.89.214.238',
					outcome: 'accepted',
					httpStatus: 200,
					reason: null,
					alertId: 'alert-1',
					body: '{"action":"buy","symbol":"AAPL"}',
					details: null,
				},
				{
					id: 2,
					receivedAt: '2024-03-01T12:00:01.000Z',
					scope: SCOPE,
					sourceIp: null,
					outcome: 'duplicate',
					httpStatus: 200,
					reason: null,
					alertId: 'alert-1',
					body: 'second',
					details: {
						originalAcceptedAt: '2024-03-01T12:00:00.000Z',
						originalStarted: false,
						originalStartedAt: null,
						originalStartedBy: null,
					},
				},
			]);
		});

		it('logs a rejected signal with its status, reason and details, and without an alertId when it has none', async () => {
			const ledger = open();
			const details = [{ field: 'token', message: 'missing or wrong token' }];

			await ledger.recordRejectedSignal({
				receivedAt: new Date(T0),
				scope: SCOPE,
				sourceIp: '203.0.113.9',
				alertId: null,
				body: '{"token":"[redacted]"}',
				httpStatus: 401,
				reason: 'unauthorized',
				details,
			});
			await ledger.recordRejectedSignal({
				receivedAt: new Date(T0 + 1),
				scope: SCOPE,
				sourceIp: null,
				alertId: 'alert-9',
				body: '',
				httpStatus: 422,
				reason: 'stale_alert',
				details: undefined,
			});

			expect(await ledger.listSignals()).toEqual([
				{
					id: 1,
					receivedAt: '2024-03-01T12:00:00.000Z',
					scope: SCOPE,
					sourceIp: '203.0.113.9',
					outcome: 'rejected',
					httpStatus: 401,
					reason: 'unauthorized',
					alertId: null,
					body: '{"token":"[redacted]"}',
					details,
				},
				{
					id: 2,
					receivedAt: '2024-03-01T12:00:00.001Z',
					scope: SCOPE,
					sourceIp: null,
					outcome: 'rejected',
					httpStatus: 422,
					reason: 'stale_alert',
					alertId: 'alert-9',
					body: '',
					details: null,
				},
			]);
		});

		it('writes the exact columns of every admit and rejection to the signal_log table in the file', async () => {
			const ledger = open();

			await ledger.admitSignal(entry('alert-1', T0), WINDOW);
			await ledger.admitSignal(entry('alert-1', T0 + 250, { sourceIp: '2001:db8::7' }), WINDOW);
			await ledger.recordRejectedSignal({
				receivedAt: new Date(T0 + 500),
				scope: SCOPE,
				sourceIp: '198.51.100.4',
				alertId: null,
				body: 'token=[redacted]',
				httpStatus: 403,
				reason: 'forbidden',
				details: [{ field: 'sourceIp', message: '198.51.100.4 is not allowed' }],
			});

			expect(readOnlyRows(dbPath, 'SELECT * FROM signal_log ORDER BY id')).toEqual([
				{
					id: 1,
					received_at: '2024-03-01T12:00:00.000Z',
					scope: SCOPE,
					source_ip: '52.89.214.238',
					outcome: 'accepted',
					http_status: 200,
					reason: null,
					alert_id: 'alert-1',
					body: '{"action":"buy","symbol":"AAPL"}',
					details: null,
				},
				{
					id: 2,
					received_at: '2024-03-01T12:00:00.250Z',
					scope: SCOPE,
					source_ip: '2001:db8::7',
					outcome: 'duplicate',
					http_status: 200,
					reason: null,
					alert_id: 'alert-1',
					body: '{"action":"buy","symbol":"AAPL"}',
					details:
						'{"originalAcceptedAt":"2024-03-01T12:00:00.000Z","originalStarted":false,"originalStartedAt":null,"originalStartedBy":null}',
				},
				{
					id: 3,
					received_at: '2024-03-01T12:00:00.500Z',
					scope: SCOPE,
					source_ip: '198.51.100.4',
					outcome: 'rejected',
					http_status: 403,
					reason: 'forbidden',
					alert_id: null,
					body: 'token=[redacted]',
					details: '[{"field":"sourceIp","message":"198.51.100.4 is not allowed"}]',
				},
			]);
		});

		it('filters listSignals by scope, alertId and outcome, honours limit and keeps insertion order', async () => {
			const ledger = open();
			await ledger.admitSignal(entry('a', T0, { scope: 's1' }), WINDOW);
			await ledger.admitSignal(entry('a', T0 + 1, { scope: 's1' }), WINDOW);
			await ledger.admitSignal(entry('b', T0 + 2, { scope: 's1' }), WINDOW);
			await ledger.admitSignal(entry('a', T0 + 3, { scope: 's2' }), WINDOW);
			await ledger.recordRejectedSignal({
				...entry('a', T0 + 4, { scope: 's1' }),
				httpStatus: 422,
				reason: 'stale_alert',
				details: null,
			});

			const ids = async (query: Parameters<SqliteSignalLedger['listSignals']>[0]) =>
				(await ledger.listSignals(query)).map((signal) => signal.id);

			expect(await ids({})).toEqual([1, 2, 3, 4, 5]);
			expect(await ids({ scope: 's1' })).toEqual([1, 2, 3, 5]);
			expect(await ids({ alertId: 'a' })).toEqual([1, 2, 4, 5]);
			expect(await ids({ scope: 's1', alertId: 'a' })).toEqual([1, 2, 5]);
			expect(await ids({ outcome: 'accepted' })).toEqual([1, 3, 4]);
			expect(await ids({ outcome: 'duplicate' })).toEqual([2]);
			expect(await ids({ outcome: 'rejected' })).toEqual([5]);
			expect(await ids({ scope: 's2', outcome: 'duplicate' })).toEqual([]);
			expect(await ids({ limit: 2 })).toEqual([1, 2]);
			expect(await ids({ scope: 's1', limit: 3 })).toEqual([1, 2, 3]);
		});

		it('creates missing parent folders, records the schema version and uses WAL journal mode', async () => {
			const nested = dir.file('a/b/c/ledger.sqlite');
			expect(existsSync(dir.file('a'))).toBe(false);

			const ledger = open(nested);
			await ledger.admitSignal(entry('alert-1', T0), WINDOW);

			expect(existsSync(nested)).toBe(true);
			expect(readOnlyRows(nested, 'SELECT key, value FROM ledger_meta')).toEqual([
				{ key: 'schema_version', value: '1' },
			]);
			expect(readOnlyRows(nested, 'PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
		});

		it('works as an in-memory database for ":memory:"', async () => {
			const ledger = open(':memory:');

			expect(await ledger.admitSignal(entry('alert-1', T0), WINDOW)).toBe('accepted');
			expect(await ledger.admitSignal(entry('alert-1', T0 + 1), WINDOW)).toBe('duplicate');
			expect((await ledger.listSignals()).length).toBe(2);
			expect(existsSync(':memory:')).toBe(false);
		});
	});

	describe('atomicity', () => {
		it('100 concurrent admits of one alertId yield exactly 1 accepted and 99 duplicates', async () => {
			const ledger = open();

			const outcomes = await Promise.all(
				Array.from({ length: 100 }, async () => await ledger.admitSignal(entry('alert-1', T0), WINDOW)),
			);

			expect(countOutcomes(outcomes)).toEqual({ accepted: 1, duplicate: 99 });
			expect(await ledger.listSignals({ outcome: 'accepted' })).toHaveLength(1);
			expect(await ledger.listSignals({ outcome: 'duplicate' })).toHaveLength(99);
			expect(readOnlyRows(dbPath, 'SELECT COUNT(*) AS n FROM signal_claim')).toEqual([{ n: 1 }]);
		});

		it('two ledger instances on one file interleaving admits accept an alertId exactly once', async () => {
			const first = open();
			const second = open();

			const outcomes: SignalOutcome[] = [];
			for (let round = 0; round < 20; round++) {
				outcomes.push(await second.admitSignal(entry('alert-1', T0 + round), WINDOW));
				outcomes.push(await first.admitSignal(entry('alert-1', T0 + round), WINDOW));
			}

			expect(outcomes[0]).toBe('accepted');
			expect(countOutcomes(outcomes)).toEqual({ accepted: 1, duplicate: 39 });
			// Each instance sees the rows the other wrote.
			expect(await first.listSignals()).toHaveLength(40);
			expect(await second.listSignals()).toHaveLength(40);
		});

		it('two ledger instances on one file racing through Promise.all accept each of 50 alertIds exactly once', async () => {
			const ledgers = [open(), open()];

			const attempts = Array.from({ length: 50 }, (_, index) => `alert-${index}`).flatMap((alertId) =>
				[0, 1, 2, 3].map(async (attempt) => ({
					alertId,
					outcome: await ledgers[attempt % 2].admitSignal(entry(alertId, T0), WINDOW),
				})),
			);
			const results = await Promise.all(attempts);

			const acceptedPerAlert = new Map<string, number>();
			for (const { alertId, outcome } of results) {
				acceptedPerAlert.set(alertId, (acceptedPerAlert.get(alertId) ?? 0) + (outcome === 'accepted' ? 1 : 0));
			}
			expect([...new Set(acceptedPerAlert.values())]).toEqual([1]);
			expect(acceptedPerAlert.size).toBe(50);
			expect(countOutcomes(results.map((result) => result.outcome))).toEqual({ accepted: 50, duplicate: 150 });
		});

		it('a claim made before the file is closed is still a duplicate after it is reopened', async () => {
			const before = new SqliteSignalLedger(dbPath);
			expect(await before.admitSignal(entry('alert-1', T0), WINDOW)).toBe('accepted');
			await before.close();

			const after = open();
			expect(await after.admitSignal(entry('alert-1', T0 + WINDOW - 1), WINDOW)).toBe('duplicate');
			expect(await after.admitSignal(entry('alert-1', T0 + WINDOW), WINDOW)).toBe('accepted');
			expect((await after.listSignals()).map((signal) => [signal.id, signal.outcome])).toEqual([
				[1, 'accepted'],
				[2, 'duplicate'],
				[3, 'accepted'],
			]);
		});

		it('rolls the claim back when logging the signal fails, so the next delivery is accepted', async () => {
			const ledger = open();
			const broken = entry('alert-1', T0, { body: null as unknown as string });

			await expect(ledger.admitSignal(broken, WINDOW)).rejects.toThrow('NOT NULL constraint failed: signal_log.body');

			expect(readOnlyRows(dbPath, 'SELECT * FROM signal_claim')).toEqual([]);
			expect(await ledger.listSignals()).toEqual([]);
			expect(await ledger.admitSignal(entry('alert-1', T0 + 1), WINDOW)).toBe('accepted');
			expect(await ledger.admitSignal(entry('alert-1', T0 + 2), WINDOW)).toBe('duplicate');
		});
	});

	describe('purgeSignalsBefore', () => {
		it('deletes signals received before the cutoff and claims expired by it, and returns the rows removed', async () => {
			const ledger = open();
			const cutoff = T0 + 24 * 60 * MINUTE;
			// Old: two log rows and a claim that expired long before the cutoff.
			await ledger.admitSignal(entry('old', T0), WINDOW);
			await ledger.recordRejectedSignal({
				...entry('old', T0 + 1),
				httpStatus: 401,
				reason: 'unauthorized',
				details: null,
			});
			// A claim that expires exactly at the cutoff counts as expired; its log row is older.
			await ledger.admitSignal(entry('edge', cutoff - WINDOW), WINDOW);
			// Received exactly at the cutoff: kept, and its claim is live.
			await ledger.admitSignal(entry('new', cutoff), WINDOW);

			const removed = await ledger.purgeSignalsBefore(new Date(cutoff));

			expect(removed).toBe(5);
			expect((await ledger.listSignals()).map((signal) => [signal.alertId, signal.receivedAt])).toEqual([
				['new', '2024-03-02T12:00:00.000Z'],
			]);
			expect(readOnlyRows(dbPath, 'SELECT alert_id, expires_at_ms FROM signal_claim')).toEqual([
				{ alert_id: 'new', expires_at_ms: cutoff + WINDOW },
			]);
		});

		it('keeps a claim that is still live at the cutoff, so its alertId stays a duplicate', async () => {
			const ledger = open();
			await ledger.admitSignal(entry('alert-1', T0), WINDOW);

			const removed = await ledger.purgeSignalsBefore(new Date(T0 + 1));

			expect(removed).toBe(1);
			expect(await ledger.listSignals()).toEqual([]);
			expect(await ledger.admitSignal(entry('alert-1', T0 + 2), WINDOW)).toBe('duplicate');
		});

		it('returns 0 when nothing is older than the cutoff', async () => {
			const ledger = open();
			await ledger.admitSignal(entry('alert-1', T0), WINDOW);

			expect(await ledger.purgeSignalsBefore(new Date(T0))).toBe(0);
			expect(await ledger.listSignals()).toHaveLength(1);
		});
	});

	describe('close', () => {
		it('can be called twice and makes later calls reject', async () => {
			const ledger = new SqliteSignalLedger(dbPath);
			await ledger.close();
			await ledger.close();

			await expect(ledger.listSignals()).rejects.toThrow('database is not open');
			await expect(ledger.admitSignal(entry('alert-1', T0), WINDOW)).rejects.toThrow('database is not open');
		});
	});
});
