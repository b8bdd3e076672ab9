import { CcxtBroker, type CcxtBrokerOptions } from '../ccxt/ccxt-broker';
import { ccxtExchange } from '../ccxt/ccxt-exchanges';
import { assertBybitConfig, type BybitConfig } from './bybit-config';
import { bybitVenue, configureBybit } from './bybit-venue';

export type { BybitConfig } from './bybit-config';

/** A broker for Bybit USDT perpetuals (V5, category linear) through ccxt's `bybit`; testnet is ccxt's sandbox. */
export function createBybitBroker(config: BybitConfig, options: CcxtBrokerOptions = {}): CcxtBroker {
	assertBybitConfig(config);
	const { exchange, ccxt } = ccxtExchange({
		exchangeId: 'bybit',
		apiKey: config.apiKey,
		secret: config.secret,
		sandbox: config.environment === 'testnet',
		baseUrl: config.baseUrl,
		market: 'linear',
		timeoutMs: config.timeoutMs,
	});
	configureBybit(exchange);
	const venue = bybitVenue(exchange, { positionMode: config.positionMode, leverage: config.leverage });
	return new CcxtBroker(exchange, venue, ccxt, [config.apiKey, config.secret], options);
}
