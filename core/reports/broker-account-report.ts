import type { Broker, BrokerPosition } from '../brokers/broker';
import { roundAmount } from '../brokers/paper/paper-engine';
import type { AccountReportItem, PositionReportLine } from './positions-report';

// Positions and P&L of a broker account as the broker itself reports them (the Positions report
// with Source: Broker): cash, equity and realised P&L where the broker reports it, each position
// at the broker's market price with its unrealised P&L.

export interface BrokerAccountReportInput {
	/** How the account is named in the ledger, e.g. `alpaca:PKTEST` (from the credential). */
	account: string;
	broker: string;
	symbol?: string;
}

export async function brokerAccountReport(broker: Broker, input: BrokerAccountReportInput): Promise<AccountReportItem> {
	const [account, positions] = await Promise.all([broker.getAccount(), broker.listPositions()]);
	const lines = positions
		.filter((position) => input.symbol === undefined || position.symbol === input.symbol)
		.sort((a, b) => a.symbol.localeCompare(b.symbol))
		.map(brokerLine);
	const known = lines.filter((line) => line.unrealisedPnl !== null);
	return {
		account: input.account,
		broker: input.broker,
		source: 'broker',
		currency: account.currency,
		startingCash: null,
		cash: account.cash,
		equity: account.equity,
		realisedPnl: account.realisedPnl,
		unrealisedPnl: known.length === 0 ? null : known.reduce((sum, line) => roundAmount(sum + (line.unrealisedPnl ?? 0)), 0),
		openPositions: lines.length,
		positions: lines,
		updatedAt: new Date().toISOString(),
	};
}

function brokerLine(position: BrokerPosition): PositionReportLine {
	const markPrice = position.marketPrice ?? null;
	return {
		symbol: position.symbol,
		quantity: position.quantity,
		averagePrice: position.averagePrice,
		markPrice,
		unrealisedPnl: position.unrealisedPnl ?? computedUnrealised(position, markPrice),
	};
}

/** Only where the broker gave both prices: a spot holding has no entry price, so no P&L. */
function computedUnrealised(position: BrokerPosition, markPrice: number | null): number | null {
	if (markPrice === null || position.averagePrice <= 0) return null;
	return roundAmount(position.quantity * (markPrice - position.averagePrice));
}
