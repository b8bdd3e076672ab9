import { CcxtBroker, type CcxtBrokerOptions } from '../ccxt/ccxt-broker';
import { BINANCE_DEFAULTS, type BinanceConfig } from './binance-config';
import { binanceExchange } from './binance-exchange';
import { binanceVenue } from './binance-venue';

export type { BinanceConfig } from './binance-config';

/**
 * A broker for Binance spot or USD-M futures; ccxt is loaded here, on the first broker created.
 * See binance-exchange.ts for the ccxt instance (testnet, base URL, options) and binance-venue.ts
 * for how orders go.
 */
export function createBinanceBroker(config: BinanceConfig, options: CcxtBrokerOptions = {}): CcxtBroker {
	const { exchange, ccxt } = binanceExchange(config);
	const venue = binanceVenue({ market: config.market, quoteAsset: config.quoteAsset || BINANCE_DEFAULTS.quoteAsset });
	return new CcxtBroker(exchange, venue, ccxt, [config.apiKey, config.secretKey], options);
}
