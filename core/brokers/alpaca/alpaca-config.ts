import { AuthenticationError } from '../broker-errors';
import { ALPACA_ERROR_DETAILS, ALPACA_LIVE_BASE_URL, ALPACA_PAPER_BASE_URL } from './alpaca-metadata';

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
