import { buildRiskSettings, type RawRiskParameters } from '../../../core/risk/build-risk-settings';

function raw(overrides: Partial<RawRiskParameters> = {}): RawRiskParameters {
	return { book: 'wf/node', killSwitch: 'main', rules: {}, session: null, rateLimits: [], reservationTtlMinutes: 10, ...overrides };
}

describe('buildRiskSettings', () => {
	it('with no rules set, every rule is off but the kill switch', () => {
		const built = buildRiskSettings(raw());
		expect(built).toEqual({
			ok: true,
			value: expect.objectContaining({
				maxQuantity: null,
				maxNotional: null,
				symbolAllowlist: [],
				allowedActions: null,
				session: null,
				rateLimits: [],
				cooldownMs: null,
				maxOrdersPerDay: null,
				killSwitch: 'main',
				reservationTtlMs: 600_000,
			}),
		});
	});

	it('maps each parameter to its rule', () => {
		const built = buildRiskSettings(
			raw({
				killSwitch: ' ',
				rules: {
					maxQuantity: 5,
					maxQuantityMode: 'clamp',
					maxNotional: 1000,
					notionalFallbackPrice: 0,
					symbolAllowlist: 'BINANCE:*, NASDAQ:AAPL,',
					allowedActions: ['buy', 'exit'],
					cooldownSeconds: 1.5,
					maxOrdersPerDay: 5,
					dayTimeZone: 'Europe/Berlin',
				},
				session: { timeZone: 'Asia/Tokyo', days: ['mon'], windows: '09:00-11:30, 12:30-15:00', letExitsThrough: false },
				rateLimits: [{ per: 'total', max: 3, window: 'minute', size: 5 }],
			}),
		);
		if (!built.ok) throw new Error(JSON.stringify(built.failure));
		expect(built.value).toMatchObject({
			maxQuantity: { limit: 5, mode: 'clamp' },
			maxNotional: { limit: 1000, mode: 'reject', fallbackPrice: null },
			symbolAllowlist: ['BINANCE:*', 'NASDAQ:AAPL'],
			allowedActions: ['buy', 'exit'],
			cooldownMs: 1500,
			maxOrdersPerDay: { max: 5, timeZone: 'Europe/Berlin' },
			session: { timeZone: 'Asia/Tokyo', days: ['mon'], windows: [{ startMinute: 540, endMinute: 690 }, { startMinute: 750, endMinute: 900 }], letExitsThrough: false },
			rateLimits: [{ per: 'total', max: 3, window: 'minute', size: 5 }],
			killSwitch: null,
		});
	});

	it('names every parameter that is wrong', () => {
		const built = buildRiskSettings(
			raw({
				rules: { maxQuantity: 0, maxOrdersPerDay: 2.5, dayTimeZone: 'Mars/Olympus' },
				session: { timeZone: 'America/New_York', days: [], windows: '9-5' },
			}),
		);
		expect(built.ok).toBe(false);
		if (built.ok) return;
		expect(built.failure.map((issue) => issue.field).sort()).toEqual(
			['Day Time Zone', 'Max Orders per Day', 'Max Quantity per Order', 'Trading Session › Days', 'Trading Session › Time Windows'].sort(),
		);
		expect(built.failure.find((issue) => issue.field === 'Day Time Zone')?.message).toBe('"Mars/Olympus" is not an IANA time zone such as America/New_York');
	});

	it('refuses windows longer than the reservations are kept', () => {
		const built = buildRiskSettings(raw({ rateLimits: [{ per: 'total', max: 1, window: 'day', size: 367 }], rules: { cooldownSeconds: 367 * 86_400 } }));
		expect(built.ok).toBe(false);
		if (built.ok) return;
		expect(built.failure).toEqual([
			{ field: 'Rate Limits', message: 'a window may be at most 366 days long' },
			{ field: 'Cooldown per Symbol', message: 'a cooldown may be at most 366 days long' },
		]);
		expect(buildRiskSettings(raw({ rateLimits: [{ per: 'total', max: 1, window: 'day', size: 366 }] })).ok).toBe(true);
	});
});
