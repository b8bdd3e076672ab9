import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import type { Broker } from '../../core/brokers/broker';
import { createBinanceBroker, createCcxtBroker } from '../../core/brokers/ccxt/ccxt-broker';

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const optional = (value: unknown): string | undefined => text(value).replace(/\/+$/, '') || undefined;

export function binanceConfig(credential: ICredentialDataDecryptedObject) {
	return {
		apiKey: text(credential.apiKey),
		secretKey: text(credential.secretKey),
		environment: credential.environment === 'live' ? ('live' as const) : ('testnet' as const),
		market: credential.market === 'usdm' ? ('usdm' as const) : ('spot' as const),
		positionMode: credential.positionMode === 'hedge' ? ('hedge' as const) : ('one-way' as const),
		baseUrl: optional(credential.baseUrl),
	};
}

export function cryptoExchangeConfig(credential: ICredentialDataDecryptedObject) {
	return {
		exchangeId: text(credential.exchangeId).toLowerCase(),
		apiKey: text(credential.apiKey),
		secret: text(credential.secret),
		password: optional(credential.password),
		uid: optional(credential.uid),
		sandbox: credential.sandbox !== false,
		baseUrl: optional(credential.baseUrl),
	};
}

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
