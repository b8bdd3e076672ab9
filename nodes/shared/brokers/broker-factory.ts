import { createHash } from 'node:crypto';

import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Broker } from '../../../core/brokers/broker';
import { AlpacaBroker } from '../../../core/brokers/alpaca/alpaca-broker';
import { createBinanceBroker } from '../../../core/brokers/binance/binance-broker';
import { createBybitBroker } from '../../../core/brokers/bybit/bybit-broker';
import { createCcxtBroker } from '../../../core/brokers/ccxt/ccxt-broker';
import { OandaBroker } from '../../../core/brokers/oanda/oanda-broker';
import { createOkxBroker } from '../../../core/brokers/okx/okx-broker';
import { PaperBroker } from '../../../core/brokers/paper/paper-broker';
import { TradovateBroker } from '../../../core/brokers/tradovate/tradovate-broker';
import type { Ledger } from '../../../core/ledger/ledger';
import { ExpiringCache } from '../../../core/util/expiring-cache';
import { alpacaConfig, binanceConfig, bybitConfig, cryptoExchangeConfig, oandaConfig, okxConfig, tradovateConfig } from './credential-configs';
import { n8nHttpPort } from './n8n-http-port';

// A ccxt broker loads the exchange's market rules (Binance: exchangeInfo) once per instance, so
// instances are kept for a while instead of being made per item; the key is a digest of the
// whole config, so a changed credential gets a new instance.
const CCXT_BROKER_TTL_MS = 10 * 60_000;
const ccxtBrokers = new ExpiringCache<Broker>(CCXT_BROKER_TTL_MS);

async function cachedCcxtBroker(config: unknown, create: () => Broker): Promise<Broker> {
	const key = createHash('sha256').update(JSON.stringify(config)).digest('hex');
	return await ccxtBrokers.get(key, async () => create());
}

/** Binance, Bybit and OKX find an order only with its symbol: the journal knows it from the order's first attempt. */
function symbolFromJournal(ledger: Ledger) {
	return async (clientOrderId: string): Promise<string | null> => {
		for (const event of await ledger.orders.list({ clientOrderId })) {
			const symbol = (event.detail as { request?: { symbol?: unknown } } | null)?.request?.symbol;
			if (typeof symbol === 'string') return symbol;
		}
		return null;
	};
}

/** The paper account the node's Paper Account, Starting Cash and Account Currency name. */
export function paperAccountOf(context: IExecuteFunctions, itemIndex: number) {
	return {
		account: (context.getNodeParameter('paperAccount', itemIndex, 'default') as string).trim() || 'default',
		startingCash: context.getNodeParameter('paperStartingCash', itemIndex, 100000) as number,
		currency: (context.getNodeParameter('paperCurrency', itemIndex, 'USD') as string).trim() || 'USD',
	};
}

/** The credential type each broker that needs one reads. */
export const BROKER_CREDENTIAL_TYPES: Record<string, string> = {
	alpaca: 'alpacaApi',
	binance: 'binanceApi',
	bybit: 'bybitApi',
	ccxt: 'cryptoExchangeApi',
	oanda: 'oandaApi',
	tradovate: 'tradovateApi',
	okx: 'okxApi',
};

/** The broker `broker` names, with the node's credential for it. */
export async function createBroker(context: IExecuteFunctions, ledger: Ledger, itemIndex: number, broker: string): Promise<Broker> {
	if (broker === 'alpaca') {
		const credential = await context.getCredentials(BROKER_CREDENTIAL_TYPES.alpaca, itemIndex);
		return new AlpacaBroker(n8nHttpPort(context), alpacaConfig(credential));
	}
	if (broker === 'binance') {
		const credential = await context.getCredentials(BROKER_CREDENTIAL_TYPES.binance, itemIndex);
		const config = binanceConfig(credential);
		return await cachedCcxtBroker(['binance', config], () => createBinanceBroker(config, { orderSymbol: symbolFromJournal(ledger) }));
	}
	if (broker === 'ccxt') {
		const credential = await context.getCredentials(BROKER_CREDENTIAL_TYPES.ccxt, itemIndex);
		const config = cryptoExchangeConfig(credential);
		return await cachedCcxtBroker(['ccxt', config], () => createCcxtBroker(config, { orderSymbol: symbolFromJournal(ledger) }));
	}
	if (broker === 'bybit') {
		const credential = await context.getCredentials(BROKER_CREDENTIAL_TYPES.bybit, itemIndex);
		const config = bybitConfig(credential);
		return await cachedCcxtBroker(['bybit', config], () => createBybitBroker(config, { orderSymbol: symbolFromJournal(ledger) }));
	}
	if (broker === 'okx') {
		const credential = await context.getCredentials(BROKER_CREDENTIAL_TYPES.okx, itemIndex);
		const config = okxConfig(credential);
		return await cachedCcxtBroker(['okx', config], () => createOkxBroker(config, { orderSymbol: symbolFromJournal(ledger) }));
	}
	if (broker === 'oanda') {
		const credential = await context.getCredentials(BROKER_CREDENTIAL_TYPES.oanda, itemIndex);
		return new OandaBroker(n8nHttpPort(context), oandaConfig(credential));
	}
	if (broker === 'tradovate') {
		// The token, account and contracts live in the process's session for this credential.
		const credential = await context.getCredentials(BROKER_CREDENTIAL_TYPES.tradovate, itemIndex);
		return new TradovateBroker(n8nHttpPort(context), tradovateConfig(credential));
	}
	if (broker === 'paper') return new PaperBroker(ledger.paper, paperAccountOf(context, itemIndex));
	throw new NodeOperationError(context.getNode(), `Unknown broker "${broker}"`, { itemIndex });
}
