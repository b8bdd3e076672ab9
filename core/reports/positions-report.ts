import { equityOf, roundAmount } from '../brokers/paper/paper-engine';
import { textParam, type LedgerReader, type ReadDialect } from '../ledger/ledger-reader';
import { replayFills } from './fill-replay';
import { journalFills } from './fill-sources';
import { accountKey, paperAccountName, type ReportFilter } from './report-filter';
import { pageByOffset, type ReportPage } from './report-page';

// Positions and P&L per account: a paper account as the Paper broker keeps it (cash, positions at
// their last price, realised P&L); a broker account as its journal's fills add up (no cash, no
// prices: the broker itself has those).

export interface PositionReportLine {
	symbol: string;
	/** Signed: long > 0, short < 0. */
	quantity: number;
	averagePrice: number;
	/** The last price an alert brought (paper); null when unknown. */
	markPrice: number | null;
	unrealisedPnl: number | null;
}

export interface AccountReportItem {
	account: string;
	broker: string;
	/** `paper`: the paper tables; `journal`: the fills the order journal recorded; `broker`: as the broker reports it. */
	source: 'paper' | 'journal' | 'broker';
	currency: string | null;
	startingCash: number | null;
	cash: number | null;
	/** Cash plus every position at its mark price (at its average price when no mark is known). */
	equity: number | null;
	/** null where the broker does not report it (source `broker`). */
	realisedPnl: number | null;
	unrealisedPnl: number | null;
	openPositions: number;
	positions: PositionReportLine[];
	updatedAt: string | null;
}

interface PaperAccountRow {
	account: string;
	currency: string;
	starting_cash: number | string;
	cash: number | string;
	realised_pnl: number | string;
	updated_at: string;
}

interface PaperPositionRow {
	account: string;
	symbol: string;
	quantity: number | string;
	average_price: number | string;
	mark_price: number | string | null;
}

/** Parameters: 1 paper account name or NULL. */
export function paperAccountsSql(d: ReadDialect): string {
	return `SELECT account, currency, starting_cash, cash, realised_pnl, updated_at FROM ${d.table('paper_account')}
	WHERE (${textParam(d, 1)} IS NULL OR account = ${textParam(d, 1)}) ORDER BY account`;
}

/** Parameters: 1 paper account name or NULL. */
export function paperPositionsSql(d: ReadDialect): string {
	return `SELECT p.account, p.symbol, p.quantity, p.average_price, m.price AS mark_price
	FROM ${d.table('paper_position')} AS p LEFT JOIN ${d.table('paper_mark')} AS m ON m.account = p.account AND m.symbol = p.symbol
	WHERE (${textParam(d, 1)} IS NULL OR p.account = ${textParam(d, 1)}) ORDER BY p.account, p.symbol`;
}

function paperLine(row: PaperPositionRow): PositionReportLine {
	const quantity = Number(row.quantity);
	const averagePrice = Number(row.average_price);
	const markPrice = row.mark_price === null ? null : Number(row.mark_price);
	return {
		symbol: row.symbol,
		quantity,
		averagePrice,
		markPrice,
		unrealisedPnl: markPrice === null ? null : roundAmount(quantity * (markPrice - averagePrice)),
	};
}

async function paperAccounts(reader: LedgerReader, filter: ReportFilter): Promise<AccountReportItem[]> {
	if (filter.broker !== undefined && filter.broker !== 'paper') return [];
	const name = filter.account === undefined ? null : paperAccountName(accountKey(filter.account));
	if (filter.account !== undefined && name === null) return [];
	const accounts = await reader.select<PaperAccountRow>(paperAccountsSql(reader.dialect), [name]);
	const positions = await reader.select<PaperPositionRow>(paperPositionsSql(reader.dialect), [name]);
	return accounts.map((row) => {
		const all = positions.filter((position) => position.account === row.account).map(paperLine);
		const cash = Number(row.cash);
		const shown = filter.symbol === undefined ? all : all.filter((line) => line.symbol === filter.symbol);
		return {
			account: `paper:${row.account}`,
			broker: 'paper',
			source: 'paper',
			currency: row.currency,
			startingCash: Number(row.starting_cash),
			cash,
			equity: equityOf(cash, all.map((line) => ({ quantity: line.quantity, price: line.markPrice ?? line.averagePrice }))),
			realisedPnl: Number(row.realised_pnl),
			unrealisedPnl: shown.reduce((sum, line) => roundAmount(sum + (line.unrealisedPnl ?? 0)), 0),
			openPositions: shown.length,
			positions: shown,
			updatedAt: row.updated_at,
		};
	});
}

async function journalAccounts(reader: LedgerReader, filter: ReportFilter): Promise<AccountReportItem[]> {
	const fills = await journalFills(reader, {
		account: filter.account === undefined ? undefined : accountKey(filter.account),
		broker: filter.broker,
	});
	const replay = replayFills(fills);
	return [...replay.accounts.values()]
		.sort((a, b) => a.account.localeCompare(b.account))
		.map((account) => {
			const positions = [...account.positions.entries()]
				.filter(([symbol]) => filter.symbol === undefined || symbol === filter.symbol)
				.sort(([a], [b]) => a.localeCompare(b))
				.map(([symbol, terms]) => ({ symbol, quantity: terms.quantity, averagePrice: terms.averagePrice, markPrice: null, unrealisedPnl: null }));
			const lastFill = replay.fills.filter((fill) => fill.account === account.account).pop();
			return {
				account: account.account,
				broker: account.broker,
				source: 'journal',
				currency: null,
				startingCash: null,
				cash: null,
				equity: null,
				realisedPnl: account.realisedPnl,
				unrealisedPnl: null,
				openPositions: positions.length,
				positions,
				updatedAt: lastFill?.at ?? null,
			};
		});
}

/** Paper accounts first, then broker accounts; each in account order. */
export async function positionsReport(reader: LedgerReader, filter: ReportFilter): Promise<ReportPage<AccountReportItem>> {
	const all = [...(await paperAccounts(reader, filter)), ...(await journalAccounts(reader, filter))];
	return pageByOffset(all, filter.limit, filter.cursor);
}
