import { CcxtBroker, type CcxtBrokerOptions } from '../ccxt/ccxt-broker';
import { ccxtExchange } from '../ccxt/ccxt-exchanges';
import { assertOkxConfig, type OkxConfig } from './okx-config';
import { configureOkx, okxVenue } from './okx-venue';

export type { OkxConfig } from './okx-config';

/** A broker for OKX USDT perpetual swaps (v5) through ccxt's `okx`; demo trading is ccxt's sandbox. */
export function createOkxBroker(config: OkxConfig, options: CcxtBrokerOptions = {}): CcxtBroker {
	assertOkxConfig(config);
	const { exchange, ccxt } = ccxtExchange({
		exchangeId: 'okx',
		apiKey: config.apiKey,
		secret: config.secret,
		password: config.passphrase,
		sandbox: config.environment === 'demo',
		baseUrl: config.baseUrl,
		market: 'linear',
		timeoutMs: config.timeoutMs,
	});
	configureOkx(exchange);
	const venue = okxVenue(exchange, config);
	return new CcxtBroker(exchange, venue, ccxt, [config.apiKey, config.secret, config.passphrase], options);
}
