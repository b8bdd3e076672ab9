import { AuthenticationError } from '../broker-errors';
import { errorDetails } from '../ccxt/ccxt-errors';
import { isHttpUrl, normalisedBaseUrl } from '../ccxt/ccxt-urls';
import type { CcxtParams } from '../ccxt/ccxt-types';

export interface BinanceConfig {
	apiKey: string;
	secretKey: string;
	/** testnet: ccxt's sandbox mode (spot testnet.binance.vision, USD-M testnet.binancefuture.com); live: real money. */
	environment: 'testnet' | 'live';
	market: 'spot' | 'usdm';
	/** Replaces the host of every REST address (a proxy, or a test server); the paths stay. */
	baseUrl?: string;
	/** Spot: the asset cash is counted in and positions are quoted in. Default (also for ''): USDT. */
	quoteAsset?: string;
	/**
	 * No longer decides anything: the USD-M position mode is read from the account
	 * (GET /fapi/v1/positionSide/dual), so a setting that disagrees with Binance cannot misroute an
	 * order. Still accepted (and checked) so existing credentials keep working.
	 */
	positionMode?: 'one-way' | 'hedge';
	/** recvWindow of signed requests, ms (Binance takes at most 60000). Default 10000. */
	recvWindow?: number;
	/** A request without an answer after this long is a NetworkError. Default 15000 ms. */
	timeoutMs?: number;
}

export const BINANCE_DEFAULTS = Object.freeze({ quoteAsset: 'USDT', positionMode: 'one-way', recvWindow: 10_000, timeoutMs: 15_000 } as const);

const DETAILS = errorDetails('binance');

/** Refuses a config that could only fail at Binance; the message never repeats a key. */
export function assertBinanceConfig(config: BinanceConfig): void {
	const refuse = (message: string): never => {
		throw new AuthenticationError(message, DETAILS);
	};
	if (config === null || typeof config !== 'object') refuse('the Binance credential is missing');
	if (typeof config.apiKey !== 'string' || config.apiKey.trim() === '') refuse('the Binance credential needs an API key');
	if (typeof config.secretKey !== 'string' || config.secretKey.trim() === '') refuse('the Binance credential needs a secret key');
	if (config.environment !== 'testnet' && config.environment !== 'live') refuse('the Binance environment must be testnet or live');
	if (config.market !== 'spot' && config.market !== 'usdm') refuse('the Binance market must be spot or usdm');
	const baseUrl = normalisedBaseUrl(config.baseUrl);
	if (baseUrl !== null && !isHttpUrl(baseUrl)) refuse('the Binance base URL must be an http(s) address without a query');
	if (config.positionMode && config.positionMode !== 'one-way' && config.positionMode !== 'hedge') {
		refuse('the Binance position mode must be one-way or hedge');
	}
	const recvWindow = config.recvWindow ?? BINANCE_DEFAULTS.recvWindow;
	if (!Number.isInteger(recvWindow) || recvWindow < 1 || recvWindow > 60_000) refuse('the Binance recvWindow must be 1 to 60000 ms');
	if (config.quoteAsset && !/^[A-Z0-9]{2,12}$/.test(config.quoteAsset)) refuse('the Binance quote asset must be written like USDT');
}

/**
 * ccxt's constructor options: rate-limited, no currency or margin requests on loadMarkets (one
 * exchangeInfo request: spot or linear only), no clock request (adjustForTimeDifference off),
 * no retries inside ccxt (placeOnce decides, with the same client order id), never a market buy
 * sized in the quote (quoteOrderQty), and open orders listed without a symbol when asked.
 */
export function binanceExchangeOptions(config: BinanceConfig): CcxtParams {
	return {
		apiKey: config.apiKey,
		secret: config.secretKey,
		enableRateLimit: true,
		timeout: config.timeoutMs ?? BINANCE_DEFAULTS.timeoutMs,
		options: {
			fetchCurrencies: false,
			fetchMargins: false,
			fetchMarkets: { types: [config.market === 'spot' ? 'spot' : 'linear'] },
			adjustForTimeDifference: false,
			recvWindow: config.recvWindow ?? BINANCE_DEFAULTS.recvWindow,
			maxRetriesOnFailure: 0,
			createOrder: { quoteOrderQty: false },
			fetchOpenOrders: { warnWithoutSymbol: false },
			warnOnFetchOpenOrdersWithoutSymbol: false,
			// ccxt refuses USD-M testnet requests unless told the futures testnet is wanted
			disableFuturesSandboxWarning: true,
		},
	};
}
