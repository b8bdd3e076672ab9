import { z } from 'zod';

import { AuthenticationError } from '../broker-errors';
import { errorDetails } from '../base/error-details';
import { TRADOVATE, TRADOVATE_DEMO_URL, TRADOVATE_LIVE_URL } from './tradovate-description';

/** A Tradovate credential: the user's login plus the API key (cid and secret) of the API add-on. */
export interface TradovateConfig {
	username: string;
	password: string;
	appId: string;
	appVersion: string;
	/** The API key's id ("cid"), a number. */
	cid: number;
	/** The API key's secret ("sec"). */
	secret: string;
	/** demo: simulated money on demo.tradovateapi.com; live: real money on live.tradovateapi.com. */
	environment: 'demo' | 'live';
	/** The account to trade, by name or id; may be left out when the login has exactly one. */
	account?: string;
	/** Overrides the environment's address, e.g. a test server. */
	baseUrl?: string;
}

// Secrets keep every character as typed; a blank one is still refused.
const secret = (field: string) =>
	z.string({ message: `the Tradovate credential needs ${field}` }).refine((value) => value.trim() !== '', `the Tradovate credential needs ${field}`);
const text = (field: string) => z.string({ message: `the Tradovate credential needs ${field}` }).trim().min(1, `the Tradovate credential needs ${field}`);

const configSchema = z.object({
	username: text('a username'),
	password: secret('a password'),
	appId: text('an app id (App ID)'),
	appVersion: text('an app version'),
	cid: z.number({ message: 'the Tradovate credential needs the API key id (CID), a whole number' }).int('the CID is a whole number').positive('the CID is a whole number above 0'),
	secret: secret('the API key secret'),
	environment: z.enum(['demo', 'live'], { message: 'the Tradovate environment must be demo or live' }),
	account: z.string().trim().optional(),
	baseUrl: z.string().trim().optional(),
});

/** Refuses a config that could only fail at Tradovate; the message never repeats a secret. */
export function checkedTradovateConfig(config: TradovateConfig): TradovateConfig {
	const parsed = configSchema.safeParse(config);
	if (!parsed.success) {
		throw new AuthenticationError(parsed.error.issues[0]?.message ?? 'the Tradovate credential is incomplete', errorDetails(TRADOVATE.id));
	}
	return parsed.data;
}

/** The address requests go to, without a trailing slash. */
export function tradovateBaseUrl(config: TradovateConfig): string {
	const override = config.baseUrl?.trim() ?? '';
	if (override !== '') return override.replace(/\/+$/, '');
	return config.environment === 'live' ? TRADOVATE_LIVE_URL : TRADOVATE_DEMO_URL;
}
