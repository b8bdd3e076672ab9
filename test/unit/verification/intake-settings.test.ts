import { buildIntakeConfig, MAX_BODY_BYTES } from '../../../core/intake/intake-settings';
import { TRADINGVIEW_WEBHOOK_IPS } from '../../../core/signal/source-ip';

const TOKEN = 'primary-token-0123';
const SECONDARY = 'secondary-token-456';

/** The trigger's defaults, as intake-context passes them. */
function settings(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		scope: 'wf-1/node-1',
		tokens: [TOKEN],
		tokenField: 'token',
		maxAlertAgeSeconds: 60,
		duplicateWindowMinutes: 10,
		restrictSourceIps: false,
		allowedIps: '',
		trustedProxies: '',
		retentionDays: 90,
		...overrides,
	};
}

function configOf(input: Record<string, unknown>) {
	const result = buildIntakeConfig(input);
	if (!result.ok) throw new Error(`expected a valid config, got ${JSON.stringify(result.failure)}`);
	return result.value;
}

describe('buildIntakeConfig', () => {
	it('maps the defaults: seconds and minutes to milliseconds, passphrase as a second token field, no IP restriction', () => {
		const config = configOf(settings({ tokens: [TOKEN, SECONDARY] }));

		expect(config).toEqual({
			scope: 'wf-1/node-1',
			tokens: [TOKEN, SECONDARY],
			tokenFields: ['token', 'passphrase'],
			maxAgeMs: 60_000,
			dedupeWindowMs: 600_000,
			allowedIps: null,
			trustedProxies: expect.any(Object),
			maxBodyBytes: 65_536,
			retentionDays: 90,
			allowNonAsciiSymbols: false,
			redeliverAfterMs: 0,
		});
		expect(config.trustedProxies.entries).toEqual([]);
		expect(MAX_BODY_BYTES).toBe(64 * 1024);
	});

	it('allows non-ASCII symbols only when asked to, and refuses a setting that is not true/false', () => {
		expect(configOf(settings({ allowNonAsciiSymbols: true })).allowNonAsciiSymbols).toBe(true);
		expect(buildIntakeConfig(settings({ allowNonAsciiSymbols: 'yes' }))).toEqual({
			ok: false,
			failure: [{ field: 'allowNonAsciiSymbols', message: 'Expected boolean, received string' }],
		});
	});

	it('converts fractional and zero durations exactly', () => {
		const config = configOf(settings({ maxAlertAgeSeconds: 1.5, duplicateWindowMinutes: 0.5 }));
		expect(config.maxAgeMs).toBe(1_500);
		expect(config.dedupeWindowMs).toBe(30_000);

		const disabled = configOf(settings({ maxAlertAgeSeconds: 0, duplicateWindowMinutes: 0, retentionDays: 0 }));
		expect([disabled.maxAgeMs, disabled.dedupeWindowMs, disabled.retentionDays]).toEqual([0, 0, 0]);
	});

	it('lists passphrase once when it is the configured token field', () => {
		expect(configOf(settings({ tokenField: 'passphrase' })).tokenFields).toEqual(['passphrase']);
	});

	it('trims the configured token field and keeps it first', () => {
		expect(configOf(settings({ tokenField: '  secret ' })).tokenFields).toEqual(['secret', 'passphrase']);
		expect(configOf(settings({ tokenField: ' passphrase ' })).tokenFields).toEqual(['passphrase']);
	});

	it('refuses a blank token field', () => {
		const result = buildIntakeConfig(settings({ tokenField: '   ' }));

		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.failure.map((issue) => issue.field)).toEqual(['tokenField']);
	});

	it('refuses a token shorter than 12 characters, naming tokens.0', () => {
		expect(buildIntakeConfig(settings({ tokens: ['elevenchars'] }))).toEqual({
			ok: false,
			failure: [{ field: 'tokens.0', message: 'a token must have at least 12 characters' }],
		});
	});

	it('names the position of a short secondary token', () => {
		expect(buildIntakeConfig(settings({ tokens: [TOKEN, 'short'] }))).toEqual({
			ok: false,
			failure: [{ field: 'tokens.1', message: 'a token must have at least 12 characters' }],
		});
	});

	it('accepts a token of exactly 12 characters', () => {
		expect(configOf(settings({ tokens: ['twelve-chars'] })).tokens).toEqual(['twelve-chars']);
	});

	it('refuses a credential without any token', () => {
		expect(buildIntakeConfig(settings({ tokens: [] }))).toEqual({
			ok: false,
			failure: [{ field: 'tokens', message: 'the credential has no token' }],
		});
	});

	it('refuses an empty scope and negative durations, naming each field', () => {
		const result = buildIntakeConfig(
			settings({ scope: '', maxAlertAgeSeconds: -1, duplicateWindowMinutes: -1, retentionDays: -1 }),
		);

		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.failure.map((issue) => issue.field)).toEqual([
				'scope',
				'maxAlertAgeSeconds',
				'duplicateWindowMinutes',
				'retentionDays',
			]);
		}
	});

	it('refuses an infinite duration', () => {
		const result = buildIntakeConfig(settings({ duplicateWindowMinutes: Number.POSITIVE_INFINITY }));

		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.failure.map((issue) => issue.field)).toEqual(['duplicateWindowMinutes']);
	});

	it('restricts source IPs to the allowed list when asked to', () => {
		const config = configOf(settings({ restrictSourceIps: true, allowedIps: TRADINGVIEW_WEBHOOK_IPS.join(', ') }));

		expect(config.allowedIps?.entries).toEqual(TRADINGVIEW_WEBHOOK_IPS);
		expect(config.allowedIps?.contains('52.89.214.238')).toBe(true);
		expect(config.allowedIps?.contains('::ffff:34.212.75.30')).toBe(true);
		expect(config.allowedIps?.contains('1.1.1.1')).toBe(false);
	});

	it('leaves allowedIps null when source IPs are not restricted, even if a list is given', () => {
		expect(configOf(settings({ restrictSourceIps: false, allowedIps: '52.89.214.238' })).allowedIps).toBeNull();
	});

	it('refuses an invalid allowedIps entry, naming allowedIps', () => {
		expect(buildIntakeConfig(settings({ restrictSourceIps: true, allowedIps: '52.89.214.238, 52.89.214' }))).toEqual({
			ok: false,
			failure: [{ field: 'allowedIps', message: '"52.89.214" is not an IP address or CIDR range' }],
		});
	});

	it.each(['', '  ', ' , \n'])('refuses restricted source IPs with an empty list (%p)', (allowedIps) => {
		expect(buildIntakeConfig(settings({ restrictSourceIps: true, allowedIps }))).toEqual({
			ok: false,
			failure: [{ field: 'allowedIps', message: 'source IPs are restricted but none is allowed' }],
		});
	});

	it('parses trusted proxies and refuses an invalid one, naming trustedProxies', () => {
		const config = configOf(settings({ trustedProxies: '10.0.0.0/8, 172.16.0.1' }));
		expect(config.trustedProxies.entries).toEqual(['10.0.0.0/8', '172.16.0.1']);
		expect(config.trustedProxies.contains('10.20.30.40')).toBe(true);
		expect(config.trustedProxies.contains('172.16.0.2')).toBe(false);

		expect(buildIntakeConfig(settings({ trustedProxies: 'proxy.local' }))).toEqual({
			ok: false,
			failure: [{ field: 'trustedProxies', message: '"proxy.local" is not an IP address or CIDR range' }],
		});
	});

	it('reports allowedIps and trustedProxies issues together', () => {
		expect(buildIntakeConfig(settings({ restrictSourceIps: true, allowedIps: 'x', trustedProxies: 'y' }))).toEqual({
			ok: false,
			failure: [
				{ field: 'allowedIps', message: '"x" is not an IP address or CIDR range' },
				{ field: 'trustedProxies', message: '"y" is not an IP address or CIDR range' },
			],
		});
	});

	it('refuses input that is not an object', () => {
		const result = buildIntakeConfig(undefined);

		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.failure).toEqual([{ field: '', message: 'Required' }]);
	});
});
