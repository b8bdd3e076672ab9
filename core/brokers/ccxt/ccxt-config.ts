import { AuthenticationError, InvalidOrderError } from '../broker-errors';
import { errorDetails } from './ccxt-errors';
import type { CcxtParams } from './ccxt-types';
import { isHttpUrl, normalisedBaseUrl } from './ccxt-urls';

export interface CcxtExchangeConfig {
	/** ccxt's id of the exchange, e.g. kraken, bybit, okx, coinbase. */
	exchangeId: string;
	apiKey: string;
	secret: string;
	/** The API passphrase, for exchanges that have one (OKX, KuCoin…). */
	password?: string;
	uid?: string;
	/** The exchange's test environment (ccxt's sandbox mode); UnsupportedError when it has none. */
	sandbox: boolean;
	/** Replaces the host of every REST address (a proxy, or a test server); the paths stay. */
	baseUrl?: string;
	/** spot (default), or linear: USD(T)-margined contracts. */
	market?: 'spot' | 'linear';
	/** The asset cash is counted in and spot positions are quoted in. Default USDT. */
	quoteAsset?: string;
	/** A request without an answer after this long is a NetworkError. Default 15000 ms. */
	timeoutMs?: number;
}

const EXCHANGE_ID = /^[a-z0-9]{2,40}$/;

/** The exchange id, trimmed and lower-cased; refuses a config that could only fail, never repeating a key. */
export function assertCcxtConfig(config: CcxtExchangeConfig): string {
	const id = typeof config?.exchangeId === 'string' ? config.exchangeId.trim().toLowerCase() : '';
	if (!EXCHANGE_ID.test(id)) {
		throw new InvalidOrderError(`the exchange id must be one of ccxt's ids, e.g. kraken, not ${JSON.stringify(String(config?.exchangeId ?? '').slice(0, 40))}`, errorDetails('ccxt'));
	}
	const details = errorDetails(id);
	if (typeof config.apiKey !== 'string' || config.apiKey.trim() === '') throw new AuthenticationError(`the ${id} credential needs an API key`, details);
	if (typeof config.secret !== 'string' || config.secret.trim() === '') throw new AuthenticationError(`the ${id} credential needs a secret`, details);
	const baseUrl = normalisedBaseUrl(config.baseUrl);
	if (baseUrl !== null && !isHttpUrl(baseUrl)) throw new AuthenticationError(`the ${id} base URL must be an http(s) address without a query`, details);
	if (config.market && config.market !== 'spot' && config.market !== 'linear') {
		throw new AuthenticationError(`the ${id} market must be spot or linear`, details);
	}
	return id;
}

export function ccxtExchangeOptions(config: CcxtExchangeConfig): CcxtParams {
	const options: CcxtParams = {
		apiKey: config.apiKey,
		secret: config.secret,
		enableRateLimit: true,
		timeout: config.timeoutMs ?? 15_000,
		options: {
			fetchCurrencies: false,
			maxRetriesOnFailure: 0,
			defaultType: config.market === 'linear' ? 'swap' : 'spot',
		},
	};
	if (typeof config.password === 'string' && config.password !== '') options.password = config.password;
	if (typeof config.uid === 'string' && config.uid !== '') options.uid = config.uid;
	return options;
}
