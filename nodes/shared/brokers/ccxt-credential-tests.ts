import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import type { Broker } from '../../../core/brokers/broker';
import { createBinanceBroker } from '../../../core/brokers/binance/binance-broker';
import { createCcxtBroker } from '../../../core/brokers/ccxt/ccxt-broker';
import { binanceConfig, cryptoExchangeConfig } from './credential-configs';

/** "Test" in the editor: a signed account read, which proves the keys and the signature. */
async function testWith(create: () => Broker): Promise<INodeCredentialTestResult> {
	try {
		const account = await create().getAccount();
		return { status: 'OK', message: `Connected: ${account.currency} equity ${account.equity}` };
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
}

export async function binanceCredentialTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	return await testWith(() => createBinanceBroker(binanceConfig(credential.data ?? {})));
}

export async function cryptoExchangeCredentialTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	return await testWith(() => createCcxtBroker(cryptoExchangeConfig(credential.data ?? {})));
}
