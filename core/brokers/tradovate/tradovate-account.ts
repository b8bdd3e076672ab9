import { AuthenticationError } from '../broker-errors';
import { errorDetails } from '../base/error-details';
import type { TradovateApi } from './tradovate-api';
import { TRADOVATE } from './tradovate-description';
import { parseAccounts } from './tradovate-entities';
import type { TradovateAccountRef } from './tradovate-order-body';
import type { TradovateSession } from './tradovate-session';

/**
 * The account orders go to (GET /account/list): the one the credential names, by name or id, or
 * the login's only active account. A login with several and none named is refused, never guessed.
 */
export async function tradovateAccount(api: TradovateApi, session: TradovateSession, wanted: string | undefined): Promise<TradovateAccountRef> {
	if (session.account !== null) return session.account;
	const accounts = (await api.read('GET', '/account/list', parseAccounts)).filter((account) => account.active);
	const named = wanted?.trim() ?? '';
	const matches = named === '' ? accounts : accounts.filter((account) => account.name === named || String(account.id) === named);
	if (matches.length !== 1) {
		const names = accounts.map((account) => account.name).join(', ') || 'none';
		const problem =
			named === ''
				? `this Tradovate login has ${accounts.length} active accounts (${names}): name one in the credential's Account`
				: `this Tradovate login has no active account "${named}" (its accounts: ${names})`;
		throw new AuthenticationError(api.redact(problem), errorDetails(TRADOVATE.id));
	}
	session.account = { id: matches[0].id, name: matches[0].name };
	return session.account;
}
