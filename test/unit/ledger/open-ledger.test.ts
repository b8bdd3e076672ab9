import { closeSharedLedgers, sharedSqliteLedger } from '../../../core/ledger/open-ledger';
import { SqliteSignalLedger } from '../../../core/ledger/sqlite/sqlite-signal-ledger';
import { makeTempDir, type TempDir } from './temp-ledger-dir';

const AT = new Date('2024-03-01T12:00:00.000Z');

function signal(alertId: string) {
	return { receivedAt: AT, scope: 'wf/node', sourceIp: null, alertId, body: '{}' };
}

describe('sharedSqliteLedger', () => {
	let dir: TempDir;

	beforeEach(() => {
		dir = makeTempDir();
	});

	afterEach(async () => {
		await closeSharedLedgers();
		dir.remove();
	});

	it('returns the same SQLite ledger instance for the same path', () => {
		const path = dir.file('ledger.sqlite');

		const first = sharedSqliteLedger(path);
		const second = sharedSqliteLedger(path);

		expect(first).toBeInstanceOf(SqliteSignalLedger);
		expect(second).toBe(first);
		expect((first as SqliteSignalLedger).database.path).toBe(path);
	});

	it('returns a different instance for a different path', () => {
		const first = sharedSqliteLedger(dir.file('one.sqlite'));
		const second = sharedSqliteLedger(dir.file('two.sqlite'));

		expect(second).not.toBe(first);
		expect((second as SqliteSignalLedger).database.path).toBe(dir.file('two.sqlite'));
	});

	it('shares duplicate detection between callers of the same path', async () => {
		const path = dir.file('ledger.sqlite');

		expect(await sharedSqliteLedger(path).admitSignal(signal('alert-1'), 60_000)).toBe('accepted');
		expect(await sharedSqliteLedger(path).admitSignal(signal('alert-1'), 60_000)).toBe('duplicate');
	});

	it('closeSharedLedgers closes every open ledger and the next call opens a new one on the same file', async () => {
		const path = dir.file('ledger.sqlite');
		const first = sharedSqliteLedger(path);
		const other = sharedSqliteLedger(dir.file('other.sqlite'));
		expect(await first.admitSignal(signal('alert-1'), 60_000)).toBe('accepted');

		await closeSharedLedgers();

		await expect(first.listSignals()).rejects.toThrow('database is not open');
		await expect(other.listSignals()).rejects.toThrow('database is not open');
		const reopened = sharedSqliteLedger(path);
		expect(reopened).not.toBe(first);
		expect(await reopened.admitSignal(signal('alert-1'), 60_000)).toBe('duplicate');
	});

	it('closeSharedLedgers with nothing open resolves', async () => {
		await closeSharedLedgers();
		await expect(closeSharedLedgers()).resolves.toBeUndefined();
	});
});
