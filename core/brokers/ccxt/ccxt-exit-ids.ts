/*
 * Client order ids of the exits placed for an entry, derived from the entry's id so that a second
 * call for the same entry finds them (and places nothing twice): `<entry id>-<suffix>`. Our entry
 * ids are `tv-` + 28 hex (31 characters); the longest suffix keeps the result within Binance's
 * 36 characters of [A-Za-z0-9_-].
 *
 *   tp    take profit                     sl    stop loss
 *   ts    trailing stop                   oco   the order list (spot OCO) holding tp and sl
 *   btp / bsl / boco   the replacements a move to break-even places (the originals stay
 *                      readable under their ids, so the replacements need their own)
 */

export type ExitSuffix = 'tp' | 'sl' | 'ts' | 'oco' | 'btp' | 'bsl' | 'boco';

export function exitClientId(entryClientOrderId: string, suffix: ExitSuffix): string {
	return `${entryClientOrderId}-${suffix}`;
}

const EXIT_ID = /^(tv-[0-9a-f]{28})-(tp|sl|ts|oco|btp|bsl|boco)$/;

/** The entry id and suffix of one of our exit ids, or null for any other id. */
export function parseExitClientId(clientOrderId: string): { entry: string; suffix: ExitSuffix } | null {
	const match = EXIT_ID.exec(clientOrderId);
	return match === null ? null : { entry: match[1], suffix: match[2] as ExitSuffix };
}

/** Whether the id is one of our stop-loss exits (the original or its break-even replacement). */
export function isStopLossExit(clientOrderId: string): boolean {
	const parsed = parseExitClientId(clientOrderId);
	return parsed !== null && (parsed.suffix === 'sl' || parsed.suffix === 'bsl');
}
