import { applyFill, roundAmount, type PositionTerms } from '../brokers/paper/paper-engine';

// Realised P&L from a list of fills, by the Paper broker's own rule (average cost per account and
// symbol; a fill past zero opens the rest at its price), so a paper account replayed from its
// orders books the same P&L as the Paper broker did.

export interface Fill {
	/** `paper:<Paper Account>` or `<broker>:<credential id>`. */
	account: string;
	broker: string;
	symbol: string;
	side: 'buy' | 'sell';
	quantity: number;
	price: number;
	/** When it filled (ISO 8601). */
	at: string;
}

export interface ReplayedFill extends Fill {
	realisedPnl: number;
}

export interface ReplayedAccount {
	account: string;
	broker: string;
	realisedPnl: number;
	/** Open positions after the last fill, by symbol. */
	positions: Map<string, PositionTerms>;
}

export interface Replay {
	fills: ReplayedFill[];
	accounts: Map<string, ReplayedAccount>;
}

/** Replays `fills` in the order given (oldest first). */
export function replayFills(fills: readonly Fill[]): Replay {
	const accounts = new Map<string, ReplayedAccount>();
	const replayed = fills.map((fill): ReplayedFill => {
		let account = accounts.get(fill.account);
		if (!account) {
			account = { account: fill.account, broker: fill.broker, realisedPnl: 0, positions: new Map() };
			accounts.set(fill.account, account);
		}
		const effect = applyFill(account.positions.get(fill.symbol) ?? null, fill.side, fill.quantity, fill.price);
		if (effect.position === null) account.positions.delete(fill.symbol);
		else account.positions.set(fill.symbol, effect.position);
		account.realisedPnl = roundAmount(account.realisedPnl + effect.realisedPnl);
		return { ...fill, realisedPnl: effect.realisedPnl };
	});
	return { fills: replayed, accounts };
}
