import { createHash } from 'node:crypto';

import type { TradovateConfig } from './tradovate-config';
import type { ResolvedContract } from './tradovate-entities';
import type { TradovateAccountRef } from './tradovate-order-body';
import { TradovateTokenKeeper } from './tradovate-token';

/**
 * What outlives one execution for one credential: the token (a new one per execution would open
 * a Tradovate session each time), the account, and the contracts already resolved.
 */
export class TradovateSession {
	readonly tokens: TradovateTokenKeeper;
	account: TradovateAccountRef | null = null;
	/** By TradingView symbol: NQ1! → {id, name: NQZ6} and when it was looked up. */
	readonly contracts = new Map<string, { contract: ResolvedContract; at: number }>();
	/** Contract names by id, for orders and positions (a contract's name never changes). */
	readonly contractNames = new Map<number, string>();

	constructor(
		config: TradovateConfig,
		baseUrl: string,
		readonly now: () => number = Date.now,
	) {
		this.tokens = new TradovateTokenKeeper(config, baseUrl, now);
	}
}

const sessions = new Map<string, TradovateSession>();

/** The process's one session for this credential and address (keyed by a digest, never the secret itself). */
export function sharedTradovateSession(config: TradovateConfig, baseUrl: string): TradovateSession {
	const key = createHash('sha256').update(JSON.stringify([config, baseUrl])).digest('hex');
	let session = sessions.get(key);
	if (session === undefined) {
		session = new TradovateSession(config, baseUrl);
		sessions.set(key, session);
	}
	return session;
}
