import { roundAmount } from '../brokers/paper/paper-engine';
import type { LedgerReader } from '../ledger/ledger-reader';
import { replayFills } from './fill-replay';
import { ledgerFills } from './fill-sources';
import { accountKey, type ReportFilter } from './report-filter';
import { pageByOffset, type ReportPage } from './report-page';

// The realised P&L per account and UTC day, from every fill the ledger knows (fill-sources.ts).
// The running total counts the fills before the time range too, so it matches the account's
// realised P&L at the end of each day.

export interface DailyPnlItem {
	/** YYYY-MM-DD, UTC. */
	day: string;
	account: string;
	broker: string;
	realisedPnl: number;
	fills: number;
	/** Realised P&L from the first fill to the end of this day. */
	cumulativeRealisedPnl: number;
}

export async function dailyPnlReport(reader: LedgerReader, filter: ReportFilter): Promise<ReportPage<DailyPnlItem>> {
	const fills = await ledgerFills(reader, { account: filter.account === undefined ? undefined : accountKey(filter.account), broker: filter.broker });
	const replay = replayFills(filter.symbol === undefined ? fills : fills.filter((fill) => fill.symbol === filter.symbol));
	const days = new Map<string, DailyPnlItem>();
	const totals = new Map<string, number>();
	for (const fill of replay.fills) {
		const total = roundAmount((totals.get(fill.account) ?? 0) + fill.realisedPnl);
		totals.set(fill.account, total);
		const inRange = (filter.from === undefined || fill.at >= filter.from) && (filter.until === undefined || fill.at < filter.until);
		if (!inRange) continue;
		const day = fill.at.slice(0, 10);
		const key = `${day}\u0000${fill.account}`;
		const item = days.get(key) ?? { day, account: fill.account, broker: fill.broker, realisedPnl: 0, fills: 0, cumulativeRealisedPnl: 0 };
		item.realisedPnl = roundAmount(item.realisedPnl + fill.realisedPnl);
		item.fills += 1;
		item.cumulativeRealisedPnl = total;
		days.set(key, item);
	}
	const all = [...days.values()].sort((a, b) => (a.day === b.day ? a.account.localeCompare(b.account) : a.day < b.day ? -1 : 1));
	return pageByOffset(all, filter.limit, filter.cursor);
}
