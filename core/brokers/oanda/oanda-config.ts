import { redactorFor } from '../base/redact';
import { RestClient } from '../base/rest-client';
import type { HttpPort } from '../http-port';
import { OANDA_LIVE_URL, OANDA_PRACTICE_URL, OANDA_REQUEST_TIMEOUT_MS } from './oanda-description';
import { OANDA_ERRORS } from './oanda-errors';

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

/**
 * The client every request goes through: paths below /v3/accounts/{accountId}, the token only in
 * the Authorization header (and redacted from every message), times as RFC 3339.
 */
export function oandaClient(http: HttpPort, config: ResolvedOandaConfig): RestClient {
	const headers = Object.freeze({ Authorization: `Bearer ${config.accessToken}`, 'Accept-Datetime-Format': 'RFC3339' });
	return new RestClient(http, {
		errors: OANDA_ERRORS,
		baseUrl: `${config.baseUrl}/v3/accounts/${encodeURIComponent(config.accountId)}`,
		timeoutMs: OANDA_REQUEST_TIMEOUT_MS,
		redact: redactorFor([config.accessToken]),
		authorize: () => ({ ...headers }),
	});
}
