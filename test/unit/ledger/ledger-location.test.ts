import { homedir } from 'node:os';
import { join } from 'node:path';

import { defaultLedgerPath, LEDGER_PATH_ENV, SQLITE_SHARED_ENV, sqliteLedgerProblem } from '../../../core/ledger/ledger-location';

describe('defaultLedgerPath', () => {
	it('names the environment variable TRADINGVIEW_AUTOTRADE_LEDGER', () => {
		expect(LEDGER_PATH_ENV).toBe('TRADINGVIEW_AUTOTRADE_LEDGER');
	});

	it('uses TRADINGVIEW_AUTOTRADE_LEDGER, trimmed, before anything else', () => {
		const env = { TRADINGVIEW_AUTOTRADE_LEDGER: '  /data/tv/ledger.db \n', N8N_USER_FOLDER: '/srv/n8n' };

		expect(defaultLedgerPath(env, '/home/someone')).toBe('/data/tv/ledger.db');
	});

	it('uses <N8N_USER_FOLDER>/.n8n/tradingview-autotrade/ledger.sqlite when no explicit file is named', () => {
		expect(defaultLedgerPath({ N8N_USER_FOLDER: '/srv/n8n' }, '/home/someone')).toBe(
			'/srv/n8n/.n8n/tradingview-autotrade/ledger.sqlite',
		);
	});

	it('ignores a blank TRADINGVIEW_AUTOTRADE_LEDGER and falls back to N8N_USER_FOLDER', () => {
		expect(defaultLedgerPath({ TRADINGVIEW_AUTOTRADE_LEDGER: '   ', N8N_USER_FOLDER: ' /srv/n8n ' }, '/home/x')).toBe(
			'/srv/n8n/.n8n/tradingview-autotrade/ledger.sqlite',
		);
	});

	it('falls back to the home folder when neither variable is set or both are blank', () => {
		expect(defaultLedgerPath({}, '/home/someone')).toBe('/home/someone/.n8n/tradingview-autotrade/ledger.sqlite');
		expect(defaultLedgerPath({ TRADINGVIEW_AUTOTRADE_LEDGER: '', N8N_USER_FOLDER: '  ' }, '/home/someone')).toBe(
			'/home/someone/.n8n/tradingview-autotrade/ledger.sqlite',
		);
	});

	it("uses the operating system's home folder when none is passed", () => {
		expect(defaultLedgerPath({})).toBe(join(homedir(), '.n8n', 'tradingview-autotrade', 'ledger.sqlite'));
	});
});

describe('sqliteLedgerProblem', () => {
	it('lets one n8n process (no queue mode) use SQLite', () => {
		expect(sqliteLedgerProblem({})).toBeNull();
		expect(sqliteLedgerProblem({ EXECUTIONS_MODE: 'regular' })).toBeNull();
	});

	it('refuses SQLite in queue mode, naming PostgreSQL and the variable that states a shared file', () => {
		const problem = sqliteLedgerProblem({ EXECUTIONS_MODE: ' queue ' });
		expect(problem).toContain('queue mode');
		expect(problem).toContain('PostgreSQL');
		expect(problem).toContain(`${SQLITE_SHARED_ENV}=true`);
		expect(SQLITE_SHARED_ENV).toBe('TRADINGVIEW_AUTOTRADE_SQLITE_SHARED');
	});

	it('allows SQLite in queue mode only when the user states the file is shared', () => {
		expect(sqliteLedgerProblem({ EXECUTIONS_MODE: 'queue', TRADINGVIEW_AUTOTRADE_SQLITE_SHARED: 'TRUE' })).toBeNull();
		expect(sqliteLedgerProblem({ EXECUTIONS_MODE: 'queue', TRADINGVIEW_AUTOTRADE_SQLITE_SHARED: '1' })).not.toBeNull();
	});
});
