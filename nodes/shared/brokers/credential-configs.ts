import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { AlpacaConfig } from '../../../core/brokers/alpaca/alpaca-broker';
import type { BinanceConfig } from '../../../core/brokers/binance/binance-broker';
import type { CcxtExchangeConfig } from '../../../core/brokers/ccxt/ccxt-broker';
import type { BybitConfig } from '../../../core/brokers/bybit/bybit-broker';
import type { OandaConfig } from '../../../core/brokers/oanda/oanda-broker';
import type { OkxConfig } from '../../../core/brokers/okx/okx-broker';
import type { TradovateConfig } from '../../../core/brokers/tradovate/tradovate-broker';

// From a decrypted broker credential to the adapter's config: text trimmed, empty optional
// fields absent, base URLs without a trailing slash (secrets keep every other character).

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const optional = (value: unknown): string | undefined => text(value) || undefined;
const optionalUrl = (value: unknown): string | undefined => text(value).replace(/\/+$/, '') || undefined;

export function binanceConfig(credential: ICredentialDataDecryptedObject): BinanceConfig {
	return {
		apiKey: text(credential.apiKey),
		secretKey: text(credential.secretKey),
		environment: credential.environment === 'live' ? ('live' as const) : ('testnet' as const),
		market: credential.market === 'usdm' ? ('usdm' as const) : ('spot' as const),
		baseUrl: optionalUrl(credential.baseUrl),
	};
}

export function cryptoExchangeConfig(credential: ICredentialDataDecryptedObject): CcxtExchangeConfig {
	return {
		exchangeId: text(credential.exchangeId).toLowerCase(),
		apiKey: text(credential.apiKey),
		secret: text(credential.secret),
		password: optional(credential.password),
		uid: optional(credential.uid),
		sandbox: credential.sandbox !== false,
		baseUrl: optionalUrl(credential.baseUrl),
	};
}

/** 0 or empty: the leverage is left as the account has it. */
const optionalLeverage = (value: unknown): number | undefined => (typeof value === 'number' && value !== 0 ? value : undefined);
const positionMode = (value: unknown) => (value === 'hedge' ? ('hedge' as const) : ('one-way' as const));

export function bybitConfig(credential: ICredentialDataDecryptedObject): BybitConfig {
	return {
		apiKey: text(credential.apiKey),
		secret: text(credential.secret),
		environment: credential.environment === 'live' ? 'live' : 'testnet',
		positionMode: positionMode(credential.positionMode),
		leverage: optionalLeverage(credential.leverage),
		baseUrl: optionalUrl(credential.baseUrl),
	};
}

export function okxConfig(credential: ICredentialDataDecryptedObject): OkxConfig {
	return {
		apiKey: text(credential.apiKey),
		secret: text(credential.secret),
		passphrase: text(credential.passphrase),
		environment: credential.environment === 'live' ? 'live' : 'demo',
		positionMode: positionMode(credential.positionMode),
		marginMode: credential.marginMode === 'isolated' ? 'isolated' : 'cross',
		leverage: optionalLeverage(credential.leverage),
		baseUrl: optionalUrl(credential.baseUrl),
	};
}

export function alpacaConfig(credential: ICredentialDataDecryptedObject): AlpacaConfig {
	return {
		keyId: String(credential.keyId ?? ''),
		secretKey: String(credential.secretKey ?? ''),
		environment: credential.environment === 'live' ? 'live' : 'paper',
		baseUrl: optionalUrl(credential.baseUrl),
	};
}

export function oandaConfig(credential: ICredentialDataDecryptedObject): OandaConfig {
	return {
		accessToken: String(credential.accessToken ?? ''),
		accountId: text(credential.accountId),
		environment: credential.environment === 'live' ? 'live' : 'practice',
		baseUrl: optionalUrl(credential.baseUrl),
	};
}

export function tradovateConfig(credential: ICredentialDataDecryptedObject): TradovateConfig {
	return {
		username: text(credential.username),
		password: String(credential.password ?? ''),
		appId: text(credential.appId),
		appVersion: text(credential.appVersion) || '1.0',
		cid: Number(credential.cid),
		secret: String(credential.secret ?? ''),
		environment: credential.environment === 'live' ? 'live' : 'demo',
		account: optional(credential.account),
		baseUrl: optionalUrl(credential.baseUrl),
	};
}
