import type { CcxtExchange, CcxtParams } from '../ccxt/ccxt-types';
import { PayloadError } from '../base/payload';

/**
 * One of ccxt's implicit (signed, raw) Binance methods by name, e.g. fapiPrivateV3GetPositionRisk:
 * exactly one request, nothing riding along, the answer as Binance sent it.
 */
export function binanceImplicit(exchange: CcxtExchange, name: string): (params: CcxtParams) => Promise<unknown> {
	const method = exchange[name];
	if (typeof method !== 'function') throw new PayloadError(`ccxt has no ${name} method`);
	return (params) => (method as (params: CcxtParams) => Promise<unknown>).call(exchange, params);
}
