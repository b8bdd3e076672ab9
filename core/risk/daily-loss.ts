import type { RiskStore } from '../ledger/risk-store';
import { localTime } from './local-time';
import type { AccountView } from './position-rules';
import { dailyLossBasis } from './position-rules';
import type { RiskReason } from './reasons';

export type DayMarks = Pick<RiskStore, 'markDayStart'>;

/**
 * The day's loss is the drop of the account's realised P&L (or equity, for brokers that do not
 * report it) since the first check of the local day. Only entries are stopped by it.
 */
export async function checkDailyLoss(view: AccountView, marks: DayMarks, rule: { limit: number; timeZone: string }, at: Date): Promise<RiskReason | null> {
	const { year, month, day } = localTime(at, rule.timeZone);
	const dayKey = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
	const { value, basis } = dailyLossBasis(await view.account());
	const start = await marks.markDayStart(`${view.key}|${basis}`, dayKey, value, at);
	const loss = start - value;
	if (loss < rule.limit) return null;
	const what = basis === 'equity' ? 'equity' : 'realised P&L';
	return {
		code: 'daily_loss_limit',
		message: `today's loss is ${Number(loss.toPrecision(10))} (${what} ${start} at the day's first check, now ${value}); the limit is ${rule.limit}`,
	};
}
