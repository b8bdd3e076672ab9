import type { AlertFate } from '../../../core/ledger/alert-fate';
import { lostItem, recoveredItem, recoveryPolicy, recoverySettingsSchema } from '../../../core/recovery/recovery-settings';
import { answersAfterQueued } from '../../../nodes/TradingViewTrigger/answer-timing';

const fate: AlertFate = {
	alertId: 'a-1',
	scope: 'wf-9/trigger',
	acceptedAt: '2026-12-02T10:00:00.000Z',
	stage: 'recovering',
	stageAt: '2026-12-02T10:02:00.000Z',
	process: 'main:1:abc',
	outcome: null,
	attempts: 2,
};

describe('alert recovery settings', () => {
	it('turns the parameters into a policy for this workflow\'s triggers only', () => {
		const settings = recoverySettingsSchema.parse({ checkEverySeconds: 15, notStartedAfterSeconds: 120, giveUpAfterMinutes: 5, maxAttempts: 3 });
		const now = new Date('2026-12-02T10:05:00.000Z');
		expect(recoveryPolicy(settings, 'wf-9', now, 'main:1:abc')).toEqual({
			scopePrefix: 'wf-9/',
			now,
			notStartedMs: 120_000,
			processStoppedMs: 30_000,
			giveUpMs: 300_000,
			maxAttempts: 3,
			process: 'main:1:abc',
		});
	});

	it('refuses settings that would re-run alerts in a tight loop or never', () => {
		const result = recoverySettingsSchema.safeParse({ checkEverySeconds: 1, notStartedAfterSeconds: 5, giveUpAfterMinutes: 0, maxAttempts: 0 });
		expect(result.success).toBe(false);
		expect(result.error?.issues.map((issue) => issue.path[0]).sort()).toEqual([
			'checkEverySeconds',
			'giveUpAfterMinutes',
			'maxAttempts',
			'notStartedAfterSeconds',
		]);
	});

	it('re-emits the stored item with the attempt and the reason beside it', () => {
		const item = recoveredItem(
			{ fate, reason: 'process_stopped', item: { alertId: 'a-1', action: 'buy', symbol: 'AAPL' } },
			new Date('2026-12-02T10:02:00.000Z'),
		);
		expect(item).toEqual({
			alertId: 'a-1',
			action: 'buy',
			symbol: 'AAPL',
			recovery: { attempt: 2, reason: 'process_stopped', acceptedAt: '2026-12-02T10:00:00.000Z', recoveredAt: '2026-12-02T10:02:00.000Z' },
		});
	});

	it('says of a given-up alert whether it was ever re-run', () => {
		expect(lostItem(fate, new Date('2026-12-02T10:06:00.000Z'))).toMatchObject({
			alertId: 'a-1',
			outcome: 'lost',
			attempts: 2,
			message: expect.stringContaining('re-run 2 time(s)'),
		});
		expect(lostItem({ ...fate, attempts: 0 }, new Date()).message).toContain('never executed');
	});
});

describe('answersAfterQueued', () => {
	it('lets n8n answer after queueing only when the option is on', () => {
		expect(answersAfterQueued(true)).toBe(true);
		expect(answersAfterQueued(false)).toBe(false);
		expect(answersAfterQueued(undefined)).toBe(false);
		expect(answersAfterQueued('true')).toBe(false);
	});
});
