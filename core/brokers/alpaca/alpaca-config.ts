import { AuthenticationError } from '../broker-errors';
import { redactorFor } from '../base/redact';
import { RestClient } from '../base/rest-client';
import type { HttpPort } from '../http-port';
import { ALPACA_ERROR_DETAILS, ALPACA_LIVE_BASE_URL, ALPACA_PAPER_BASE_URL, ALPACA_TIMEOUT_MS } from './alpaca-description';
import { ALPACA_ERRORS } from './alpaca-errors';

export interface AlpacaConfig {
	keyId: string;
	secretKey: string;
	/** paper: paper-api.alpaca.markets (simulated money); live: api.alpaca.markets (real money). */
	environment: 'paper' | 'live';
	/** Overrides the environment's address, e.g. a proxy or a test server. */
	baseUrl?: string;
}

/** The address requests go to, without a trailing slash. */
export function alpacaBaseUrl(config: AlpacaConfig): string {
	const override = typeof config.baseUrl === 'string' ? config.baseUrl.trim() : '';
	if (override !== '') return override.replace(/\/+$/, '');
	return config.environment === 'live' ? ALPACA_LIVE_BASE_URL : ALPACA_PAPER_BASE_URL;
}

/** Refuses a config that could only fail at Alpaca; the message never repeats a key. */
export function assertAlpacaConfig(config: AlpacaConfig): void {
	if (typeof config.keyId !== 'string' || config.keyId.trim() === '') {
		throw new AuthenticationError('the Alpaca credential needs an API key id', ALPACA_ERROR_DETAILS);
	}
	if (typeof config.secretKey !== 'string' || config.secretKey.trim() === '') {
		throw new AuthenticationError('the Alpaca credential needs a secret key', ALPACA_ERROR_DETAILS);
	}
	if (config.environment !== 'paper' && config.environment !== 'live') {
		throw new AuthenticationError('the Alpaca environment must be paper or live', ALPACA_ERROR_DETAILS);
	}
}

/** The client every request goes through: the credential's two headers, its values redacted from every message. */
export function alpacaClient(http: HttpPort, config: AlpacaConfig): RestClient {
	assertAlpacaConfig(config);
	const headers = Object.freeze({ 'APCA-API-KEY-ID': config.keyId, 'APCA-API-SECRET-KEY': config.secretKey });
	return new RestClient(http, {
		errors: ALPACA_ERRORS,
		baseUrl: alpacaBaseUrl(config),
		timeoutMs: ALPACA_TIMEOUT_MS,
		redact: redactorFor([config.keyId, config.secretKey]),
		authorize: () => ({ ...headers }),
	});
}
