import { OANDA_LIVE_URL, OANDA_PRACTICE_URL } from './oanda-metadata';

export interface OandaConfig {
	/** The personal access token; sent only as `Authorization: Bearer …`, never in a message. */
	accessToken: string;
	/** The v20 account, e.g. 101-004-1234567-001. */
	accountId: string;
	environment: 'practice' | 'live';
	/** Overrides the environment's host (a proxy, or a local stub in tests). */
	baseUrl?: string;
}

export interface ResolvedOandaConfig {
	accessToken: string;
	accountId: string;
	/** No trailing slash. */
	baseUrl: string;
}

/** Checks the configuration; its messages name the field at fault, never its value. */
export function resolveOandaConfig(config: OandaConfig): ResolvedOandaConfig {
	if (typeof config?.accessToken !== 'string' || config.accessToken.trim() === '') {
		throw new Error('the OANDA connection needs an access token');
	}
	if (/\s/.test(config.accessToken)) {
		throw new Error('the OANDA access token must not contain spaces or line breaks');
	}
	if (typeof config.accountId !== 'string' || config.accountId.trim() === '') {
		throw new Error('the OANDA connection needs an account id');
	}
	if (config.environment !== 'practice' && config.environment !== 'live') {
		throw new Error("the OANDA environment must be 'practice' or 'live'");
	}
	const baseUrl = config.baseUrl ?? (config.environment === 'live' ? OANDA_LIVE_URL : OANDA_PRACTICE_URL);
	if (!/^https?:\/\/[^\s/]+/.test(baseUrl)) {
		throw new Error('the OANDA base URL must start with https:// (or http:// for a local test server)');
	}
	return { accessToken: config.accessToken, accountId: config.accountId.trim(), baseUrl: baseUrl.replace(/\/+$/, '') };
}
