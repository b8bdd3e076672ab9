import { UnsupportedError } from '../broker-errors';
import { errorDetails } from '../ccxt/ccxt-errors';
import { type ConfiguredExchange, rebase } from '../ccxt/ccxt-exchanges';
import { ccxtExchangeClass, loadCcxt } from '../ccxt/ccxt-loader';
import { assertBinanceConfig, type BinanceConfig, binanceExchangeOptions } from './binance-config';

/*
 * The ccxt exchange instance behind the Binance broker, configured; ccxt is loaded by the first call.
 *
 * Spot is ccxt's `binance` (defaultType spot); USD-M is ccxt's `binanceusdm`, whose defaults
 * already point at /fapi, load only linear markets and read positions and balances there (rather
 * than `binance` with defaultType 'future', which would need every call told). testnet is ccxt's
 * sandbox mode: spot https://testnet.binance.vision, USD-M https://testnet.binancefuture.com
 * (ccxt calls the futures testnet deprecated in favour of Binance's demo trading,
 * https://demo-fapi.binance.com, which can be given as baseUrl). A baseUrl replaces the host of
 * every REST address after that (ccxt-urls.ts).
 */
export function binanceExchange(config: BinanceConfig): ConfiguredExchange {
	assertBinanceConfig(config);
	const ccxt = loadCcxt();
	const exchangeClass = ccxtExchangeClass(ccxt, config.market === 'spot' ? 'binance' : 'binanceusdm');
	if (exchangeClass === null) throw new UnsupportedError(`ccxt ${ccxt.version} has no Binance exchange`, errorDetails('binance'));
	const exchange = new exchangeClass(binanceExchangeOptions(config));
	if (config.environment === 'testnet') exchange.setSandboxMode(true);
	rebase(exchange, config.baseUrl);
	return { exchange, ccxt };
}
