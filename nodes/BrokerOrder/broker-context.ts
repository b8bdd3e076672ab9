import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Broker } from '../../core/brokers/broker';
import { AlpacaBroker } from '../../core/brokers/alpaca/alpaca-broker';
import { createBinanceBroker, createCcxtBroker } from '../../core/brokers/ccxt/ccxt-broker';
import { OandaBroker } from '../../core/brokers/oanda/oanda-broker';
import { binanceConfig, cryptoExchangeConfig } from './ccxt-credentials';
import { PaperBroker } from '../../core/brokers/paper/paper-broker';
import type { Ledger } from '../../core/ledger/ledger';
import { defaultLedgerPath } from '../../core/ledger/ledger-location';
import { sharedLedger } from '../../core/ledger/open-ledger';
import type { PlaceOnceContext } from '../../core/order/place-once';
import { n8nHttpPort } from './n8n-http-port';
import { DEFAULT_RETRY_POLICY } from '../../core/order/retry-policy';

export interface BrokerContext extends PlaceOnceContext {
	ledger: Ledger;
}

function openLedger(context: IExecuteFunctions): Ledger {
	const path = defaultLedgerPath(process.env);
	try {
		return sharedLedger(path);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), `The ledger at ${path} could not be opened: ${(error as Error).message}`, {
			description: 'n8n must run on Node.js 22.13 or newer (node:sqlite) and be able to write to its user folder.',
		});
	}
}

async function createBroker(context: IExecuteFunctions, ledger: Ledger, itemIndex: number): Promise<Broker> {
	const broker = context.getNodeParameter('broker', itemIndex) as string;
	if (broker === 'alpaca') {
		const credential = await context.getCredentials('alpacaApi', itemIndex);
		return new AlpacaBroker(n8nHttpPort(context), {
			keyId: String(credential.keyId ?? ''),
			secretKey: String(credential.secretKey ?? ''),
			environment: credential.environment === 'live' ? 'live' : 'paper',
			baseUrl: optionalText(credential.baseUrl),
		});
	}
	if (broker === 'binance') {
		const credential = await context.getCredentials('binanceApi', itemIndex);
		return createBinanceBroker(binanceConfig(credential), { orderSymbol: symbolFromJournal(ledger) });
	}
	if (broker === 'ccxt') {
		const credential = await context.getCredentials('cryptoExchangeApi', itemIndex);
		return createCcxtBroker(cryptoExchangeConfig(credential), { orderSymbol: symbolFromJournal(ledger) });
	}
	if (broker === 'oanda') {
		const credential = await context.getCredentials('oandaApi', itemIndex);
		return new OandaBroker(n8nHttpPort(context), {
			accessToken: String(credential.accessToken ?? ''),
			accountId: String(credential.accountId ?? '').trim(),
			environment: credential.environment === 'live' ? 'live' : 'practice',
			baseUrl: optionalText(credential.baseUrl),
		});
	}
	if (broker === 'paper') {
		return new PaperBroker(ledger.paper, {
			account: (context.getNodeParameter('paperAccount', itemIndex, 'default') as string).trim() || 'default',
			startingCash: context.getNodeParameter('paperStartingCash', itemIndex, 100000) as number,
			currency: (context.getNodeParameter('paperCurrency', itemIndex, 'USD') as string).trim() || 'USD',
		});
	}
	throw new NodeOperationError(context.getNode(), `Unknown broker "${broker}"`, { itemIndex });
}

/** Binance finds an order only with its symbol: the journal knows it from the order's first attempt. */
function symbolFromJournal(ledger: Ledger) {
	return async (clientOrderId: string): Promise<string | null> => {
		for (const event of await ledger.orders.list({ clientOrderId })) {
			const symbol = (event.detail as { request?: { symbol?: unknown } } | null)?.request?.symbol;
			if (typeof symbol === 'string') return symbol;
		}
		return null;
	};
}

const optionalText = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() !== '' ? value.trim().replace(/\/+$/, '') : undefined;

/** The broker, the ledger and the retry policy one item is handled with. */
export async function brokerContextFor(context: IExecuteFunctions, itemIndex: number, maxAttempts?: number): Promise<BrokerContext> {
	const ledger = openLedger(context);
	return {
		ledger,
		broker: await createBroker(context, ledger, itemIndex),
		journal: ledger.orders,
		scope: `${context.getWorkflow().id ?? 'unsaved'}/${context.getNode().id}`,
		retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: maxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts },
	};
}
