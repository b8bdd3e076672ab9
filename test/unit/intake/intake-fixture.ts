import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { IntakeResult, RejectedRequest } from '../../../core/intake/intake-result';
import { buildIntakeConfig, type IntakeConfig, type IntakeSettings } from '../../../core/intake/intake-settings';
import type { IntakeRequest } from '../../../core/intake/receive-alert';
import { SqliteSignalLedger } from '../../../core/ledger/sqlite/sqlite-signal-ledger';
import type { AlertSignal, NormalisedAlert } from '../../../core/signal/normalised-alert';

export const PRIMARY = 'primary-token-123456';
export const SECONDARY = 'secondary-token-654321';
/** Has the length of a real token but is none of the accepted ones. */
export const WRONG = 'wrong-token-value-999';
export const SCOPE = 'wf1/node1';
export const RECEIVED_AT = new Date('2026-01-02T03:04:05.000Z');
export const RECEIVED_AT_ISO = '2026-01-02T03:04:05.000Z';
export const HASHED_ID = /^h-[0-9a-f]{32}$/;

export const SETTINGS: IntakeSettings = {
	scope: SCOPE,
	tokens: [PRIMARY, SECONDARY],
	tokenField: 'token',
	maxAlertAgeSeconds: 60,
	duplicateWindowMinutes: 10,
	restrictSourceIps: false,
	allowedIps: '',
	trustedProxies: '',
	retentionDays: 90,
};

/** The config the trigger would build from SETTINGS with `overrides` applied. */
export function configWith(overrides: Partial<IntakeSettings> = {}): IntakeConfig {
	const built = buildIntakeConfig({ ...SETTINGS, ...overrides });
	if (!built.ok) throw new Error(`test settings are invalid: ${JSON.stringify(built.failure)}`);
	return built.value;
}

export function request(body: string | Buffer | undefined, overrides: Partial<IntakeRequest> = {}): IntakeRequest {
	return {
		receivedAt: RECEIVED_AT,
		rawBody: typeof body === 'string' ? Buffer.from(body) : body,
		headers: {},
		query: {},
		remoteAddress: '127.0.0.1',
		...overrides,
	};
}

export const json = (fields: Record<string, unknown>): string => JSON.stringify(fields);

/** Every signal field null or default, to spread the few a test cares about over. */
export const BLANK_SIGNAL: Omit<AlertSignal, 'action' | 'symbol'> = {
	side: null,
	sentiment: null,
	exchange: null,
	quantity: null,
	quantityType: null,
	orderType: 'market',
	price: null,
	limitPrice: null,
	stopPrice: null,
	takeProfit: null,
	stopLoss: null,
	timeInForce: null,
	alertTime: null,
	interval: null,
	strategy: null,
	extra: {},
};

export function acceptedAlert(result: IntakeResult): NormalisedAlert {
	if (result.outcome !== 'accepted') {
		throw new Error(`expected the alert to be accepted, got ${result.outcome}: ${JSON.stringify(result.answer)}`);
	}
	return result.alert;
}

export function rejectionOf(result: IntakeResult): RejectedRequest {
	if (result.outcome !== 'rejected') {
		throw new Error(`expected the request to be rejected, got ${result.outcome}: ${JSON.stringify(result.answer)}`);
	}
	return result.rejection;
}

/** A real SQLite ledger in a directory of its own; `dispose` closes it and deletes the directory. */
export interface TempLedger {
	ledger: SqliteSignalLedger;
	dispose(): Promise<void>;
}

export function openTempLedger(): TempLedger {
	const dir = mkdtempSync(join(tmpdir(), 'tv-intake-'));
	const ledger = new SqliteSignalLedger(join(dir, 'ledger.sqlite'));
	return {
		ledger,
		dispose: async () => {
			await ledger.close();
			rmSync(dir, { recursive: true, force: true });
		},
	};
}
