import { cachedIntakeConfig } from '../../../core/intake/intake-config-cache';
import { buildIntakeConfig } from '../../../core/intake/intake-settings';
import { PRIMARY, SETTINGS } from './intake-fixture';

describe('cachedIntakeConfig', () => {
	it('builds the same config as buildIntakeConfig', () => {
		const cached = cachedIntakeConfig({ ...SETTINGS, restrictSourceIps: true, allowedIps: '10.0.0.0/8' });
		const built = buildIntakeConfig({ ...SETTINGS, restrictSourceIps: true, allowedIps: '10.0.0.0/8' });

		// Address lists hold functions, so the two are compared as data and by what they allow.
		expect(JSON.stringify(cached)).toBe(JSON.stringify(built));
		expect(cached.ok && cached.value.allowedIps?.contains('10.1.2.3')).toBe(true);
		expect(cached.ok && cached.value.allowedIps?.contains('192.168.0.1')).toBe(false);
	});

	it('returns the config built before for the same settings, even from another object', () => {
		const first = cachedIntakeConfig({ ...SETTINGS, scope: 'wf-cache/node' });

		expect(cachedIntakeConfig({ ...SETTINGS, scope: 'wf-cache/node' })).toBe(first);
	});

	it('builds anew when a setting or a token changes (a rotated token takes effect)', () => {
		const before = cachedIntakeConfig({ ...SETTINGS, scope: 'wf-rotate/node' });
		const rotated = cachedIntakeConfig({ ...SETTINGS, scope: 'wf-rotate/node', tokens: [PRIMARY, 'rotated-token-000000'] });
		const otherWindow = cachedIntakeConfig({ ...SETTINGS, scope: 'wf-rotate/node', duplicateWindowMinutes: 5 });

		expect(rotated).not.toBe(before);
		expect(rotated.ok && rotated.value.tokens).toEqual([PRIMARY, 'rotated-token-000000']);
		expect(otherWindow.ok && otherWindow.value.dedupeWindowMs).toBe(300_000);
	});

	it('keeps refusing a misconfiguration, naming the field', () => {
		const settings = { ...SETTINGS, scope: 'wf-bad/node', allowedIps: 'not-an-address', restrictSourceIps: true };

		const first = cachedIntakeConfig(settings);
		expect(first.ok).toBe(false);
		expect(!first.ok && first.failure.map((issue) => issue.field)).toEqual(['allowedIps']);
		expect(cachedIntakeConfig(settings)).toBe(first);
	});

	it('still answers after more distinct settings than it keeps', () => {
		for (let index = 0; index < 100; index++) cachedIntakeConfig({ ...SETTINGS, scope: `wf-many/${index}` });
		const again = cachedIntakeConfig({ ...SETTINGS, scope: 'wf-many/0' });

		expect(again.ok && again.value.scope).toBe('wf-many/0');
	});
});
