import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/** Any exchange ccxt supports; exchanges sign requests in their own ways, so the Broker Order node tests it. */
export class CryptoExchangeApi implements ICredentialType {
	name = 'cryptoExchangeApi';

	displayName = 'Crypto Exchange (Ccxt) API';

	icon: Icon = { light: 'file:../icons/cryptoExchangeApi.svg', dark: 'file:../icons/cryptoExchangeApi.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-tradingview-autotrade/n8n-nodes-tradingview-autotrade#other-crypto-exchanges';

	properties: INodeProperties[] = [
		{
			displayName: 'Exchange ID',
			name: 'exchangeId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'kraken',
			description: "The exchange's id in ccxt's list of exchanges, e.g. kraken, bybit, okx, coinbase",
		},
		{ displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, required: true, default: '' },
		{ displayName: 'Secret', name: 'secret', type: 'string', typeOptions: { password: true }, required: true, default: '' },
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Only for exchanges that have an API passphrase (e.g. OKX, KuCoin)',
		},
		{ displayName: 'UID', name: 'uid', type: 'string', default: '', description: 'Only for exchanges that need a user ID' },
		{
			displayName: 'Sandbox',
			name: 'sandbox',
			type: 'boolean',
			default: true,
			description: "Whether to use the exchange's test environment, where it has one",
		},
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '', description: "Leave empty to use the exchange's address" },
	];
}
