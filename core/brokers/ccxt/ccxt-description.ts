import type { BrokerOrderType } from '../broker';
import type { BrokerDescription } from '../base/description';
import { takesExitsWithEntry } from './generic-exits';
import type { CcxtExchange } from './ccxt-types';

/**
 * Any exchange through ccxt's unified API, as ccxt reports it (`exchange.has`): stop types where
 * it has trigger orders, take profit and stop loss with the entry where it has
 * createOrderWithTakeProfitAndStopLoss. Addresses are ccxt's (the first of its API addresses,
 * the live ones also in sandbox mode).
 */
export function ccxtDescription(exchange: CcxtExchange, market: 'spot' | 'linear'): BrokerDescription {
	const has = (feature: string) => exchange.has[feature] === true || exchange.has[feature] === 'emulated';
	const triggers = has('createTriggerOrder') || has('createStopOrder') || has('createStopLimitOrder') || has('createStopMarketOrder');
	const contracts = market === 'linear';
	const hostname = typeof exchange.hostname === 'string' ? exchange.hostname : undefined;
	return Object.freeze({
		id: exchange.id,
		label: typeof exchange.name === 'string' && exchange.name !== '' ? exchange.name : exchange.id,
		urls: Object.freeze({
			live: firstUrl(exchange.urls.apiBackup ?? exchange.urls.api, hostname) ?? '',
			sandbox: firstUrl(exchange.urls.test, hostname),
		}),
		capabilities: Object.freeze({
			orderTypes: Object.freeze((triggers ? ['market', 'limit', 'stop', 'stop_limit'] : ['market', 'limit']) as BrokerOrderType[]),
			brackets: takesExitsWithEntry(exchange),
			// Exits taken with the entry stay the exchange's: none is moved afterwards.
			breakevenStops: false,
			shortSelling: contracts,
			// The exchanges documented here refuse a reused client order id only among open orders
			// (Kraken, Binance) or do not say for how long.
			clientOrderIdUnique: 'while_open' as const,
			// Contracts: the reduceOnly flag; spot: a sell checked against the free balance (CcxtBroker).
			reduceOnly: true,
			hedgeMode: false,
			// Coins trade in fractions; a contract's smallest order is the exchange's own.
			...(contracts ? {} : { fractional: true }),
		}),
	});
}

/** The first address in ccxt's urls entry (a string or a record of them), its {hostname} filled in. */
function firstUrl(entry: unknown, hostname: string | undefined): string | null {
	if (typeof entry === 'string') return entry === '' ? null : hostname === undefined ? entry : entry.replace('{hostname}', hostname);
	if (entry === null || typeof entry !== 'object') return null;
	for (const value of Object.values(entry)) {
		const url = firstUrl(value, hostname);
		if (url !== null) return url;
	}
	return null;
}
