import { DEFAULT_RETENTION_DAYS, RetentionSweeper, sweepInBackground } from '../../../core/ledger/retention';
import type { SignalLedger } from '../../../core/ledger/signal-ledger';
import { SqliteSignalLedger } from '../../../core/ledger/sqlite/sqlite-signal-ledger';
import { makeTempDir } from './temp-ledger-dir';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2024-06-01T00:00:00.000Z');

function fakeLedger(removed = 7): { ledger: SignalLedger; purge: jest.Mock<Promise<number>, [Date]> } {
	const purge = jest.fn<Promise<number>, [Date]>(async () => removed);
	const unused = async (): Promise<never> => {
		throw new Error('not used by the sweeper');
	};
	const ledger: SignalLedger = {
		admitAlert: unused,
		admitSignal: unused,
		markStarted: unused,
		startOf: unused,
		recordRejectedSignal: unused,
		listSignals: unused,
		purgeSignalsBefore: purge,
		close: unused,
	};
	return { ledger, purge };
}

describe('RetentionSweeper', () => {
	it('keeps 90 days by default', () => {
		expect(DEFAULT_RETENTION_DAYS).toBe(90);
	});

	it('purges signals older than retentionDays before now and returns what the ledger removed', async () => {
		const { ledger, purge } = fakeLedger(7);
		const sweeper = new RetentionSweeper(async (cutoff) => await ledger.purgeSignalsBefore(cutoff));

		expect(await sweeper.maybeSweep(new Date(NOW), 90)).toBe(7);

		expect(purge).toHaveBeenCalledTimes(1);
		expect(purge.mock.calls[0][0].toISOString()).toBe('2024-03-03T00:00:00.000Z');
		expect(purge.mock.calls[0][0].getTime()).toBe(NOW - 90 * DAY);
	});

	it('sweeps at most once an hour: not 1 ms before the hour is up, again exactly when it is', async () => {
		const { ledger, purge } = fakeLedger(3);
		const sweeper = new RetentionSweeper(async (cutoff) => await ledger.purgeSignalsBefore(cutoff));

		expect(await sweeper.maybeSweep(new Date(NOW), 30)).toBe(3);
		expect(await sweeper.maybeSweep(new Date(NOW + 1), 30)).toBe(0);
		expect(await sweeper.maybeSweep(new Date(NOW + HOUR - 1), 30)).toBe(0);
		expect(purge).toHaveBeenCalledTimes(1);

		expect(await sweeper.maybeSweep(new Date(NOW + HOUR), 30)).toBe(3);
		expect(purge).toHaveBeenCalledTimes(2);
		expect(purge.mock.calls[1][0].getTime()).toBe(NOW + HOUR - 30 * DAY);

		expect(await sweeper.maybeSweep(new Date(NOW + 2 * HOUR - 1), 30)).toBe(0);
		expect(purge).toHaveBeenCalledTimes(2);
	});

	it.each([0, -1, Number.NaN])('never sweeps when retentionDays is %p', async (retentionDays) => {
		const { ledger, purge } = fakeLedger();
		const sweeper = new RetentionSweeper(async (cutoff) => await ledger.purgeSignalsBefore(cutoff));

		expect(await sweeper.maybeSweep(new Date(NOW), retentionDays)).toBe(0);
		expect(await sweeper.maybeSweep(new Date(NOW + 2 * HOUR), retentionDays)).toBe(0);
		expect(purge).not.toHaveBeenCalled();
	});

	it('a call with retention disabled does not use up the hourly sweep', async () => {
		const { ledger, purge } = fakeLedger(4);
		const sweeper = new RetentionSweeper(async (cutoff) => await ledger.purgeSignalsBefore(cutoff));

		expect(await sweeper.maybeSweep(new Date(NOW), 0)).toBe(0);
		expect(await sweeper.maybeSweep(new Date(NOW + 1), 90)).toBe(4);
		expect(purge).toHaveBeenCalledTimes(1);
	});

	it('each sweeper keeps its own hourly schedule', async () => {
		const first = fakeLedger(1);
		const second = fakeLedger(2);

		expect(await new RetentionSweeper(async (cutoff) => await first.ledger.purgeSignalsBefore(cutoff)).maybeSweep(new Date(NOW), 90)).toBe(1);
		expect(await new RetentionSweeper(async (cutoff) => await second.ledger.purgeSignalsBefore(cutoff)).maybeSweep(new Date(NOW), 90)).toBe(2);
	});

	it('deletes only rows older than the retention period from a real ledger', async () => {
		const dir = makeTempDir();
		const ledger = new SqliteSignalLedger(dir.file('ledger.sqlite'));
		try {
			const base = { scope: 'wf/node', sourceIp: null, body: 'x' };
			await ledger.admitSignal({ ...base, alertId: 'old', receivedAt: new Date(NOW - 91 * DAY) }, 60_000);
			await ledger.admitSignal({ ...base, alertId: 'recent', receivedAt: new Date(NOW - 89 * DAY) }, 60_000);

			const sweeper = new RetentionSweeper(async (cutoff) => await ledger.purgeSignalsBefore(cutoff));
			// The old signal row and its claim; the recent claim expired before now but after the
			// cutoff, so it stays until it is older than the retention period too.
			expect(await sweeper.maybeSweep(new Date(NOW), 90)).toBe(2);
			expect((await ledger.listSignals()).map((signal) => signal.alertId)).toEqual(['recent']);
			expect(await sweeper.maybeSweep(new Date(NOW + HOUR - 1), 1)).toBe(0);
			expect((await ledger.listSignals()).map((signal) => signal.alertId)).toEqual(['recent']);
		} finally {
			await ledger.close();
			dir.remove();
		}
	});
});

describe('sweepInBackground', () => {
	it('keeps one sweeper per store: a second call within the hour purges nothing more, another store purges its own', async () => {
		const first = jest.fn(async (_cutoff: Date) => 1);
		const second = jest.fn(async (_cutoff: Date) => 2);
		const storeA = {};
		const storeB = {};
		sweepInBackground(storeA, first, new Date(NOW), 90);
		sweepInBackground(storeA, first, new Date(NOW + HOUR - 1), 90);
		sweepInBackground(storeB, second, new Date(NOW), 90);
		sweepInBackground(storeA, first, new Date(NOW + HOUR), 90);
		await new Promise((resolve) => setImmediate(resolve));
		expect(first.mock.calls.map(([cutoff]) => cutoff.getTime())).toEqual([NOW - 90 * DAY, NOW + HOUR - 90 * DAY]);
		expect(second).toHaveBeenCalledTimes(1);
	});

	it('never lets a failed purge reach the caller', async () => {
		const failing = jest.fn(async () => {
			throw new Error('database is locked');
		});
		expect(() => sweepInBackground({}, failing, new Date(NOW), 90)).not.toThrow();
		await new Promise((resolve) => setImmediate(resolve));
		expect(failing).toHaveBeenCalledTimes(1);
	});
});
